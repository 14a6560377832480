"""Read text files the way Chinese offices save them: UTF-8 (with or without BOM), GB18030/GBK, UTF-16."""

from __future__ import annotations

import codecs
import errno
import io
import os
import re
import select
import stat
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .models import Diagnostic

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL_BYTES = set(range(0, 9)) | {11, 12} | set(range(14, 32)) - {27}
#: Every other byte: what ``bytes.translate`` deletes to count control bytes.
_NOT_CONTROL = bytes(byte for byte in range(256) if byte not in _CONTROL_BYTES)
#: The same control characters in decoded text (to tell BOM-less UTF-16 from binary data).
_TEXT_CONTROL = re.compile(f"[{''.join(map(chr, sorted(_CONTROL_BYTES)))}]")
_NON_ASCII = re.compile(rb"[\x80-\xff]")
STDIN = "-"
#: Codecs that drop the BOM themselves, also after a seek back to the start.
_BOM_AWARE = {
    "utf-8-sig": "utf-8-sig", "utf-16-le": "utf-16", "utf-16-be": "utf-16", "utf-32-le": "utf-32", "utf-32-be": "utf-32",
}
_SNIFF_BYTES = 1 << 16
_SNIFF_LIMIT = 1 << 24
#: Largest input held whole in memory: standard input, a draft ``fix`` rewrites, a regulation document.
MAX_WHOLE_BYTES = 64 << 20
#: Seconds a named pipe (FIFO) is given for something to be written to it before it is reported.
PIPE_WAIT = 10.0
#: Opening a FIFO with this flag returns at once instead of waiting for a writer.
_NO_WAIT = getattr(os, "O_NONBLOCK", 0)
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | _NO_WAIT


