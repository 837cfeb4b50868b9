"""The station service: watch folders → convert → durable queue → upload → post-action.

One asyncio loop runs everything; file work (scanning, converting, fsync) runs in worker
threads so the loop keeps uploading meanwhile. The order of events for a file is fixed:

1. the folder scanner sees the file unchanged for ``file_stable_s``;
2. it is converted and its reports written durably to ``queue/pending`` (nothing has been sent);
3. up to ``upload_concurrency`` uploads run at once, highest priority first; each claims its
   entry by renaming it to ``uploading``;
4. success moves the entry to ``done``, and once all reports of the file are done the folder's
   post-action (move/delete/keep) is applied; a 4xx parks the entry and moves the file to the
   error folder with the reason; a 5xx or network failure schedules a retry with a doubling delay.

If the process dies at any point, :meth:`ReportQueue.recover` and the fixed report ids make the
next start carry on: a file seen again is recognised by its content and not queued twice, and an
upload repeated after a crash replaces the same report on the server.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import os
import signal
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pywats import AsyncWATS
from pywats.core.exceptions import PyWATSError
from pywats.core.station import Station, StationConfig
from pywats_client import __version__
from pywats_client.config import ClientConfig, FolderConfig, LoadedConfig, load_config
from pywats_client.converters.context import ProcessLike
from pywats_client.converters.registry import ConverterSet
from pywats_client.intake import MB, IntakeError, StationFill, convert_file
from pywats_client.queue.entry import EntryMeta
from pywats_client.queue.policy import Outcome, classify_failure, retry_delay
from pywats_client.queue.store import AddResult, QueueEntry, ReportQueue, State
from pywats_client.service.notify import sd_notify
from pywats_client.service.runtime import RuntimeFiles
from pywats_client.service.schedule import Gate, UploadIndex
from pywats_client.service.status import ServiceStatus
from pywats_client.watch.outcomes import apply_post_action, move_to_error, same_file
from pywats_client.watch.scanner import FileSignature, FolderScanner

__all__ = ["StationService"]

logger = logging.getLogger("pywats_client.service")

INTAKE_WORKERS = 2
INTAKE_BATCH = 32
STABLE_TICK_S = 0.1
MIN_FULL_SCAN_S = 0.25
RETENTION_EVERY_S = 3600.0
PROCESS_REFRESH_S = 600.0
WATCH_DEBOUNCE_MS = 300
WATCH_STEP_MS = 50


class ServiceConfigError(RuntimeError):
    """The configuration cannot run a service (no server address, say)."""


@dataclass
class _Intake:
    added: list[EntryMeta] = field(default_factory=list)
    offer_again: bool = False


@dataclass
class _Folder:
    config: FolderConfig
    scanner: FolderScanner


@dataclass
class _Waiting:
    folder: _Folder
    signature: FileSignature
    deadline: float
    error: IntakeError


def _describe(exc: BaseException) -> str:
    if isinstance(exc, PyWATSError):
        status = exc.details.get("status_code")
        return f"{type(exc).__name__}: {exc.message}" + (f" (HTTP {status})" if status else "")
    return f"{type(exc).__name__}: {exc}"


class StationService:
    """One running station client. Build it from a loaded configuration and ``await run()``."""

    def __init__(self, loaded: LoadedConfig, *, api: bool = False, api_port: int | None = None) -> None:
        self.loaded = loaded
        self.config = loaded.config
        self._check(self.config)
        self.data_dir = loaded.data_dir
        self.runtime = RuntimeFiles(self.data_dir)
        self.queue = ReportQueue(self.data_dir / "queue")
        self.status = ServiceStatus()
        self.converters = ConverterSet.from_config(self.config)
        self.fill = StationFill.from_config(self.config)
        self.folders = self._folders(self.config)
        self.api_enabled = api
        self.api_port = self.config.api_port if api_port is None else api_port
        self.gate = Gate(self._gate_delay)
        self.index = UploadIndex(self.gate)
        self._stop = asyncio.Event()
        self._wake = asyncio.Event()
        self._intake_queue: asyncio.Queue[tuple[_Folder, Path, FileSignature]] = asyncio.Queue()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._api: AsyncWATS | None = None
        self._retired: list[tuple[float, AsyncWATS]] = []
        self._management: Any = None
        self._notifiers: list[asyncio.Task[None]] = []
        self._incomplete: dict[Path, _Waiting] = {}
        self._processes: tuple[ProcessLike, ...] = ()  # empty until fetched: converters then skip the check
        self._incomplete_lock = threading.Lock()  # intake threads and housekeeping share it

    # -- configuration -----------------------------------------------------------------------------

    @staticmethod
    def _check(config: ClientConfig) -> None:
        if not config.service_address:
            raise ServiceConfigError("service_address is not set: run `pywats-client config init` first")
        if not config.api_token:
            raise ServiceConfigError("api_token is not set: `pywats-client config set api_token TOKEN`")

    @staticmethod
    def _folders(config: ClientConfig) -> list[_Folder]:
        return [_Folder(f, FolderScanner(f.folder, config.file_stable_s)) for f in config.folders]

    def _gate_delay(self, failures: int) -> float:
        return retry_delay(failures, self.config.retry_initial_s, self.config.retry_max_s)

    def _make_api(self, config: ClientConfig) -> AsyncWATS:
        station = None
        if config.station_name:
            station = Station(
                config=StationConfig(
                    station_name=config.station_name, location=config.location, purpose=config.purpose
                )
            )
        return AsyncWATS(
            base_url=config.service_address,
            token=config.api_token,
            timeout=config.request_timeout_s,
            station=station,
        )

    # -- thread-safe controls (management API, signals) --------------------------------------------

    def request_stop(self) -> None:
        """Begin a clean shutdown (callable from any thread)."""
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)

    def request_reload(self) -> None:
        """Re-read the configuration file (callable from any thread)."""
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._reload)

    def describe(self) -> dict[str, Any]:
        """Status for ``pywats-client status`` (callable from any thread)."""
        snapshot = self.status.snapshot()
        snapshot["queue"] = self.queue.counts()
        snapshot["version"] = __version__
        snapshot["station_name"] = self.fill.station_name
        snapshot["service_address"] = self.config.service_address
        snapshot["folders"] = [f.config.path for f in self.folders]
        snapshot["data_dir"] = str(self.data_dir)
        snapshot["server_reachable"] = self.gate.failures == 0
        return snapshot

    # -- lifetime ----------------------------------------------------------------------------------

    async def run(self) -> int:
        """Run until SIGTERM/SIGINT or a stop request; returns the exit status."""
        self.runtime.acquire()
        try:
            return await self._run()
        finally:
            if self._management is not None:
                self._management.stop()
            self.runtime.release()

    async def _run(self) -> int:
        self._loop = asyncio.get_running_loop()
        self._install_signals()
        returned = await asyncio.to_thread(self.queue.recover)
        if returned:
            logger.info(
                "Recovered %d upload(s) interrupted by the last shutdown; they are queued again", returned
            )
        await asyncio.to_thread(self._purge_done)
        for info in self.converters.infos:
            if info.enabled and info.error:
                logger.error("Converter %s is not available: %s", info.name, info.error)
        api_port = self._start_management() if self.api_enabled else None
        self._api = self._make_api(self.config)
        await self._load_index()
        tasks = [
            asyncio.create_task(self._watch(), name="watch"),
            asyncio.create_task(self._housekeeping(), name="housekeeping"),
            *(asyncio.create_task(self._intake_worker(), name=f"intake-{i}") for i in range(INTAKE_WORKERS)),
        ]
        uploads = [
            asyncio.create_task(self._upload_worker(), name=f"upload-{i}")
            for i in range(self.config.upload_concurrency)
        ]
        self._watch_notifications()
        self.runtime.publish(
            {"pid": os.getpid(), "api_port": api_port, "started_at": time.time(), "version": __version__}
        )
        self.status.set_state("running")
        sd_notify("READY=1")
        counts = self.queue.counts()
        logger.info(
            "pywats-client %s ready: %d folder(s), %d queued report(s), server %s%s",
            __version__,
            len(self.folders),
            counts["pending"] + counts["retrying"],
            self.config.service_address,
            f", management API on 127.0.0.1:{api_port}" if api_port is not None else "",
        )
        await self._stop.wait()
        await self._shutdown(tasks + self._notifiers, uploads)
        return 0

    def _watch_notifications(self) -> None:
        """One task per folder turning OS change notifications into scans (replaced on reload)."""
        for task in self._notifiers:
            task.cancel()
        self._notifiers = [
            asyncio.create_task(self._notifications(f), name=f"notify-{f.config.path}") for f in self.folders
        ]

    def _install_signals(self) -> None:
        """SIGTERM/SIGINT stop cleanly; SIGHUP (``systemctl reload``) re-reads the configuration."""
        assert self._loop is not None
        for signum in (signal.SIGTERM, signal.SIGINT):
            try:
                self._loop.add_signal_handler(signum, self._stop.set)
            except (NotImplementedError, RuntimeError):  # Windows: no loop signal handlers
                signal.signal(signum, lambda *_: self.request_stop())
        hangup = getattr(signal, "SIGHUP", None)
        if hangup is not None:
            with contextlib.suppress(NotImplementedError, RuntimeError):
                self._loop.add_signal_handler(hangup, self._reload)

    def _start_management(self) -> int:
        from pywats_client.api.server import ManagementServer
        from pywats_client.config import create_secret, load_secret

        secret = load_secret(self.loaded.paths)
        if secret is None:
            secret = create_secret(self.loaded.paths)
            logger.info("Created the management API secret in %s", self.loaded.paths.secret_file)
        try:
            self._management = ManagementServer(self, secret, self.api_port)
        except OSError as exc:
            raise ServiceConfigError(
                f"cannot serve the management API on 127.0.0.1:{self.api_port}: {exc.strerror or exc} "
                "(another program uses the port? choose one with --api-port or api_port)"
            ) from exc
        return int(self._management.start())

    async def _shutdown(
        self, background: list[asyncio.Task[None]], uploads: list[asyncio.Task[None]]
    ) -> None:
        self.status.set_state("stopping")
        sd_notify("STOPPING=1")
        in_flight = self.status.snapshot()["in_flight"]
        grace = self.config.shutdown_grace_s  # at most 9 s: the process is gone within 10 s
        logger.info("Stopping: %d upload(s) in flight get %.0f s to finish", in_flight, grace)
        for task in background:
            task.cancel()
        self.index.close()
        await asyncio.gather(*background, return_exceptions=True)
        if uploads:
            _, late = await asyncio.wait(uploads, timeout=grace)
            for task in late:
                task.cancel()
            await asyncio.gather(*uploads, return_exceptions=True)
        for client in [self._api, *(c for _, c in self._retired)]:
            if client is not None:
                with contextlib.suppress(Exception):
                    await client.close()
        logger.info("pywats-client stopped")

    # -- watching and converting -------------------------------------------------------------------

    async def _notifications(self, folder: _Folder) -> None:
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

    def _scan_all(self, now: float, full: bool) -> list[tuple[_Folder, Path, FileSignature]]:
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
            for item in await asyncio.to_thread(self._scan_all, time.time(), full):
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
            for folder, path, result in await asyncio.to_thread(self._intake, batch):
                for meta in result.added:
                    self.index.add(meta.id, meta.priority, meta.created)
                if result.offer_again:
                    folder.scanner.forget(path)
                    self._wake.set()

    def _convert(self, folder: _Folder, path: Path) -> list[tuple[EntryMeta, bytes]] | None:
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

    def _wait_for_rest(self, folder: _Folder, path: Path, exc: IntakeError) -> bool:
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
            self._incomplete[path] = _Waiting(folder, signature, deadline, exc)
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
        self, batch: list[tuple[_Folder, Path, FileSignature]]
    ) -> list[tuple[_Folder, Path, _Intake]]:
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
        self, folder: _Folder, path: Path, entries: list[tuple[EntryMeta, bytes]], results: list[AddResult]
    ) -> _Intake:
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
            return _Intake(added, offer_again=True)
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
        return _Intake(added)

    # -- uploading ---------------------------------------------------------------------------------

    async def _load_index(self) -> None:
        def read() -> tuple[list[EntryMeta], list[EntryMeta]]:
            return list(self.queue.iter_meta(State.PENDING)), list(self.queue.iter_meta(State.RETRYING))

        pending, retrying = await asyncio.to_thread(read)
        for meta in pending:
            self.index.add(meta.id, meta.priority, meta.created)
        for meta in retrying:
            if meta.id not in self.index:
                self.index.add_later(meta.id, meta.next_attempt, meta.priority, meta.created)

    async def _upload_worker(self) -> None:
        while True:
            entry_id = await self.index.take()
            if entry_id is None:
                return
            # A rename and a small read on the local disk: cheaper on the loop than a thread hop.
            entry = self.queue.claim(entry_id)
            if entry is None:  # removed or retried by the operator meanwhile
                self.index.forget(entry_id)
                self.gate.finished_other()
                self.index.notify()
                continue
            await self._upload(entry)

    async def _upload(self, entry: QueueEntry) -> None:
        assert self._api is not None
        meta = entry.meta
        attempt = meta.attempts + 1
        source = meta.source or "-"
        logger.info("Uploading report %s from %s (attempt %d)", meta.id, source, attempt)
        self.status.upload_started()
        failure: BaseException | None = None
        try:
            await self._api.report.submit_report(entry.body)
        except asyncio.CancelledError:
            self.queue.release(entry)  # a rename: quick enough to do on the loop while shutting down
            logger.info(
                "Upload of report %s from %s (attempt %d) interrupted by shutdown; it stays queued",
                meta.id,
                source,
                attempt,
            )
            raise
        except Exception as exc:  # classified below: nothing may escape and stop the worker
            failure = exc
        finally:
            self.status.upload_ended()
        if failure is None:
            await asyncio.to_thread(self._finish, entry)  # unlinking or moving the file may take a while
            self.index.forget(meta.id)
            self.gate.succeeded()
            self.index.notify()
            self.status.upload_done(meta.id, meta.source, attempt)
            logger.info("Uploaded report %s from %s (attempt %d)", meta.id, source, attempt)
            return
        message = _describe(failure)
        outcome = classify_failure(failure)
        self.index.forget(meta.id)
        if outcome is Outcome.RETRY:
            delay = retry_delay(attempt, self.config.retry_initial_s, self.config.retry_max_s)
            deferred = await asyncio.to_thread(self.queue.defer, entry, message, time.time() + delay)
            self.index.add_later(meta.id, deferred.next_attempt, deferred.priority, deferred.created)
            pause = self.gate.failed()
            self.status.upload_failed(meta.id, meta.source, message, parked=False)
            logger.warning(
                "Upload of report %s from %s failed (attempt %d): %s; "
                "retrying in %.0f s, uploads paused for %.0f s",
                meta.id,
                source,
                attempt,
                message,
                delay,
                pause,
            )
        else:
            parked = await asyncio.to_thread(self._park, entry, message)
            answered = isinstance(failure, PyWATSError) and failure.details.get("status_code") is not None
            self.gate.succeeded() if answered else self.gate.finished_other()
            self.status.upload_failed(meta.id, meta.source, message, parked=True)
            logger.error(
                "Upload of report %s from %s refused (attempt %d): %s; "
                "parked (see `pywats-client queue show %s`)",
                parked.id,
                source,
                attempt,
                message,
                parked.id,
            )
        self.index.notify()

    def _finish(self, entry: QueueEntry) -> None:
        self.queue.complete(entry)
        self._after_upload(entry.meta)

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

    def _park(self, entry: QueueEntry, message: str) -> EntryMeta:
        meta = self.queue.park(entry, message)
        if (
            meta.source
            and meta.error_dir
            and same_file(Path(meta.source), meta.source_size, meta.source_mtime_ns)
        ):
            move_to_error(
                Path(meta.source),
                Path(meta.error_dir),
                f"the server refused report {meta.id}: {message}",
                converter=meta.converter,
            )
        return meta

    # -- housekeeping ------------------------------------------------------------------------------

    def _purge_done(self) -> None:
        removed = self.queue.purge_done(self.config.done_retention_days * 86_400)
        if removed:
            logger.info("Removed %d uploaded entr%s past retention", removed, "y" if removed == 1 else "ies")

    async def _housekeeping(self) -> None:
        """Pick up entries queued by other processes (``convert``, ``queue retry``); apply retention."""
        last_purge = last_processes = time.monotonic()
        while True:
            await asyncio.sleep(self.config.scan_interval_s)
            await self._adopt_foreign()
            if time.monotonic() - last_processes >= PROCESS_REFRESH_S or not self._processes:
                last_processes = time.monotonic()
                await self._refresh_processes()
            if self._incomplete:
                await asyncio.to_thread(self._give_up_waiting)
            if time.monotonic() - last_purge >= RETENTION_EVERY_S:
                last_purge = time.monotonic()
                await asyncio.to_thread(self._purge_done)
            await self._close_retired()

    async def _refresh_processes(self) -> None:
        """The server's process list for converters that check process codes (kept if unreachable)."""
        if self._api is None or self.gate.failures:
            return
        try:
            self._processes = tuple(await asyncio.wait_for(self._api.process.get_processes(), 10))
        except (PyWATSError, TimeoutError) as exc:
            logger.debug("Process list not refreshed: %s", exc)

    async def _close_retired(self) -> None:
        """Close clients replaced by a reload once any upload they carried must have ended."""
        keep = []
        for retired_at, client in self._retired:
            if time.monotonic() - retired_at > self.config.request_timeout_s + 5:
                await client.close()
            else:
                keep.append((retired_at, client))
        self._retired = keep

    async def _adopt_foreign(self) -> None:
        def read() -> list[tuple[State, EntryMeta]]:
            found = []
            for state in (State.PENDING, State.RETRYING):
                for entry_id in self.queue.ids(state):
                    if entry_id not in self.index:
                        with contextlib.suppress(FileNotFoundError, ValueError):
                            found.append((state, self.queue.read_meta(state, entry_id)))
            return found

        for state, meta in await asyncio.to_thread(read):
            if state is State.PENDING:
                self.index.add(meta.id, meta.priority, meta.created)
            else:
                self.index.add_later(meta.id, meta.next_attempt, meta.priority, meta.created)

    def _reload(self) -> None:
        try:
            loaded = load_config(self.loaded.paths)
            self._check(loaded.config)
        except (PyWATSError, ServiceConfigError) as exc:
            logger.error("Reload refused, keeping the running configuration: %s", exc)
            return
        old, new = self.config, loaded.config
        self.loaded, self.config = loaded, new
        self.converters = ConverterSet.from_config(new)
        self.fill = StationFill.from_config(new)
        if [f.model_dump() for f in old.folders] != [f.model_dump() for f in new.folders] or (
            old.file_stable_s != new.file_stable_s
        ):
            self.folders = self._folders(new)
            self._watch_notifications()
        if (old.service_address, old.api_token, old.request_timeout_s, old.station_name) != (
            new.service_address,
            new.api_token,
            new.request_timeout_s,
            new.station_name,
        ):
            if self._api is not None:
                self._retired.append((time.monotonic(), self._api))  # closed once its uploads are over
            self._api = self._make_api(new)
        logging.getLogger("pywats_client").setLevel(new.log_level)
        if old.upload_concurrency != new.upload_concurrency:
            logger.warning("upload_concurrency changes take effect at the next start")
        logger.info("Configuration reloaded from %s", self.loaded.paths.config_file)
        self._wake.set()
