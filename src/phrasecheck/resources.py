"""Locate the rule data shipped with phrasecheck (inside the wheel, or at the top of a checkout)."""

from __future__ import annotations

from pathlib import Path

_PACKAGED = Path(__file__).parent / "lexicons"
_CHECKOUT = Path(__file__).resolve().parents[2] / "lexicons"


def data_path(*parts: str) -> Path:
    """Path of shipped data, e.g. ``data_path("scripts")``: the wheel's copy, else the checkout's."""
    root = _PACKAGED if _PACKAGED.is_dir() else _CHECKOUT
    return root.joinpath(*parts)
