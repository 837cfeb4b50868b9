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

The two stages live in :mod:`~pywats_client.service.folder_stage` (steps 1–2 and the post-action)
and :mod:`~pywats_client.service.upload_stage` (steps 3–4); this module holds their state, the
lifetime (start, signals, shutdown), housekeeping and reloading.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import threading
import time
from pathlib import Path
from typing import Any

from pywats import AsyncWATS
from pywats.core.exceptions import PyWATSError
from pywats.core.station import Station, StationConfig
from pywats_client import __version__
from pywats_client.config import ClientConfig, LoadedConfig, load_config
from pywats_client.converters.context import ProcessLike
from pywats_client.converters.registry import ConverterSet
from pywats_client.intake import StationFill
from pywats_client.queue.policy import retry_delay
from pywats_client.queue.store import ReportQueue
from pywats_client.service.folder_stage import INTAKE_WORKERS, FolderStage, WaitingFile, WatchedFolder
from pywats_client.service.notify import sd_notify
from pywats_client.service.runtime import RuntimeFiles
from pywats_client.service.schedule import Gate, UploadIndex
from pywats_client.service.status import ServiceStatus
from pywats_client.service.upload_stage import UploadStage
from pywats_client.watch.scanner import FileSignature, FolderScanner

__all__ = ["StationService"]

logger = logging.getLogger("pywats_client.service")

RETENTION_EVERY_S = 3600.0
PROCESS_REFRESH_S = 600.0
GATE_MAX_S = 300.0


class ServiceConfigError(RuntimeError):
    """The configuration cannot run a service (no server address, say)."""


class StationService(FolderStage, UploadStage):
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
        self._intake_queue: asyncio.Queue[tuple[WatchedFolder, Path, FileSignature]] = asyncio.Queue()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._api: AsyncWATS | None = None
        self._retired: list[tuple[float, AsyncWATS]] = []
        self._management: Any = None
        self._notifiers: list[asyncio.Task[None]] = []
        self._incomplete: dict[Path, WaitingFile] = {}
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
    def _folders(config: ClientConfig) -> list[WatchedFolder]:
        return [WatchedFolder(f, FolderScanner(f.folder, config.file_stable_s)) for f in config.folders]

    def _gate_delay(self, failures: int) -> float:
        # Probes of a server that is away are cheap: at most GATE_MAX_S apart, so uploads resume
        # within minutes of its return even after hours of outage.
        return retry_delay(failures, self.config.retry_initial_s, min(self.config.retry_max_s, GATE_MAX_S))

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

    def _purge_done(self) -> None:
        removed = self.queue.purge_done(self.config.done_retention_days * 86_400)
        if removed:
            logger.info("Removed %d uploaded entr%s past retention", removed, "y" if removed == 1 else "ies")

    async def _housekeeping(self) -> None:
        """Pick up entries queued by other processes (``convert``, ``queue retry``); apply retention."""
        last_purge = last_processes = time.monotonic()
        while True:
            await asyncio.sleep(self.config.scan_interval_s)
            try:
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
            except Exception:  # housekeeping must outlive any one bad moment of the disk
                logger.exception("Housekeeping failed; trying again in %.0f s", self.config.scan_interval_s)

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
