"""The service's second stage: queued reports → the server, with retry, parking and a circuit breaker.

``upload_concurrency`` workers take entries from :class:`UploadIndex` (priority 1 first); each
claims its entry by renaming it to ``uploading``, submits it, and moves it to ``done``
(then the file's post-action), ``retrying`` (5xx, network: a doubling delay, and the gate pauses
everyone) or ``parked`` (4xx: the file goes to the error folder). Every line logged names the
report, the file and the attempt.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

from pywats import AsyncWATS
from pywats.core.exceptions import PyWATSError
from pywats_client.config import ClientConfig
from pywats_client.queue.entry import EntryMeta
from pywats_client.queue.policy import Outcome, classify_failure, retry_delay
from pywats_client.queue.store import QueueEntry, ReportQueue, State
from pywats_client.service.schedule import Gate, UploadIndex
from pywats_client.service.status import ServiceStatus
from pywats_client.watch.outcomes import move_to_error, same_file

__all__ = ["UploadStage", "describe_failure"]

logger = logging.getLogger("pywats_client.service")


def describe_failure(exc: BaseException) -> str:
    """One line for the log, the queue entry and the sidecar: the error's type, words and status."""
    if isinstance(exc, PyWATSError):
        status = exc.details.get("status_code")
        return f"{type(exc).__name__}: {exc.message}" + (f" (HTTP {status})" if status else "")
    return f"{type(exc).__name__}: {exc}"


class UploadStage:
    """Uploading; mixed into :class:`~pywats_client.service.StationService`."""

    config: ClientConfig
    queue: ReportQueue
    status: ServiceStatus
    index: UploadIndex
    gate: Gate
    _api: AsyncWATS | None

    if TYPE_CHECKING:  # provided by FolderStage

        def _after_upload(self, meta: EntryMeta) -> None: ...

    async def _load_index(self) -> None:
        """Index the queue at start. Retrying entries are due at once: a restart is often the
        operator's way to say "try now" (and the gate still limits a server that is away)."""

        def read() -> tuple[list[EntryMeta], list[EntryMeta]]:
            return list(self.queue.iter_meta(State.PENDING)), list(self.queue.iter_meta(State.RETRYING))

        pending, retrying = await asyncio.to_thread(read)
        for meta in pending:
            self.index.add(meta.id, meta.priority, meta.created)
        for meta in retrying:
            if meta.id not in self.index:
                self.index.add(meta.id, meta.priority, meta.created)

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
            try:
                await self._upload(entry)
            except asyncio.CancelledError:
                raise
            except Exception:  # the disk failed after the upload: the entry waits in pending
                logger.exception("Could not record the upload of report %s", entry_id)
                with contextlib.suppress(OSError):
                    if entry.state is State.UPLOADING:
                        self.queue.release(entry)
                self.index.forget(entry_id)
                self.gate.finished_other()
                self.index.notify()

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
        message = describe_failure(failure)
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
