"""Reading uploaded package zips safely, and writing the zip a package is downloaded as.

An uploaded zip is checked as a whole before anything is stored: every entry must be a plain
relative path (no ``..``, no absolute or drive paths, no characters Windows stations reject),
not a symbolic link, not encrypted, and unique ignoring case; the number of entries, their
total unpacked size and each entry's compression ratio are limited (zip bombs). While an entry
is unpacked its real size is counted, since a zip's directory may understate it.
"""

from __future__ import annotations

import stat
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from pywats_server.errors import BadRequest

__all__ = ["UNPACK_CHUNK_BYTES", "ZipLimits", "ZipMember", "read_member", "safe_members", "write_zip"]

UNPACK_CHUNK_BYTES = 256 * 1024
_FORBIDDEN_CHARS = frozenset(':*?"<>|')
_RATIO_CHECK_MIN_BYTES = 1024 * 1024  # small entries may compress very well legitimately
_ENCRYPTED_FLAG = 0x1


@dataclass(frozen=True)
class ZipLimits:
    """What an uploaded zip may contain."""

    max_entries: int = 10_000
    max_unpacked_bytes: int = 16 * 1024**3
    max_ratio: int = 200
    max_path_chars: int = 1024


@dataclass(frozen=True)
class ZipMember:
    """A file entry that passed the checks: its normalised path and the zip's record of it."""

    parts: tuple[str, ...]
    info: zipfile.ZipInfo

    @property
    def path(self) -> str:
        """The path inside the package, ``/``-separated."""
        return "/".join(self.parts)

    @property
    def modified(self) -> datetime:
        """The entry's modification time (zip times have no zone; taken as UTC)."""
        return datetime(*self.info.date_time)


def safe_members(
    archive: zipfile.ZipFile, limits: ZipLimits
) -> tuple[list[ZipMember], list[tuple[str, ...]]]:
    """The file entries and the directory entries of ``archive``, or 400 naming the first bad entry."""
    infos = archive.infolist()
    if len(infos) > limits.max_entries:
        raise BadRequest(f"The zip has {len(infos)} entries; at most {limits.max_entries} are accepted.")
    files: list[ZipMember] = []
    directories: list[tuple[str, ...]] = []
    seen: set[str] = set()
    total = 0
    for info in infos:
        parts = _clean_parts(info.filename, limits)
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise BadRequest(f"The zip entry {info.filename!r} is a symbolic link; links are not accepted.")
        if info.flag_bits & _ENCRYPTED_FLAG:
            raise BadRequest(f"The zip entry {info.filename!r} is encrypted.")
        if info.is_dir():
            if parts:
                directories.append(parts)
            continue
        if not parts:
            raise BadRequest(f"The zip entry {info.filename!r} has no file name.")
        key = "/".join(parts).casefold()
        if key in seen:
            raise BadRequest(f"The zip holds {info.filename!r} twice (names are compared ignoring case).")
        seen.add(key)
        total += info.file_size
        if total > limits.max_unpacked_bytes:
            raise BadRequest(f"The zip unpacks to more than {limits.max_unpacked_bytes} bytes.")
        if info.file_size > _RATIO_CHECK_MIN_BYTES and info.file_size > limits.max_ratio * max(
            info.compress_size, 1
        ):
            raise BadRequest(
                f"The zip entry {info.filename!r} is compressed suspiciously well (a zip bomb?)."
            )
        files.append(ZipMember(parts, info))
    return files, directories


def _clean_parts(name: str, limits: ZipLimits) -> tuple[str, ...]:
    if len(name) > limits.max_path_chars:
        raise BadRequest(f"A zip entry name is longer than {limits.max_path_chars} characters.")
    text = name.replace("\\", "/")
    if text.startswith("/") or (len(text) > 1 and text[1] == ":"):
        raise BadRequest(f"The zip entry {name!r} has an absolute path.")
    parts = tuple(part for part in text.split("/") if part not in ("", "."))
    for part in parts:
        if part == "..":
            raise BadRequest(f"The zip entry {name!r} climbs out of the package ('..').")
        if set(part) & _FORBIDDEN_CHARS or any(ord(c) < 32 for c in part) or part != part.rstrip(" ."):
            raise BadRequest(f"The zip entry {name!r} has a name stations cannot create.")
    return parts


def read_member(archive: zipfile.ZipFile, member: ZipMember) -> Iterator[bytes]:
    """The entry's bytes in chunks; 400 if it unpacks to more than its directory record says."""
    declared = member.info.file_size
    produced = 0
    with archive.open(member.info) as stream:
        while chunk := stream.read(UNPACK_CHUNK_BYTES):
            produced += len(chunk)
            if produced > declared:
                raise BadRequest(f"The zip entry {member.info.filename!r} is larger than the zip says.")
            yield chunk


def write_zip(target: BinaryIO, entries: Iterable[tuple[str, Path, datetime]]) -> None:
    """Write a zip of ``(path inside the zip, file on disk, modification time)`` entries to ``target``."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, source, modified in entries:
            info = zipfile.ZipInfo(name, date_time=_zip_time(modified))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            with source.open("rb") as reader, archive.open(info, "w", force_zip64=True) as writer:
                while chunk := reader.read(UNPACK_CHUNK_BYTES):
                    writer.write(chunk)


def _zip_time(moment: datetime) -> tuple[int, int, int, int, int, int]:
    # Zip cannot store years before 1980.
    if moment.year < 1980:
        return (1980, 1, 1, 0, 0, 0)
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
