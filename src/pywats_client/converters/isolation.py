"""Running a user's converter in a worker process with a time limit and a memory limit.

A converter that hangs, leaks memory or crashes the interpreter must not take the station
service with it. Converters that are not built in therefore run in a separate process (one per
converter, started on first use and reused): the service waits at most ``timeout_s`` for an
answer, the worker cannot grow past ``memory_mb`` (on Linux, through ``RLIMIT_AS``), and a
worker that dies or is killed is replaced for the next file. Reports come back as WSJF.

This is **isolation, not a security sandbox**: the worker runs with the service's user, can
read and write the same files and open network connections. Install only converters you trust.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import multiprocessing.connection
import threading
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pywats.core.station import StationConfig
from pywats.domains.report.models import Report, parse_wsjf
from pywats_client.converters.errors import ConversionError, ConverterCrashed

__all__ = ["DEFAULT_LIMITS", "IsolatedConverter", "WorkerLimits"]

logger = logging.getLogger("pywats_client.converters.isolation")


@dataclass(frozen=True)
class WorkerLimits:
    """How long one conversion may take and how much memory the worker may use."""

    timeout_s: float = 120.0
    memory_mb: int = 2048


DEFAULT_LIMITS = WorkerLimits()
_START_TIMEOUT_S = 60.0


def _limit_memory(memory_mb: int) -> None:
    try:
        import resource
    except ImportError:  # Windows: the time limit still applies
        return
    limit = memory_mb * 1024 * 1024
    with contextlib.suppress(ValueError, OSError):  # some platforms refuse RLIMIT_AS
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.levelno, record.getMessage()))


def _worker(conn: multiprocessing.connection.Connection, import_path: str, settings: dict[str, Any],
            memory_mb: int) -> None:  # fmt: skip
    """The worker's main loop: load the converter once, then convert what the service sends."""
    _limit_memory(memory_mb)
    from pywats_client.converters.base import as_report_list
    from pywats_client.converters.registry import load_converter_class
    from pywats_client.converters.source import SourceFile

    try:
        converter = load_converter_class(import_path)(settings)
    except Exception as exc:
        conn.send(("dead", f"cannot load {import_path}: {type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", None))
    collect = _Collect()
    log = logging.getLogger(f"pywats_client.converters.{converter.name}")
    log.addHandler(collect)
    log.setLevel(logging.DEBUG)
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        path, station, processes, dry_run = request
        collect.records = []
        try:
            context = converter.context(station, logger=log, processes=processes, dry_run=dry_run)
            reports = as_report_list(converter.convert(SourceFile(path), context), converter.name)
            conn.send(("ok", ([r.to_wsjf() for r in reports], collect.records)))
        except ConversionError as exc:
            conn.send(("error", (type(exc).__name__, exc.reason, exc.line, exc.element, collect.records)))
        except MemoryError:
            conn.send(("crash", "the converter ran out of memory (worker memory limit)"))
        except Exception as exc:
            tail = traceback.format_exc(limit=-3)
            conn.send(("crash", f"the converter raised {type(exc).__name__}: {exc}\n{tail}"))


class IsolatedConverter:
    """A converter class run in its own worker process (see the module docstring)."""

    def __init__(
        self, name: str, import_path: str, settings: dict[str, Any], limits: WorkerLimits = DEFAULT_LIMITS
    ) -> None:
        self.name = name
        self.import_path = import_path
        self.settings = settings
        self.limits = limits
        self._lock = threading.Lock()
        self._process: multiprocessing.process.BaseProcess | None = None
        self._conn: multiprocessing.connection.Connection | None = None

    def _start(self) -> multiprocessing.connection.Connection:
        spawn = multiprocessing.get_context("spawn")
        parent, child = spawn.Pipe()
        process = spawn.Process(
            target=_worker,
            args=(child, self.import_path, self.settings, self.limits.memory_mb),
            name=f"pywats-converter-{self.name}",
            daemon=True,
        )
        process.start()
        child.close()
        if not parent.poll(_START_TIMEOUT_S):
            self._kill(process)
            raise ConverterCrashed("the converter's worker did not start in time", converter=self.name)
        try:
            kind, detail = parent.recv()
        except EOFError:
            self._kill(process)
            raise ConverterCrashed("the converter's worker died while loading", converter=self.name) from None
        if kind != "ready":
            self._kill(process)
            raise ConverterCrashed(str(detail), converter=self.name)
        self._process, self._conn = process, parent
        return parent

    @staticmethod
    def _kill(process: multiprocessing.process.BaseProcess) -> None:
        process.kill()
        process.join(5)

    def _reset(self) -> None:
        if self._process is not None:
            self._kill(self._process)
        if self._conn is not None:
            self._conn.close()
        self._process = self._conn = None

    def convert(
        self,
        path: Path,
        station: StationConfig,
        *,
        processes: tuple[Any, ...] = (),
        dry_run: bool = False,
        log: logging.Logger | None = None,
    ) -> list[Report]:
        """Convert ``path`` in the worker; raise :class:`ConversionError` for the file's faults and
        :class:`ConverterCrashed` for a timeout, the memory limit or a crash."""
        with self._lock:
            conn = self._conn or self._start()
            try:
                conn.send((str(path), station, tuple(processes), dry_run))
                if not conn.poll(self.limits.timeout_s):
                    self._reset()
                    raise ConverterCrashed(
                        f"the converter took longer than {self.limits.timeout_s:g} s; its worker was stopped",
                        converter=self.name,
                    )
                kind, detail = conn.recv()
            except (EOFError, OSError, BrokenPipeError):
                code = None
                if self._process is not None:
                    self._process.join(5)  # reap it, so its exit code is known
                    code = self._process.exitcode
                self._reset()
                raise ConverterCrashed(
                    f"the converter's worker died (exit code {code}; "
                    f"memory limit {self.limits.memory_mb} MB)",
                    converter=self.name,
                ) from None
        return self._answer(kind, detail, log or logging.getLogger(f"pywats_client.converters.{self.name}"))

    def _answer(self, kind: str, detail: Any, log: logging.Logger) -> list[Report]:
        if kind == "ok":
            bodies, records = detail
            _replay(log, records)
            return [parse_wsjf(body) for body in bodies]
        if kind == "error":
            cls_name, reason, line, element, records = detail
            _replay(log, records)
            from pywats_client.converters import errors

            cls = getattr(errors, cls_name, ConversionError)
            if not (isinstance(cls, type) and issubclass(cls, ConversionError)):
                cls = ConversionError
            raise cls(reason, line=line, element=element, converter=self.name)
        raise ConverterCrashed(str(detail), converter=self.name)

    def close(self) -> None:
        """Stop the worker (it is also stopped with the service's process)."""
        with self._lock:
            self._reset()


def _replay(log: logging.Logger, records: list[tuple[int, str]]) -> None:
    for level, message in records:
        log.log(level, "%s", message)
