"""Which files a batch reads: named files, directories (recursively) and glob patterns, in a stable order.

A file named on the command line is always read. Inside directories (and from glob patterns),
hidden files and folders, editor and download leftovers, and files whose extension says they
are not transcripts (recordings, documents, databases …) are skipped (.xlsx call logs are read),
and so are the batch's own outputs. So are FIFOs, devices and sockets inside directories, and archives
(.zip, .7z …: exports are often sent zipped), each with a warning.
"""

from __future__ import annotations

import glob
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from ..models import Diagnostic, pickled_as_arguments
from ..textio import display_path, os_reason

#: Extensions of archives, skipped with a warning: a supervisor's trial lost a zip of ten calls without a word.
ARCHIVES = frozenset({".zip", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".rar", ".tar"})
#: Extensions of files that are never transcripts; skipped inside directories.
NOT_TRANSCRIPTS = frozenset({
    ".db", ".sqlite", ".sqlite3", ".db-wal", ".db-shm", ".db-journal", ".db-lock",
    ".xls", ".doc", ".docx", ".pdf", ".ppt", ".pptx", ".html", ".htm", ".odt", ".ods", ".odp", ".ofd", ".xps", ".docm",
    ".wav", ".mp3", ".m4a", ".amr", ".ogg", ".flac", ".aac", ".wma", ".mp4", ".avi", ".mov",
    ".jpg", ".jpeg", ".png", ".gif", ".bmp", ".exe", ".dll", ".so", ".pyc",
}) | ARCHIVES
#: Name endings of temporary files (editors, downloads, interrupted writes), and of a results store's lock (left
#: beside whatever ``--db`` named, even a log named by mistake).
TEMPORARY_SUFFIXES = (".tmp", ".temp", ".part", ".partial", ".crdownload", ".swp", ".swo", ".bak", "~", "-lock")
_GLOB_CHARS = frozenset("*?[")
_ARCHIVE_SKIPPED = "压缩包未读取：请先解压 / an archive, not read: unpack it first"


@pickled_as_arguments  # sent to the workers in thousands
@dataclass(frozen=True, slots=True)
class InputFile:
    """A file to read: its path as named (for opening it), its real absolute path as text (its identity), its
    size, and when it was last modified (a POSIX time; None when it cannot be seen)."""

    path: str
    key: str
    size: int
    modified: float | None = None


def discover(inputs: Iterable[str], exclude: Iterable[str | os.PathLike] = ()) -> Iterator[InputFile | Diagnostic]:
    """Every file to read, each once, in the order given (directory contents and glob matches sorted).

    ``exclude`` names files never to read (the batch's outputs). An input that names nothing
    becomes an error :class:`Diagnostic`.
    """
    inputs = list(inputs)
    skip = {display_path(os.path.realpath(path)) for path in exclude}
    remember = _may_repeat(inputs)  # else nothing is kept per file, so memory stays flat for 100,000s of files
    #: The directories walked, when files are not remembered: a link to a file they hold is not read again.
    roots = () if remember else tuple(os.path.realpath(name) for name in inputs if os.path.isdir(name))
    for name in inputs:
        for file in _expand(name, roots):
            if isinstance(file, Diagnostic):
                yield file
            elif file.key not in skip:
                if remember:
                    skip.add(file.key)
                yield file


def _may_repeat(inputs: list[str]) -> bool:
    """Whether a file could be reached twice: through a glob, a repeated input, or an input inside another."""
    if any(_GLOB_CHARS & set(name) and not os.path.exists(name) for name in inputs):
        return True
    named = [os.path.realpath(name) for name in inputs]
    seen = set(named)
    if len(seen) < len(named):
        return True
    for path in named:
        parent = os.path.dirname(path)
        while parent != path:
            if parent in seen:
                return True
            path, parent = parent, os.path.dirname(parent)
    return False


def is_skipped(name: str) -> bool:
    """True for hidden, temporary and non-transcript files (as found inside a directory)."""
    lower = name.lower()
    return name.startswith((".", "~$")) or lower.endswith(TEMPORARY_SUFFIXES) or _suffix(lower) in NOT_TRANSCRIPTS


