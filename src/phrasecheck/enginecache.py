"""Built matchers and scorers kept on disk, so that a command does not compile its rules again.

Building the default rules (validating the lexicons, parsing their patterns, building the
automata and the scripts' prefilter) takes about a second; loading what an earlier command built,
its patterns kept as compiled programs (:class:`_Pickler`), about 0.15 s. A cached engine is found by everything it was
built from: the bytes and paths of every rule file, the configuration that changes rules
(disabled rules, severities, suggestions, thresholds, grade bands), the Python version, phrasecheck's own files
and shipped data (the paraphrase model among them), and the pinyin and OpenCC packages' versions.
Anything unreadable, or a file that does not load, only means building afresh. ``PHRASECHECK_CACHE=off`` turns the cache off (:mod:`phrasecheck.diskcache`);
the newest :data:`KEPT` engines are kept, older ones removed. Unpickling runs code, so an engine is
written readable by its user alone, and only a file of this user that no one else may change is loaded.
"""

from __future__ import annotations

import _sre
import hashlib
import io
import os
import pickle
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from re import _compiler as re_compiler
from re import _parser as re_parser
from typing import TypeVar

from .config import Config
from .diskcache import cache_path, package_stamp, read_cached, save_cached
from .lexicon.load import default_lexicon_files
from .resources import data_path
from .scoring.scripts import default_script_files
from .tomlfile import toml_files

Built = TypeVar("Built")

#: Engines kept on disk (each a few hundred kB): a user's configurations, not every one ever tried.
KEPT = 8
PREFIX = "engine-"
PACKAGE = Path(__file__).resolve().parent


def cached(kind: str, config: Config, lexicons: Iterable[Path], scripts: Iterable[Path] | None,
           build: Callable[[], Built]) -> Built:
    """What ``build`` returns for these rules (``scripts`` None: a matcher, which reads no scripts),
    loaded from the cache when an earlier process built the same."""
    path = _path(kind, config, lexicons, scripts)
    if path is not None and _trusted(path) and (data := read_cached(path)) is not None:
        try:
            built = pickle.loads(data)
        except Exception:  # noqa: BLE001 - a truncated or foreign file is rebuilt, never an error
            pass
        else:
            _touch(path)
            return built
    built = build()
    if path is not None:
        try:
            data = _dumps(built)
        except Exception:  # noqa: BLE001 - what cannot be kept is built again next time, never an error
            return built
        save_cached(path, data)
        try:
            os.chmod(path, 0o600)
        except OSError:
            pass
        _remove_old(path.parent)
    return built


def _dumps(built) -> bytes:
    """``built`` pickled, its compiled patterns as their programs (:class:`_Pickler`)."""
    stream = io.BytesIO()
    _Pickler(stream, protocol=pickle.HIGHEST_PROTOCOL).dump(built)
    return stream.getvalue()


class _Pickler(pickle.Pickler):
    """Pickles each compiled pattern as the program ``re`` compiled it to, not as its source: parsing and compiling the
    rules' five hundred patterns again was three quarters of loading an engine (0.43 s → 0.13 s for a scorer). A cache
    file is found by the exact Python version (:func:`_path`), whose ``re`` wrote the programs; a pattern this ``re``
    cannot take apart is pickled as usual."""

    def reducer_override(self, obj):
        if type(obj) is not re.Pattern:
            return NotImplemented
        try:
            parsed = re_parser.parse(obj.pattern, obj.flags)
            program = [int(code) for code in re_compiler._code(parsed, obj.flags)]
        except Exception:  # noqa: BLE001 - another Python's re: pickled as its source
            return NotImplemented
        names = dict(parsed.state.groupdict)
        groups = [None] * parsed.state.groups
        for name, number in names.items():
            groups[number] = name
        flags = obj.flags | parsed.state.flags
        return _compiled, (obj.pattern, flags, program, parsed.state.groups - 1, names, tuple(groups))


def _compiled(pattern: str, flags: int, program: list[int], groups: int, names: dict, group_names: tuple) -> re.Pattern:
    """A pattern from the program :class:`_Pickler` kept (compiled from its source if this ``re`` refuses it)."""
    try:
        return _sre.compile(pattern, flags, program, groups, names, group_names)
    except Exception:  # noqa: BLE001 - never an error: the source is there
        return re.compile(pattern, flags)


def _trusted(path: Path) -> bool:
    """Whether this user wrote the file and no one else may change it: unpickling a file runs what it says."""
    try:
        status = os.stat(path)
    except OSError:
        return False
    mine = not hasattr(os, "getuid") or status.st_uid == os.getuid()
    return mine and not status.st_mode & 0o022


def _path(kind: str, config: Config, lexicons: Iterable[Path], scripts: Iterable[Path] | None) -> Path | None:
    """The cache file for these inputs, or None when caching is off or a rule file cannot be read."""
    files = default_lexicon_files() + toml_files([*config.lexicons, *lexicons])
    if scripts is not None:
        files += default_script_files() + toml_files([*config.scripts, *scripts])
    digest = hashlib.sha256(repr((kind, sys.version, _stamp(PACKAGE), _stamp(data_path()), _folding_stamp(),
                                  config.disabled, sorted(config.severities.items()), sorted(config.suggestions.items()),
                                  config.matching,
                                  config.grades)).encode())
    for file in files:
        try:
            content = file.read_bytes()
        except OSError:
            return None
        digest.update(f"\0{os.path.abspath(file)}\0{len(content)}\0".encode())
        digest.update(content)
    return cache_path(f"{PREFIX}{digest.hexdigest()[:32]}.pickle")


def _stamp(folder: Path) -> str:
    """The name, size and time of every file under ``folder`` (phrasecheck's code, or its shipped data
    with the paraphrase model): an upgrade or an edit builds afresh."""
    stamps = []
    for root, folders, names in os.walk(folder):
        folders[:] = sorted(inner for inner in folders if inner != "__pycache__")
        for name in sorted(names):
            try:
                status = os.stat(os.path.join(root, name))
            except OSError:  # removed meanwhile (an editor's swap file): it is no part of the rules
                continue
            stamps.append(f"{root}/{name}:{status.st_size}:{status.st_mtime_ns}")
    return hashlib.sha256("\n".join(stamps).encode()).hexdigest()


def _folding_stamp() -> str:
    """The versions of the packages whose tables fold the rules' wordings (pinyin, traditional script)."""
    return "-".join(package_stamp(name) for name in ("pypinyin", "opencc"))


def _touch(path: Path) -> None:
    """Mark an engine as used, so that it is among the newest kept."""
    try:
        os.utime(path)
    except OSError:
        pass


def _remove_old(folder: Path) -> None:
    """Remove all but the :data:`KEPT` newest engines (another process may be removing them too)."""
    try:
        engines = sorted(folder.glob(f"{PREFIX}*.pickle"), key=lambda path: path.stat().st_mtime_ns, reverse=True)
        for old in engines[KEPT:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
