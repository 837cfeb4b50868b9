"""The durable report queue: one file per report, one directory per state.

::

    <data_dir>/queue/
        pending/    converted, waiting to be uploaded
        uploading/  claimed by an upload in flight
        retrying/   the server or network failed; ``next_attempt`` says when to try again
        parked/     the server refused the report (4xx): waits for ``queue retry`` or ``queue rm``
        done/       uploaded; removed after ``done_retention_days`` (the only automatic deletion)
        tmp/        half-written files (cleared on start)

Every change of state is a ``rename`` within one file system, which is atomic: after a crash an
entry is in exactly one of the directories (or, for the instant of a rewrite, in two, which
:meth:`ReportQueue.recover` settles). New entries are written to ``tmp/``, fsynced, renamed into
``pending/`` and the directory fsynced *before* anything is sent, so an accepted file is on disk
even if the power goes the next moment. The later renames are deliberately not fsynced: if one
is lost in a crash, the entry reappears in an earlier state and is uploaded again, which stores
nothing twice because the report id is fixed.

The claim (``pending`` → ``uploading``) is a rename too, so two processes sharing a queue (the
service and a ``pywats-client queue retry``, say) can never upload the same entry at once.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

from pywats.core.exceptions import ValidationError
from pywats_client._fs import fsync_dir, write_durably
from pywats_client.queue.entry import EntryMeta, decode_entry, decode_meta, encode_entry

__all__ = ["SUFFIX", "AddResult", "QueueEntry", "ReportQueue", "State", "check_entry_id"]

SUFFIX = ".entry"
# An id names a file in a state directory: no separators, no "..", nothing hidden (report ids are GUIDs).
_ENTRY_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,127}")


def check_entry_id(entry_id: str) -> str:
    """``entry_id`` if it can name a queue entry; :class:`ValidationError` (field ``id``) if not.

    Ids arrive from the command line and the management API: one like ``../../x`` must never
    reach a path outside the queue.
    """
    if not isinstance(entry_id, str) or not _ENTRY_ID.fullmatch(entry_id) or ".." in entry_id:
        raise ValidationError(
            f"{entry_id!r} is not a queue entry id (letters, digits, '.', '_' and '-')",
            field="id",
            value=entry_id,
        )
    return entry_id


class State(StrEnum):
    """The directories of the queue, in the order an entry normally passes through them."""

    PENDING = "pending"
    UPLOADING = "uploading"
    RETRYING = "retrying"
    PARKED = "parked"
    DONE = "done"


_LOCATE_ORDER = (State.PENDING, State.UPLOADING, State.RETRYING, State.PARKED, State.DONE)
# When recovery finds one id in two states, the later state of the same version wins.
_RANK = {State.UPLOADING: 0, State.PENDING: 1, State.RETRYING: 2, State.PARKED: 3, State.DONE: 4}


@dataclass
class QueueEntry:
    """An entry read from disk: where it is, its metadata and (when loaded) the report bytes."""

    state: State
    meta: EntryMeta
    body: bytes = b""


@dataclass(frozen=True)
class AddResult:
    """What :meth:`ReportQueue.add` did with one report.

    ``status`` is ``"added"`` (new, or a changed version replacing an older one), ``"exists"``
    (the same report from the same file content is already queued; ``state`` says where) or
    ``"busy"`` (an older version is being uploaded right now: try again later).
    """

    id: str
    status: str
    state: State | None = None


class ReportQueue:
    """The queue in ``root``; safe to use from several threads and processes at once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.tmp = root / "tmp"
        self._dirs = {state: os.path.join(root, state.value) for state in State}  # plain strings: hot path
        for directory in (self.tmp, *(root / s.value for s in State)):
            directory.mkdir(mode=0o700, parents=True, exist_ok=True)

    # -- locating ----------------------------------------------------------------------------------

    def path(self, state: State, entry_id: str) -> Path:
        """Where the entry ``entry_id`` lives in ``state`` (the id is checked, see :func:`check_entry_id`)."""
        return self.root / state.value / (check_entry_id(entry_id) + SUFFIX)

    def locate(self, entry_id: str) -> State | None:
        """The state an entry is in, or None."""
        name = check_entry_id(entry_id) + SUFFIX
        for state in _LOCATE_ORDER:  # plain strings and os.path: this runs several times per file
            if os.path.exists(os.path.join(self._dirs[state], name)):
                return state
        return None

    def read_meta(self, state: State, entry_id: str) -> EntryMeta:
        with self.path(state, entry_id).open("rb") as stream:
            return decode_meta(stream.readline())

    def read(self, entry_id: str) -> QueueEntry | None:
        """The whole entry (metadata and report), wherever it is; None if there is none."""
        for _ in range(3):  # it may move between locating and reading
            state = self.locate(entry_id)
            if state is None:
                return None
            try:
                meta, body = decode_entry(self.path(state, entry_id).read_bytes())
            except FileNotFoundError:
                continue
            return QueueEntry(state, meta, body)
        return None

    def ids(self, state: State) -> list[str]:
        """The ids in one state (no particular order)."""
        with os.scandir(self.root / state.value) as entries:
            names = [e.name[: -len(SUFFIX)] for e in entries if e.name.endswith(SUFFIX)]
        return [name for name in names if _ENTRY_ID.fullmatch(name) and ".." not in name]

    def iter_meta(self, state: State) -> Iterator[EntryMeta]:
        """The metadata of every entry in one state; entries that move away meanwhile are skipped."""
        for entry_id in self.ids(state):
            try:
                yield self.read_meta(state, entry_id)
            except (FileNotFoundError, ValueError):
                continue

    def counts(self) -> dict[str, int]:
        """How many entries each state holds."""
        return {state.value: len(self.ids(state)) for state in State}

    # -- adding ------------------------------------------------------------------------------------

    def add(self, items: list[tuple[EntryMeta, bytes]]) -> list[AddResult]:
        """Write new entries durably into ``pending``; results in the order of ``items``.

        An id already queued from the same file content is not written again (``exists``); a
        different version of a queued report replaces it, unless that one is being uploaded, or
        comes earlier in the same batch (``busy``: offer it again later). The batch is written
        as a group: every file is written, then every file fsynced (the first sync carries most
        of the others' data to disk with it), then all are renamed and the directory synced once.
        """
        results: list[AddResult] = []
        writes: list[tuple[EntryMeta, bytes]] = []
        replaced: list[tuple[State, str]] = []
        batch: set[str] = set()
        for meta, body in items:
            decision = self._decide(meta, batch)
            results.append(decision)
            if decision.status == "added":
                batch.add(meta.id)
                writes.append((meta, body))
                if decision.state not in (None, State.PENDING):
                    replaced.append((decision.state, meta.id))
        if writes:
            self._write_group(writes)
        for state, entry_id in replaced:  # the new version is durable: the old one may go
            with contextlib.suppress(FileNotFoundError):
                self.path(state, entry_id).unlink()
        return [r if r.status != "added" else AddResult(r.id, "added", State.PENDING) for r in results]

    def _decide(self, meta: EntryMeta, batch: set[str]) -> AddResult:
        """``added`` (with the state of the version it replaces, if any), ``exists`` or ``busy``."""
        if meta.id in batch:
            return AddResult(meta.id, "busy")
        state = self.locate(meta.id)
        if state is None:
            return AddResult(meta.id, "added")
        try:
            old = self.read_meta(state, meta.id)
        except (FileNotFoundError, ValueError):
            old = None
        if old is not None and meta.source_digest and old.source_digest == meta.source_digest:
            return AddResult(meta.id, "exists", state)
        if state is State.UPLOADING:
            return AddResult(meta.id, "busy", state)
        return AddResult(meta.id, "added", state)

    def _write_group(self, writes: list[tuple[EntryMeta, bytes]]) -> None:
        opened: list[tuple[int, Path, Path]] = []
        try:
            for meta, body in writes:
                tmp = self.tmp / f"{meta.id}.{secrets.token_hex(4)}.tmp"
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
                opened.append((fd, tmp, self.path(State.PENDING, meta.id)))
                view = memoryview(encode_entry(meta, body))
                while view:
                    view = view[os.write(fd, view) :]
            for fd, _, _ in opened:
                os.fsync(fd)
        except BaseException:
            for fd, tmp, _ in opened:
                with contextlib.suppress(OSError):
                    os.close(fd)
                with contextlib.suppress(OSError):
                    tmp.unlink()
            raise
        for fd, tmp, target in opened:
            os.close(fd)
            os.replace(tmp, target)
        fsync_dir(self.root / State.PENDING.value)

    # -- moving through the states -----------------------------------------------------------------

    def claim(self, entry_id: str) -> QueueEntry | None:
        """Move an entry from ``pending`` or ``retrying`` to ``uploading`` and read it.

        None if it is in neither (another process claimed it, or it was removed): the rename is
        the lock.
        """
        target = self.path(State.UPLOADING, entry_id)
        for state in (State.PENDING, State.RETRYING):
            try:
                os.rename(self.path(state, entry_id), target)
            except FileNotFoundError:
                continue
            meta, body = decode_entry(target.read_bytes())
            return QueueEntry(State.UPLOADING, meta, body)
        return None

    def complete(self, entry: QueueEntry) -> None:
        """``uploading`` → ``done``, dated now: retention counts from the upload, not from queueing."""
        self._move(entry, State.DONE)
        with contextlib.suppress(FileNotFoundError):  # removed by an operator in the meantime
            os.utime(self.path(State.DONE, entry.meta.id))

    def release(self, entry: QueueEntry) -> None:
        """``uploading`` → ``pending``, unchanged (an upload interrupted by shutdown)."""
        self._move(entry, State.PENDING)

    def defer(self, entry: QueueEntry, error: str, next_attempt: float) -> EntryMeta:
        """``uploading`` → ``retrying`` with the attempt counted and the error recorded."""
        return self._rewrite(entry, State.RETRYING, error, next_attempt)

    def park(self, entry: QueueEntry, error: str) -> EntryMeta:
        """``uploading`` → ``parked`` with the error recorded."""
        return self._rewrite(entry, State.PARKED, error, 0.0)

    def _move(self, entry: QueueEntry, state: State) -> None:
        os.replace(self.path(entry.state, entry.meta.id), self.path(state, entry.meta.id))
        entry.state = state

    def _rewrite(self, entry: QueueEntry, state: State, error: str, next_attempt: float) -> EntryMeta:
        now = time.time()
        meta = replace(
            entry.meta,
            attempts=entry.meta.attempts + 1,
            last_attempt=now,
            last_error=error,
            next_attempt=next_attempt,
        )
        # Written in full before the old file goes: a crash in between leaves two copies, and
        # recovery keeps this one (its state ranks higher).
        write_durably(self.path(state, meta.id), encode_entry(meta, entry.body), tmp_dir=self.tmp)
        with contextlib.suppress(FileNotFoundError):
            self.path(entry.state, meta.id).unlink()
        entry.state, entry.meta = state, meta
        return meta

    # -- operator actions --------------------------------------------------------------------------

    def retry(self, entry_id: str) -> bool:
        """Send a parked or retrying entry back to ``pending`` now. False if it is in neither."""
        for state in (State.PARKED, State.RETRYING):
            try:
                os.rename(self.path(state, entry_id), self.path(State.PENDING, entry_id))
            except FileNotFoundError:
                continue
            return True
        return False

    def remove(self, entry_id: str) -> State | None:
        """Delete an entry (not one being uploaded); returns the state it was in."""
        for state in (State.PENDING, State.RETRYING, State.PARKED, State.DONE):
            try:
                self.path(state, entry_id).unlink()
            except FileNotFoundError:
                continue
            return state
        return None

    # -- housekeeping ------------------------------------------------------------------------------

    def recover(self) -> int:
        """Settle what a crash left behind; returns how many in-flight entries went back to ``pending``.

        Only for the one process that uploads (the service, at start): half-written temporary
        files are removed, an id found in two states keeps its newest version (then its later
        state), and entries left in ``uploading`` return to ``pending``.
        """
        for leftover in self.tmp.iterdir():
            with contextlib.suppress(OSError):
                leftover.unlink()
        seen: dict[str, list[State]] = {}
        for state in State:
            for entry_id in self.ids(state):
                seen.setdefault(entry_id, []).append(state)
        for entry_id, states in seen.items():
            if len(states) > 1:
                self._settle(entry_id, states)
        returned = 0
        for entry_id in self.ids(State.UPLOADING):
            os.replace(self.path(State.UPLOADING, entry_id), self.path(State.PENDING, entry_id))
            returned += 1
        for state in State:
            fsync_dir(self.root / state.value)
        return returned

    def _settle(self, entry_id: str, states: list[State]) -> None:
        def key(state: State) -> tuple[float, int]:
            try:
                created = self.read_meta(state, entry_id).created
            except ValueError:
                created = -1.0  # an unreadable copy never wins
            return created, _RANK[state]

        keep = max(states, key=key)
        for state in states:
            if state is not keep:
                with contextlib.suppress(FileNotFoundError):
                    self.path(state, entry_id).unlink()

    def purge_done(self, max_age_s: float, now: float | None = None) -> int:
        """Delete ``done`` entries older than ``max_age_s`` (by file time); returns how many."""
        limit = (time.time() if now is None else now) - max_age_s
        removed = 0
        with os.scandir(self.root / State.DONE.value) as entries:
            for item in entries:
                try:
                    if item.name.endswith(SUFFIX) and item.stat().st_mtime < limit:
                        os.unlink(item.path)
                        removed += 1
                except FileNotFoundError:
                    continue
        return removed
