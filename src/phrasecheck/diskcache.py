"""Files phrasecheck derives once and keeps on disk (folding tables, the word trie).

They live in ``$PHRASECHECK_CACHE`` (else ``$XDG_CACHE_HOME/phrasecheck``, else
``~/.cache/phrasecheck``). ``PHRASECHECK_CACHE=off`` turns writing them off: each process then
builds what it needs in memory. A cache that cannot be written only costs the rebuild next time.
"""

from __future__ import annotations

import importlib.util
import os
import stat
from pathlib import Path

OFF = "off"
#: Largest cache file read (the word trie is about 10 MB): a bigger one is not phrasecheck's, and is rebuilt.
MAX_CACHED_BYTES = 64 << 20


def cache_path(name: str) -> Path | None:
    """Where the cached file ``name`` lives, or None when caching is turned off."""
    base = os.environ.get("PHRASECHECK_CACHE")
    if base == OFF:
        return None
    if base:
        return Path(base) / name
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "phrasecheck" / name


def read_cached(path: Path | None) -> bytes | None:
    """The cached file's bytes, or None when there is none, or none usable (not a regular file, too
    big), or caching is off. What the bytes hold is the caller's to check."""
    if path is None:
        return None
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        status = os.fstat(handle)
        if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_CACHED_BYTES:
            return None
        with open(handle, "rb", closefd=False) as stream:
            return stream.read(MAX_CACHED_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(handle)


def save_cached(path: Path | None, data: bytes) -> None:
    """Write a cache file atomically; a read-only or full disk is not an error."""
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temp.write_bytes(data)
        os.replace(temp, path)
    except OSError:
        pass


def package_stamp(package: str) -> str:
    """What tells one installation of ``package`` from another (the size and time of its main file),
    found without importing it or :mod:`importlib.metadata` (which alone costs 12 ms): part of a
    cache file's name, so that an upgrade rebuilds what was derived from the package."""
    spec = importlib.util.find_spec(package)
    try:
        stat = os.stat(spec.origin)
    except (AttributeError, TypeError, OSError):
        return "0"
    return f"{stat.st_size:x}{stat.st_mtime_ns:x}"
