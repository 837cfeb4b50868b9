"""What happens to a source file afterwards: its post-action once uploaded, or the error folder.

Nothing is ever deleted on failure: a file that cannot be converted, or whose report the server
refused, is moved to the folder's error folder with a sidecar ``<name>.error.txt`` saying why.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from pathlib import Path

from pywats_client._fs import move_unique, unique_path, write_durably
from pywats_client.queue.store import ReportQueue, State

__all__ = ["SIDECAR_SUFFIX", "apply_post_action", "move_to_error", "remove_from_queue", "same_file"]

logger = logging.getLogger("pywats_client.watch")

SIDECAR_SUFFIX = ".error.txt"


def same_file(path: Path, size: int | None, mtime_ns: int | None) -> bool:
    """True if ``path`` still is the file that was converted (not replaced by a newer one)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return False
    return (size is None or info.st_size == size) and (mtime_ns is None or info.st_mtime_ns == mtime_ns)


def move_to_error(path: Path, error_dir: Path, reason: str, *, converter: str | None = None) -> Path | None:
    """Move ``path`` into ``error_dir`` with the reason next to it; None if the file is gone.

    The note is written first, so a file never shows up in the error folder without its reason.
    """
    if not path.exists():
        return None
    error_dir.mkdir(parents=True, exist_ok=True)
    target = unique_path(error_dir, path.name)
    lines = [
        f"file: {path}",
        f"moved: {time.strftime('%Y-%m-%d %H:%M:%S %z')}",
        f"converter: {converter or '-'}",
        f"reason: {reason}",
        "",
        "Fix the cause and move the file back into the watched folder to try again.",
    ]
    sidecar = target.with_name(target.name + SIDECAR_SUFFIX)
    try:
        write_durably(sidecar, ("\n".join(lines) + "\n").encode("utf-8"), mode=0o644, sync_dir=False)
    except OSError as exc:  # the file itself still goes to safety; say why the note is missing
        logger.error("Could not write %s: %s", sidecar, exc)
    try:
        os.replace(path, target)
    except FileNotFoundError:  # gone meanwhile: no file, no note
        with contextlib.suppress(OSError):
            sidecar.unlink()
        return None
    logger.warning("Moved %s to %s: %s", path, target, reason)
    return target


def apply_post_action(path: Path, action: str | None, done_dir: Path | None) -> str:
    """Move, delete or keep an uploaded file; returns what was done (for the log)."""
    if action == "delete":
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        return "deleted"
    if action == "move" and done_dir is not None:
        try:
            target = move_unique(path, done_dir)
        except FileNotFoundError:
            return "already gone"
        return f"moved to {target}"
    return "kept"


def remove_from_queue(queue: ReportQueue, entry_id: str) -> State | None:
    """Delete a queue entry (not one being uploaded); returns the state it was in, or None.

    If its file still waits in a watched folder, the file goes to the error folder with a note,
    so the service does not convert it again at its next start.
    """
    entry = queue.read(entry_id)
    state = queue.remove(entry_id)
    if state is None or entry is None:
        return state
    meta = entry.meta
    if (
        meta.source
        and meta.error_dir
        and same_file(Path(meta.source), meta.source_size, meta.source_mtime_ns)
    ):
        move_to_error(
            Path(meta.source),
            Path(meta.error_dir),
            f"report {entry_id} was removed from the queue by the operator (it was {state.value})",
            converter=meta.converter,
        )
    return state
