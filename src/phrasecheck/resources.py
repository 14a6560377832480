"""Locate the rule data shipped with phrasecheck (inside the wheel, or at the top of a checkout)."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

Built = TypeVar("Built")

_PACKAGED = Path(__file__).parent / "lexicons"
_CHECKOUT = Path(__file__).resolve().parents[2] / "lexicons"


def data_path(*parts: str) -> Path:
    """Path of shipped data, e.g. ``data_path("scripts")``: the wheel's copy, else the checkout's."""
    root = _PACKAGED if _PACKAGED.is_dir() else _CHECKOUT
    return root.joinpath(*parts)


def read_model(path: str | Path, build: Callable[[dict], Built], what: tuple[str, str]) -> Built:
    """``build`` of the gzipped JSON model file ``path`` (``what`` names the model, in Chinese and English); a
    missing or damaged file, or one ``build`` refuses, raises :class:`~phrasecheck.tomlfile.DataFileError` naming it."""
    from .models import Diagnostic
    from .tomlfile import DataFileError

    try:
        with gzip.open(path, "rt", encoding="utf-8") as stream:
            return build(json.load(stream))
    except (OSError, EOFError, ValueError, KeyError, TypeError) as error:
        message = f"{what[0]}文件无法读取 / cannot read {what[1]}: {type(error).__name__}: {error}"
        raise DataFileError([Diagnostic(str(path), 0, message)]) from None