def display_path(path: str | os.PathLike) -> str:
    """``path`` as text that can be printed and stored: the bytes of a file name that is not UTF-8
    (a GBK name from an old archive, say) as ``\\xNN`` escapes, instead of lone surrogates."""
    text = os.fspath(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text


class InputError(Exception):
    """An input that cannot be read; carries a :class:`Diagnostic` naming the file and line."""

    def __init__(self, path: str, message: str, line: int = 0):
        super().__init__(message)
        self.diagnostic = Diagnostic(display_path(path), line, message)

    def __str__(self) -> str:
        return str(self.diagnostic)


@dataclass(frozen=True, slots=True)
class DecodedText:
    """A file's text with the encoding and BOM it came in, so it can be written back the same way."""

    path: str
    text: str
    encoding: str
    #: Whether the file began with a byte order mark (``utf-8-sig`` writes its own back).
    bom: bool = False


#: How the archives that exports come in begin (zip, gzip, bzip2, xz, 7z, rar).
ARCHIVE_MAGIC = (b"PK\x03\x04", b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00", b"7z\xbc\xaf\x27\x1c", b"Rar!\x1a\x07")


#: Documents that are zip archives inside (OpenDocument, e-books): not text, but no archive to unpack either.
_ZIPPED_DOCUMENTS = (".odt", ".ods", ".odp", ".ofd", ".xps", ".oxps", ".docm", ".xlsm", ".pptx", ".epub", ".pages", ".numbers",
                     ".key", ".jar", ".apk")


def _binary(path: str, head: bytes) -> InputError:
    """The error for a file that is not text, saying so plainly of an archive (unpack it first)."""
    if head.startswith(ARCHIVE_MAGIC) and not path.lower().endswith(_ZIPPED_DOCUMENTS):
        return InputError(path, "是压缩包，不是文本文件：请先解压，再读取其中的文件 / an archive, not a text file: unpack it "
                                "and read the files in it")
    return InputError(path, "不是文本文件（含二进制内容） / not a text file (binary content)")


def decode_bytes(data: bytes, path: str = "<bytes>") -> DecodedText:
    """Decode ``data``: BOM first, then strict UTF-8, then GB18030; binary data raises InputError."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data if encoding == "utf-8-sig" else data[len(bom):]
            return DecodedText(path, _strict(body, encoding, path), encoding, bom=True)
    guessed = _guess_utf16(data)
    if guessed:
        return DecodedText(path, _strict(data, guessed, path), guessed)
    if _looks_binary(data):
        raise _binary(path, data)
    try:
        return DecodedText(path, data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return DecodedText(path, data.decode("gb18030"), "gb18030")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InputError(
            path, "无法识别的编码（不是 UTF-8、GB18030 或 UTF-16） / undecodable text", line
        ) from None


def read_text(path: str | os.PathLike) -> DecodedText:
    """Read and decode a file, or standard input when ``path`` is ``-``; either at most :data:`MAX_WHOLE_BYTES`."""
    return decode_bytes(read_bytes(path), input_name(path))


def input_name(path: str | os.PathLike) -> str:
    """How messages name an input: ``<stdin>`` for ``-``."""
    return "<stdin>" if str(path) == STDIN else str(path)


def read_bytes(path: str | os.PathLike, limit: int | None = None) -> bytes:
    """The bytes of a file (``-``: standard input) read whole; InputError past ``limit`` (default
    :data:`MAX_WHOLE_BYTES`), and for what is not a file or cannot be read."""
    limit = limit or MAX_WHOLE_BYTES
    name = input_name(path)
    with _open_binary(path) as binary:
        try:
            data = _read_up_to(binary, limit + 1)
        except OSError as error:
            raise _unreadable(name, error) from None
    if len(data) > limit:
        raise InputError(name, f"文件过大（超过 {limit >> 20} MiB），此命令需整体读入 / "
                               f"larger than {limit >> 20} MiB, too large for a command that reads it whole")
    return data


def open_text(path: str | os.PathLike) -> io.TextIOBase:
    """Open a file (or ``-`` for standard input) as a seekable text stream in its detected encoding.

    For reading big files record by record: only the head is sniffed (BOM, UTF-16 zero
    pattern, binary content → InputError; then the first non-ASCII bytes decide between UTF-8
    and GB18030). A BOM is not part of the text. Bytes that do not decode further on become
    U+FFFD instead of stopping the read. Line endings are kept (``newline=""``), as the csv
    module needs. A file that fits in the head (one call, say) is decoded at once.
    """
    binary = _open_binary(path)
    try:
        encoding, head = _sniff_encoding(binary, str(path))
        if len(head) < _SNIFF_BYTES:
            binary.close()
            return io.StringIO(head.decode(encoding, "replace"), newline="")
    except OSError as error:
        binary.close()
        raise _unreadable(str(path), error) from None
    except BaseException:
        binary.close()
        raise
    binary.seek(0)
    if isinstance(binary, io.FileIO):
        binary = io.BufferedReader(binary)
    return io.TextIOWrapper(binary, encoding=encoding, errors="replace", newline="")


def _open_binary(path: str | os.PathLike) -> io.RawIOBase | io.BytesIO:
    """The file unbuffered (most are read in one go; a big one gets its buffer later); standard input
    or a pipe read whole (at most :data:`MAX_WHOLE_BYTES`), so that it can be read again from the start.

    Only regular files and pipes are read: a device (``/dev/zero``) never ends. A named pipe
    (FIFO) is opened without waiting for a writer, then given :data:`PIPE_WAIT` seconds for
    something to arrive, so that one nobody writes to is an error instead of a wait forever.
    """
    if str(path) == STDIN:
        return _held(sys.stdin.buffer, "<stdin>")
    name = str(path)
    try:
        handle = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        raise _unreadable(name, error) from None
    try:
        mode = os.fstat(handle).st_mode
        if stat.S_ISDIR(mode):
            raise InputError(name, "是目录，不是文件 / is a directory")
        if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
            raise InputError(name, "不是普通文件（设备或套接字），未读取 / not a regular file (a device or socket); not read")
        if stat.S_ISFIFO(mode) and not _written_to(handle):
            raise InputError(name, f"管道在 {PIPE_WAIT:g} 秒内无人写入，未读取 / nothing was written to this pipe "
                                   f"within {PIPE_WAIT:g} s; not read")
        if _NO_WAIT:
            os.set_blocking(handle, True)
    except OSError as error:
        os.close(handle)
        raise _unreadable(name, error) from None
    except BaseException:
        os.close(handle)
        raise
    binary = io.FileIO(handle, "rb")
    if stat.S_ISREG(mode):
        return binary
    with binary:
        try:
            return _held(binary, name)
        except OSError as error:
            raise _unreadable(name, error) from None


def _written_to(handle: int) -> bool:
    """Whether something is written to the pipe (or its writer closes it) within :data:`PIPE_WAIT` seconds."""
    if not hasattr(select, "poll"):
        return True
    waiting = select.poll()
    waiting.register(handle, select.POLLIN | select.POLLHUP)
    return bool(waiting.poll(PIPE_WAIT * 1000))


def _held(stream: io.RawIOBase | io.BufferedIOBase, name: str) -> io.BytesIO:
    """All of a stream that cannot seek (standard input, a pipe), in memory; InputError past :data:`MAX_WHOLE_BYTES`."""
    data = _read_up_to(stream, MAX_WHOLE_BYTES + 1)
    if len(data) > MAX_WHOLE_BYTES:
        raise InputError(name, f"标准输入或管道的内容超过 {MAX_WHOLE_BYTES >> 20} MiB，请改用文件 / standard input or "
                               f"pipe larger than {MAX_WHOLE_BYTES >> 20} MiB; give a file instead")
    return io.BytesIO(data)


#: What the system's most common reasons for not reading or writing a file say, in Chinese.
_REASONS = {errno.ENOENT: "文件或目录不存在", errno.EACCES: "没有权限", errno.EPERM: "不允许此操作", errno.EISDIR: "这是一个目录",
            errno.ENOTDIR: "路径中有一部分不是目录", errno.ENOSPC: "磁盘空间不足", errno.EROFS: "文件系统只读",
            errno.EMFILE: "打开的文件太多", errno.EIO: "输入输出错误", errno.ENAMETOOLONG: "文件名太长",
            errno.EEXIST: "文件已存在", errno.ENXIO: "设备不存在"}


def os_reason(error: OSError) -> str:
    """Why the system refused, Chinese first where it is one of the common reasons (文件或目录不存在 / No such file
    or directory), else as the system says it."""
    english = error.strerror or str(error)
    chinese = _REASONS.get(error.errno)
    return f"{chinese} / {english}" if chinese else english


def _unreadable(path: str, error: OSError) -> InputError:
    return InputError(path, f"无法读取 / cannot read: {os_reason(error)}")


def _sniff_encoding(binary: io.RawIOBase | io.BytesIO, path: str) -> tuple[str, bytes]:
    """Encoding of a stream, from the first bytes that tell (BOM-aware codecs when there is a
    BOM), and the stream's first :data:`_SNIFF_BYTES` (all of it when shorter)."""
    head = _read_up_to(binary, _SNIFF_BYTES)
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return _BOM_AWARE[encoding], head
    guessed = _guess_utf16(head)
    if guessed:
        return guessed, head
    if _looks_binary(head):
        raise _binary(path, head)
    sample, seen = head, len(head)
    while sample.isascii() and seen < _SNIFF_LIMIT:
        more = binary.read(_SNIFF_BYTES)
        if not more:
            return "utf-8", head
        sample, seen = more, seen + len(more)
    first = _NON_ASCII.search(sample)
    start = first.start() if first else 0
    return _utf8_or_gb18030(sample[start:start + 4096]), head


def _read_up_to(binary: io.RawIOBase | io.BufferedIOBase, size: int) -> bytes:
    """``size`` bytes, or all that is left: an unbuffered read may return fewer (from a pipe, say)."""
    data = binary.read(size)
    while 0 < len(data) < size and (more := binary.read(size - len(data))):
        data += more
    return data


def _utf8_or_gb18030(sample: bytes) -> str:
    """UTF-8 if the sample decodes as UTF-8; else GB18030 if it decodes as that; else UTF-8,
    the usual export encoding (a corrupt byte in a UTF-8 file becomes U+FFFD, not mojibake)."""
    try:
        sample.decode("utf-8")  # the usual case, answered without an incremental decoder
        return "utf-8"
    except UnicodeDecodeError:
        pass  # invalid, or only cut in the middle of a character: decide below
    for encoding in ("utf-8", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(sample, final=False)
        except UnicodeDecodeError:
            continue
        return encoding
    return "utf-8"


def write_text_atomic(path: str | os.PathLike, text: str, encoding: str = "utf-8", bom: bool = False) -> None:
    """Write ``text`` so that readers see either the old file or the whole new one, never a part.

    Through a symbolic link, the file it names is rewritten (the link stays a link). ``bom`` puts a
    byte order mark before UTF-16/32 text. The new file keeps the old one's permissions, and has
    no name until it is complete (``O_TMPFILE``, where the system has it), so a process killed
    while writing leaves nothing behind.
    """
    write_bytes_atomic(path, _encode(text, encoding, bom))


def write_bytes_atomic(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` as :func:`write_text_atomic` writes text: all or nothing, through links, same permissions."""
    target = Path(os.path.realpath(path))
    mode = target.stat().st_mode & 0o7777 if target.exists() else None
    if not _write_unnamed(target, data, mode):
        _write_named(target, data, mode)


def _write_unnamed(target: Path, data: bytes, mode: int | None) -> bool:
    """Write ``data`` into an unnamed file in ``target``'s folder, then give it ``target``'s name;
    False where the system cannot make unnamed files or name them (through ``/proc``)."""
    if not hasattr(os, "O_TMPFILE"):
        return False
    folder = os.open(target.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            handle = os.open(".", os.O_TMPFILE | os.O_WRONLY, 0o666, dir_fd=folder)
        except OSError as error:
            if error.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):  # not on this file system
                return False
            raise
        try:
            _write_all(handle, data)
            if mode is not None:  # else it has the usual mode of a new file already
                os.fchmod(handle, mode)
            temp = f".{target.name}.{os.urandom(4).hex()}.tmp"
            try:  # linkat(AT_SYMLINK_FOLLOW) of the descriptor's /proc link (a dir_fd makes Python call linkat)
                os.link(f"/proc/self/fd/{handle}", temp, dst_dir_fd=folder, follow_symlinks=True)
            except OSError:
                return False
        finally:
            os.close(handle)
        try:
            os.replace(temp, target.name, src_dir_fd=folder, dst_dir_fd=folder)
        except BaseException:
            os.unlink(temp, dir_fd=folder)
            raise
        return True
    finally:
        os.close(folder)


def _write_named(target: Path, data: bytes, mode: int | None) -> None:
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        try:
            _write_all(handle, data)
        finally:
            os.close(handle)
        os.chmod(temp, _new_file_mode() if mode is None else mode)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _write_all(handle: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(handle, view):]
    os.fsync(handle)


def _new_file_mode() -> int:
    """The mode a new file gets (read and write for all, less the umask)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _encode(text: str, encoding: str, bom: bool) -> bytes:
    if bom and encoding in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        return dict((name, mark) for mark, name in _BOMS)[encoding] + text.encode(encoding)
    return text.encode(encoding)


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(path, f"{encoding} 解码失败 / cannot decode as {encoding}: byte {error.start}") from None


def _guess_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM. Mostly-ASCII text leaves a zero in every other byte; Chinese text
    has zeros only here and there (line breaks, digits, 一 U+4E00), so it is taken as UTF-16
    when it reads as lines without control characters (binary data does not)."""
    sample = data[:4000]
    if len(sample) < 8 or len(sample) % 2 or b"\x00" not in sample:
        return None
    odd_zeros = sample[1::2].count(0) / (len(sample) / 2)
    even_zeros = sample[0::2].count(0) / (len(sample) / 2)
    if odd_zeros > 0.3 and even_zeros == 0:
        return "utf-16-le"
    if even_zeros > 0.3 and odd_zeros == 0:
        return "utf-16-be"
    if _is_utf8(sample):  # UTF-8 text with a few zero bytes (binary, then), not UTF-16 that happens to decode
        return None
    return next((encoding for encoding in ("utf-16-le", "utf-16-be") if _reads_as_lines(sample, encoding)), None)


def _is_utf8(sample: bytes) -> bool:
    """Whether ``sample`` is UTF-8 (a character cut at its end allowed). Chinese UTF-16 never is."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _reads_as_lines(sample: bytes, encoding: str) -> bool:
    """Whether ``sample`` decodes to text with line breaks and no other control characters
    (a character cut at the sample's end becomes U+FFFD, which is not one)."""
    text = sample.decode(encoding, "replace")
    return "\n" in text and _TEXT_CONTROL.search(text) is None


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = len(sample.translate(None, _NOT_CONTROL))
    return bool(sample) and controls / len(sample) > 0.05