def _is_archive(name: str) -> bool:
    return not name.startswith(".") and _suffix(name.lower()) in ARCHIVES


def _suffix(name: str) -> str:
    """``PurePath(name).suffix`` without building a path (this runs for each of 100,000s of files)."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def _expand(name: str, roots: tuple[str, ...]) -> Iterator[InputFile | Diagnostic]:
    if os.path.isdir(name):
        yield from _walk(name, roots)
    elif os.path.exists(name):
        yield _named(name)
    elif _GLOB_CHARS & set(name):
        yield from _glob(name)
    else:
        yield Diagnostic(display_path(name), 0, "文件或目录不存在 / no such file or directory")


def _glob(pattern: str) -> Iterator[InputFile | Diagnostic]:
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        yield Diagnostic(display_path(pattern), 0, "没有匹配的文件 / no file matches this pattern")
    for match in matches:
        if os.path.isdir(match):
            yield from _walk(match)
        elif _is_archive(os.path.basename(match)):
            yield Diagnostic(display_path(match), 0, _ARCHIVE_SKIPPED, "warning")
        elif not is_skipped(os.path.basename(match)):
            yield _named(match)


def _named(path: str) -> InputFile:
    return InputFile(path, display_path(os.path.realpath(path)), *_stat(lambda: os.stat(path)))


def _walk(directory: str, roots: tuple[str, ...] = (), real: str | None = None) -> Iterator[InputFile | Diagnostic]:
    """Files under ``directory``, depth first, names sorted, hidden and temporary ones left out.

    Symbolic links to directories are not followed (as :func:`os.walk`), and a link to a file
    that the walk of one of ``roots`` reaches itself is left out (the call would be counted
    twice). ``real`` is the directory's real path: each file's identity is that joined with its
    name, unless the file is itself a link, so that no path is resolved component by component.
    """
    real = real or os.path.realpath(directory)
    try:
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as problem:
        where = display_path(problem.filename or directory)
        yield Diagnostic(where, 0, f"无法读取目录 / cannot list directory: {os_reason(problem)}")
        return
    folders = []
    for entry in entries:
        if _is_folder(entry):
            if not entry.name.startswith(".") and not entry.is_symlink():
                folders.append(entry)
        elif _is_archive(entry.name):
            yield Diagnostic(display_path(entry.path), 0, _ARCHIVE_SKIPPED, "warning")
        elif not is_skipped(entry.name):
            if _special(entry):
                yield Diagnostic(display_path(entry.path), 0, "不是普通文件（管道、设备或套接字），已跳过 / "
                                                             "not a regular file (FIFO, device or socket); skipped", "warning")
                continue
            if entry.is_symlink():
                key = os.path.realpath(entry.path)
                if _walked_to(key, roots):
                    continue  # a link to a file the walk reads itself
            else:
                key = os.path.join(real, entry.name)
            yield InputFile(entry.path, display_path(key), *_stat(entry.stat))
    for folder in folders:
        yield from _walk(folder.path, roots, os.path.join(real, folder.name))


def _walked_to(path: str, roots: tuple[str, ...]) -> bool:
    """Whether walking one of ``roots`` reaches the existing file ``path`` itself: it lies under
    the root, with no hidden folder on the way and a name that is not skipped."""
    for root in roots:
        prefix = root.rstrip(os.sep) + os.sep
        if path.startswith(prefix) and os.path.isfile(path):
            parts = path[len(prefix):].split(os.sep)
            if not any(part.startswith(".") for part in parts[:-1]) and not is_skipped(parts[-1]):
                return True
    return False


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _special(entry: os.DirEntry) -> bool:
    """A FIFO, device or socket (or a link to one): never a transcript, and reading one may wait forever."""
    try:
        return not entry.is_file() and not stat.S_ISDIR(entry.stat().st_mode)
    except OSError:
        return False  # a broken link: read, and reported as unreadable


def _stat(stat_of: Callable[[], os.stat_result]) -> tuple[int, float | None]:
    """A file's size and modification time (0 and None when it cannot be seen)."""
    try:
        seen = stat_of()
    except OSError:
        return 0, None
    return seen.st_size, seen.st_mtime
