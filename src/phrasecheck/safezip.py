"""Zip archives (office files) checked before anything is inflated: a directory promising too much,
a zip bomb, entries that inflate to another size than the directory says are refused as
:class:`~phrasecheck.textio.InputError` naming the file."""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

from .textio import InputError

#: Limits on an office file's zip directory, checked before inflating anything.
MAX_ENTRIES = 5_000
MAX_ENTRY_BYTES = 64 << 20
MAX_TOTAL_BYTES = 256 << 20
MAX_RATIO = 100            # uncompressed / compressed size of one entry …
RATIO_FROM_BYTES = 1 << 20  # … once it inflates to more than this
_PIECE = 1 << 16


def check_archive(path: Path) -> None:
    """Refuse an office file whose zip directory promises too much to inflate safely, or whose entries
    inflate to more than the directory says (measured by inflating in small pieces, keeping nothing)."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            _check_directory(path, entries)
            with open(path, "rb") as raw:
                for entry in entries:
                    if _inflated_size(raw, entry) != entry.file_size:
                        raise InputError(str(path), f"Office 文件条目大小与目录不符（{entry.filename}） / "
                                                    f"an entry inflates to another size than its directory says ({entry.filename})")
    except (OSError, zipfile.BadZipFile, zlib.error, struct.error) as error:
        raise InputError(str(path), f"不是有效的 Office 文件（zip 损坏） / not a valid office file (broken zip): {error}") from None


def _check_directory(path: Path, entries: list[zipfile.ZipInfo]) -> None:
    if len(entries) > MAX_ENTRIES:
        raise InputError(str(path), f"Office 文件条目过多（{len(entries)}） / too many entries in the office file ({len(entries)})")
    total = 0
    for entry in entries:
        total += entry.file_size
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > MAX_ENTRY_BYTES or total > MAX_TOTAL_BYTES:
            raise InputError(str(path), f"Office 文件解压后过大（{entry.filename} {entry.file_size} 字节） / "
                                        f"the office file inflates too far ({entry.filename}: {entry.file_size} bytes)")
        if entry.file_size > RATIO_FROM_BYTES and ratio > MAX_RATIO:
            raise InputError(str(path), f"Office 文件压缩比异常（{entry.filename} {ratio:.0f}:1），疑为压缩炸弹 / "
                                        f"suspicious compression ratio ({entry.filename} {ratio:.0f}:1): a zip bomb?")
        if entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise InputError(str(path), f"不支持的压缩方式（{entry.filename}） / unsupported compression ({entry.filename})")


def _inflated_size(raw, entry: zipfile.ZipInfo) -> int:
    """How many bytes ``entry`` really inflates to, counted piece by piece, stopping past the limit."""
    raw.seek(entry.header_offset)
    header = raw.read(30)
    if header[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile(f"no local header for {entry.filename}")
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    raw.seek(entry.header_offset + 30 + name_length + extra_length)
    if entry.compress_type == zipfile.ZIP_STORED:
        return len(raw.read(min(entry.compress_size, MAX_ENTRY_BYTES + 1)))
    inflater, size, left = zlib.decompressobj(-zlib.MAX_WBITS), 0, entry.compress_size
    while left > 0 and size <= MAX_ENTRY_BYTES:
        chunk = raw.read(min(left, _PIECE))
        if not chunk:
            break
        left -= len(chunk)
        data = chunk
        while data and size <= MAX_ENTRY_BYTES:
            size += len(inflater.decompress(data, _PIECE))
            data = inflater.unconsumed_tail
    return size
