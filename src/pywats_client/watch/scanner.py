"""Which files of a watched folder are ready to convert.

A file is ready once its size and modification time have not changed for ``file_stable_s``
seconds of observation, so a file still being written (or copied in) is left alone until the
writer is done. Directories (``done``/``error`` live inside the folder by default), hidden files
and the usual temporary names are skipped; folders are not searched recursively.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["FileSignature", "FolderScanner", "skip_reason"]

TEMPORARY_SUFFIXES = (".tmp", ".temp", ".part", ".partial", ".crdownload", ".swp", ".lock", "~")


def skip_reason(name: str) -> str | None:
    """Why a file name is never converted, or None."""
    if name.startswith("."):
        return "hidden file"
    lower = name.lower()
    if lower.endswith(TEMPORARY_SUFFIXES):
        return "temporary file name"
    return None


@dataclass(frozen=True)
class FileSignature:
    """What tells one version of a file from the next."""

    size: int
    mtime_ns: int


@dataclass
class _Watching:
    signature: FileSignature
    since: float


class FolderScanner:
    """Tracks the files of one folder until they are stable.

    :meth:`scan` is called whenever the folder may have changed (a notification, or periodically);
    it returns the files that became ready. A file handed out is not handed out again until it
    changes or :meth:`forget` is called (after its upload, or when it should be looked at again).
    """

    def __init__(self, folder: Path, stable_s: float) -> None:
        self.folder = folder
        self.stable_s = stable_s
        self._watching: dict[str, _Watching] = {}
        self._handed: dict[str, FileSignature] = {}
        self.missing = False

    @property
    def waiting(self) -> int:
        """Files seen but not yet stable."""
        return len(self._watching)

    def forget(self, path: Path | str) -> None:
        """Let ``path`` be offered again once stable (or drop it if it is gone)."""
        self._handed.pop(os.path.basename(path), None)

    def scan(self, now: float) -> list[tuple[Path, FileSignature]]:
        """List the folder; return the files that are ready (size and time unchanged long enough)."""
        try:
            entries = list(os.scandir(self.folder))
        except FileNotFoundError:
            self.missing = True
            self._watching.clear()
            return []
        self.missing = False
        present: set[str] = set()
        ready: list[tuple[Path, FileSignature]] = []
        for entry in entries:
            name = entry.name
            if skip_reason(name) is not None:
                continue
            try:
                if not entry.is_file(follow_symlinks=False):
                    continue
                info = entry.stat(follow_symlinks=False)
            except FileNotFoundError:
                continue
            present.add(name)
            self._observe(name, FileSignature(info.st_size, info.st_mtime_ns), now, ready)
        for name in list(self._watching):
            if name not in present:
                del self._watching[name]
        for name in list(self._handed):
            if name not in present:
                del self._handed[name]
        return ready

    def recheck(self, now: float) -> list[tuple[Path, FileSignature]]:
        """Look again at the files not yet stable only (cheap: no listing of the whole folder)."""
        ready: list[tuple[Path, FileSignature]] = []
        for name in list(self._watching):
            try:
                info = os.stat(self.folder / name)
            except FileNotFoundError:
                del self._watching[name]
                continue
            self._observe(name, FileSignature(info.st_size, info.st_mtime_ns), now, ready)
        return ready

    def _observe(
        self, name: str, signature: FileSignature, now: float, ready: list[tuple[Path, FileSignature]]
    ) -> None:
        if self._handed.get(name) == signature:
            return
        watching = self._watching.get(name)
        if watching is None or watching.signature != signature:
            self._watching[name] = watching = _Watching(signature, now)
        if now - watching.since >= self.stable_s:
            del self._watching[name]
            self._handed[name] = signature
            ready.append((self.folder / name, signature))
