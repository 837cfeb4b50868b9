"""The service's first stage: watched folders → converted reports in the durable queue.

A folder is scanned when the OS reports a change (and every ``scan_interval_s`` in case it does
not); a file is converted once unchanged for ``file_stable_s``. Ready files are converted in
batches in a worker thread and their reports written to the queue with one group write. A file
that fails goes to its folder's error folder with the reason; one a converter finds cut short
waits ``incomplete_wait_s`` for the rest. Once every report of a file is uploaded, the folder's
post-action (move, delete, keep) is applied to it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from pywats_client.config import ClientConfig, FolderConfig
from pywats_client.converters.context import ProcessLike
from pywats_client.converters.registry import ConverterSet
from pywats_client.intake import MB, IntakeError, StationFill, convert_file
from pywats_client.queue.entry import EntryMeta
from pywats_client.queue.store import AddResult, ReportQueue, State
from pywats_client.service.schedule import UploadIndex
from pywats_client.service.status import ServiceStatus
from pywats_client.watch.outcomes import apply_post_action, move_to_error, same_file
from pywats_client.watch.scanner import FileSignature, FolderScanner

__all__ = ["INTAKE_WORKERS", "FolderStage", "WatchedFolder"]

logger = logging.getLogger("pywats_client.service")

INTAKE_WORKERS = 2
INTAKE_BATCH = 32
STABLE_TICK_S = 0.1
MIN_FULL_SCAN_S = 0.25
RETRY_INTAKE_S = 30.0
WATCH_DEBOUNCE_MS = 300
WATCH_STEP_MS = 50


@dataclass
class WatchedFolder:
    """A configured folder and the scanner that tracks its files."""

    config: FolderConfig
    scanner: FolderScanner


@dataclass
class IntakeResult:
    added: list[EntryMeta] = field(default_factory=list)
    offer_again: bool = False


@dataclass
class WaitingFile:
    folder: WatchedFolder
    signature: FileSignature
    deadline: float
    error: IntakeError


class FolderStage:
    """Watching, converting and queueing; mixed into :class:`~pywats_client.service.StationService`."""

    config: ClientConfig
    converters: ConverterSet
    fill: StationFill
    folders: list[WatchedFolder]
    queue: ReportQueue
    status: ServiceStatus
    index: UploadIndex
    _wake: asyncio.Event
    _intake_queue: asyncio.Queue[tuple[WatchedFolder, Path, FileSignature]]
    _incomplete: dict[Path, WaitingFile]
    _incomplete_lock: threading.Lock
    _processes: tuple[ProcessLike, ...]
    _notifiers: list[asyncio.Task[None]]

    def _watch_notifications(self) -> None:
        """One task per folder turning OS change notifications into scans (replaced on reload)."""
        for task in self._notifiers:
            task.cancel()
        self._notifiers = [
            asyncio.create_task(self._notifications(f), name=f"notify-{f.config.path}") for f in self.folders
        ]

    async def _notifications(self, folder: WatchedFolder) -> None:
        """Wake the scanner when the OS reports a change (the periodic scan catches anything missed)."""
        import watchfiles

        while True:
            try:
                async for _ in watchfiles.awatch(
                    folder.config.folder,
                    debounce=WATCH_DEBOUNCE_MS,
                    step=WATCH_STEP_MS,
                    recursive=False,
                    force_polling=self.config.watch_polling or None,
                    watch_filter=None,
                ):
                    self._wake.set()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # a missing or unmounted folder: fall back to periodic scans
                logger.debug(
                    "Not watching %s for changes (%s); scanning every %.0f s",
                    folder.config.path,
                    exc,
                    self.config.scan_interval_s,
                )
            await asyncio.sleep(self.config.scan_interval_s)

    def _scan_all(self, now: float, full: bool) -> list[tuple[WatchedFolder, Path, FileSignature]]:
        ready = []
        for folder in self.folders:
            if not full:
                ready += [(folder, path, signature) for path, signature in folder.scanner.recheck(now)]
                continue
            was_missing = folder.scanner.missing
            ready += [(folder, path, signature) for path, signature in folder.scanner.scan(now)]
            if folder.scanner.missing and not was_missing:
                logger.warning(
                    "Watched folder %s does not exist (yet); will keep looking", folder.config.path
                )
        return ready

    async def _watch(self) -> None:
        """Full scans on change notifications (at most every ``MIN_FULL_SCAN_S``) and every
        ``scan_interval_s``; in between, files not yet stable are looked at every ``STABLE_TICK_S``."""
        last_full = -math.inf
        woken = True
        while True:
            now = time.monotonic()
            full = (
                woken and now - last_full >= MIN_FULL_SCAN_S
            ) or now - last_full >= self.config.scan_interval_s
            if full:
                last_full = now
            try:
                ready = await asyncio.to_thread(self._scan_all, time.time(), full)
            except OSError as exc:  # permission denied, an unmounted share: keep looking
                logger.error(
                    "Cannot scan the watched folders: %s; trying again in %.0f s",
                    exc,
                    self.config.scan_interval_s,
                )
                await asyncio.sleep(self.config.scan_interval_s)
                continue
            for item in ready:
                self._intake_queue.put_nowait(item)
            waiting = any(f.scanner.waiting for f in self.folders)
            pending_wake = woken and not full
            if waiting or pending_wake:
                timeout = min(STABLE_TICK_S, self.config.file_stable_s or STABLE_TICK_S)
            else:
                timeout = self.config.scan_interval_s
            if not pending_wake:
                self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout)
            woken = self._wake.is_set()

    async def _intake_worker(self) -> None:
        while True:
            batch = [await self._intake_queue.get()]
            while len(batch) < INTAKE_BATCH and not self._intake_queue.empty():
                batch.append(self._intake_queue.get_nowait())
            try:
                outcomes = await asyncio.to_thread(self._intake, batch)
            except Exception:  # a full disk, say: the files stay put and are offered again later
                logger.exception(
                    "Could not queue %d file(s); they are offered again in %.0f s", len(batch), RETRY_INTAKE_S
                )
                for folder, path, _ in batch:
                    asyncio.get_running_loop().call_later(RETRY_INTAKE_S, folder.scanner.forget, path)
                continue
            for folder, path, result in outcomes:
                for meta in result.added:
                    self.index.add(meta.id, meta.priority, meta.created)
                if result.offer_again:
                    folder.scanner.forget(path)
                    self._wake.set()

    def _convert(self, folder: WatchedFolder, path: Path) -> list[tuple[EntryMeta, bytes]] | None:
        """The queue entries of one file; None if it went away or failed (then it is in the error folder)."""
        cfg = folder.config
        try:
            converted = convert_file(
                path,
                self.converters,
                self.fill,
                max_bytes=int(self.config.max_file_mb * MB),
                allowed=cfg.converters,
                priority=cfg.priority,
                processes=self._processes,
            )
        except FileNotFoundError:
            return None
        except IntakeError as exc:
            if exc.incomplete and self._wait_for_rest(folder, path, exc):
                return None
            with self._incomplete_lock:
                self._incomplete.pop(path, None)
            self.status.conversion_failed(str(path), exc.reason)
            move_to_error(path, cfg.error_dir, exc.reason, converter=exc.converter)
            return None
        if self._incomplete:
            with self._incomplete_lock:
                self._incomplete.pop(path, None)
        for warning in converted.warnings:
            logger.warning("%s: %s", path, warning)
        self.status.converted()
        return converted.entries(post_action=cfg.post_action, done_dir=cfg.done_dir, error_dir=cfg.error_dir)

    def _wait_for_rest(self, folder: WatchedFolder, path: Path, exc: IntakeError) -> bool:
        """A file that looks cut short may still be being written: leave it for ``incomplete_wait_s``.

        The scanner offers it again as soon as it changes; housekeeping moves it to the error
        folder if it stays unchanged that long. False when the wait is over.
        """
        try:
            info = os.stat(path)
        except FileNotFoundError:
            return True
        signature = FileSignature(info.st_size, info.st_mtime_ns)
        with self._incomplete_lock:
            known = self._incomplete.get(path)
            if known is not None and known.signature == signature:
                return time.monotonic() < known.deadline
            deadline = time.monotonic() + self.config.incomplete_wait_s
            self._incomplete[path] = WaitingFile(folder, signature, deadline, exc)
        logger.info(
            "%s looks incomplete (%s); waiting up to %.0f s for the rest",
            path,
            exc.reason,
            self.config.incomplete_wait_s,
        )
        return True

    def _give_up_waiting(self) -> None:
        """Move files that stayed incomplete past their wait to the error folder."""
        now = time.monotonic()
        with self._incomplete_lock:
            expired = [(path, w) for path, w in self._incomplete.items() if now >= w.deadline]
            for path, _ in expired:
                del self._incomplete[path]
        for path, waiting in expired:
            if same_file(path, waiting.signature.size, waiting.signature.mtime_ns):
                reason = f"{waiting.error.reason} (unchanged for {self.config.incomplete_wait_s:g} s)"
                self.status.conversion_failed(str(path), reason)
                move_to_error(
                    path, waiting.folder.config.error_dir, reason, converter=waiting.error.converter
                )

    def _intake(
        self, batch: list[tuple[WatchedFolder, Path, FileSignature]]
    ) -> list[tuple[WatchedFolder, Path, IntakeResult]]:
        """Convert a batch of ready files and queue all their reports with one group write."""
        converted = [(folder, path, self._convert(folder, path)) for folder, path, _ in batch]
        items = [item for _, _, entries in converted for item in entries or []]
        results = iter(self.queue.add(items)) if items else iter(())
        outcomes = []
        for folder, path, entries in converted:
            if entries is None:
                continue
            mine = [next(results) for _ in entries]
            outcomes.append((folder, path, self._settle(folder, path, entries, mine)))
        return outcomes

    def _settle(
        self,
        folder: WatchedFolder,
        path: Path,
        entries: list[tuple[EntryMeta, bytes]],
        results: list[AddResult],
    ) -> IntakeResult:
        """Log what happened to a file's reports; finish files seen again after a crash."""
        added = [meta for (meta, _), result in zip(entries, results, strict=True) if result.status == "added"]
        first = entries[0][0]
        if added:
            logger.info(
                "Queued %s from %s (converter %s, priority %d)",
                ", ".join(f"report {m.id}" for m in added),
                path,
                first.converter,
                first.priority,
            )
        if any(r.status == "busy" for r in results):
            return IntakeResult(added, offer_again=True)
        states = {r.state for r in results if r.status == "exists"}
        if not added and states == {State.DONE}:
            # Uploaded before a crash that came before the post-action: finish the job now.
            logger.info("%s was uploaded before (reports %s)", path, ", ".join(r.id for r in results))
            self._after_upload(first)
        elif State.PARKED in states:
            parked = next(r.id for r in results if r.state is State.PARKED)
            try:
                reason = self.queue.read_meta(State.PARKED, parked).last_error or "refused by the server"
            except (FileNotFoundError, ValueError):
                reason = "refused by the server"
            move_to_error(
                path,
                folder.config.error_dir,
                f"report {parked} is parked: {reason}",
                converter=first.converter,
            )
        return IntakeResult(added)

    def _after_upload(self, meta: EntryMeta) -> None:
        """Apply the file's post-action once every report of it is uploaded."""
        if not meta.source or not meta.post_action:
            return
        if any(self.queue.locate(sibling) is not State.DONE for sibling in meta.siblings):
            return
        path = Path(meta.source)
        if not same_file(path, meta.source_size, meta.source_mtime_ns):
            return  # gone already, or replaced by a newer file of the same name (which is converted anew)
        done = apply_post_action(path, meta.post_action, Path(meta.done_dir) if meta.done_dir else None)
        logger.debug("%s: %s", path, done)
