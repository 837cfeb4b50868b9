"""Campaign 7 — load: eight station processes uploading to one server, on SQLite and on PostgreSQL.

Eight ``pywats-client`` services, each watching its own folder, get new WSJF files at a steady rate
for a fixed time, all uploading over loopback to one ``pywats-server``; then the queues drain.
Measured: upload latency per report (from the stations' own log lines: "Uploading report X" to
"Uploaded report X"), throughput, errors in the station logs, and the server's resident memory
sampled every second (flat: the last quarter of the run may not exceed the second quarter by more
than 20 % or 30 MB). Every report must be stored exactly once. The same run is repeated with the
server on a throwaway PostgreSQL cluster. ``make reliability`` runs the full 5 minutes per database;
``python -m reliability --only load --load-seconds 60`` is a shorter run.
"""

from __future__ import annotations

import re
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from statistics import mean

from pywats.testing import LocalWATSServer
from reliability._common import Scale, make_report, percentile, rss_kib, server, stored_reports, wait_until
from reliability._postgres import PostgresUnavailable, postgres_cluster
from reliability._results import Row
from reliability._station import Station

__all__ = ["run"]

CAMPAIGN = "load"
STATIONS = 8
LINE = re.compile(r"^(\S+ \S+) \S+\s+pywats_client\.service: (Uploading|Uploaded) report (\S+)")
PROBLEM = re.compile(r"(WARNING|ERROR|CRITICAL|Traceback)")
GROWTH_FRACTION = 0.20
GROWTH_KIB = 30 * 1024


def _latencies(log: str) -> list[float]:
    started: dict[str, datetime] = {}
    seconds = []
    for line in log.splitlines():
        match = LINE.match(line)
        if not match:
            continue
        when = datetime.strptime(match.group(1), "%Y-%m-%d %H:%M:%S,%f")
        if match.group(2) == "Uploading":
            started[match.group(3)] = when
        elif match.group(3) in started:
            seconds.append((when - started.pop(match.group(3))).total_seconds())
    return seconds


class _Sampler:
    """Resident memory of one process, sampled every second in a thread."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.samples: list[int] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(1.0):
            value = rss_kib(self.pid)
            if value is not None:
                self.samples.append(value)

    @contextmanager
    def running(self) -> Iterator[_Sampler]:
        self._thread.start()
        try:
            yield self
        finally:
            self._stop.set()
            self._thread.join()


def _feed(stations: list[Station], per_station_rate: float, duration_s: float, prefix: str) -> list[str]:
    """Drop files into every station's folder at ``per_station_rate`` files/s; return the serials."""
    serials: list[str] = []
    began = time.monotonic()
    tick = 0
    while time.monotonic() - began < duration_s:
        for number, station in enumerate(stations):
            serial = f"{prefix}-{number}-{tick:06d}"
            station.drop(f"{serial.lower()}.json", make_report(serial, index=tick).to_wsjf())
            serials.append(serial)
        tick += 1
        time.sleep(max(0.0, began + tick / per_station_rate - time.monotonic()))
    return serials


def _load_run(
    srv: LocalWATSServer, root: Path, backend: str, duration_s: float, rate: float, count: int
) -> Row:
    row = Row(CAMPAIGN, f"{count} stations → one server on {backend}, {duration_s:.0f} s")
    stations = [
        Station(
            root / f"{backend}-{n}",
            srv.url,
            srv.token,
            name=f"LOAD-{n}",
            upload_concurrency=2,
            file_stable_s=0.1,
        )
        for n in range(count)
    ]
    for station in stations:
        station.start(wait=False)
    for station in stations:
        station.wait_ready()
    assert srv.pid is not None
    began = time.monotonic()
    with _Sampler(srv.pid).running() as memory:
        serials = _feed(stations, rate, duration_s, f"LOAD-{backend[:2].upper()}")
        drained = wait_until(
            lambda: sum(s.queue_counts()["done"] for s in stations) >= len(serials), 120, step_s=0.5
        )
    elapsed = time.monotonic() - began
    row.check(
        drained, f"{sum(s.queue_counts()['done'] for s in stations)} of {len(serials)} uploaded in time"
    )
    logs = [station.log() for station in stations]
    for station in stations:
        station.kill()
    latencies = [seconds for log in logs for seconds in _latencies(log)]
    problems = [line for log in logs for line in log.splitlines() if PROBLEM.search(line)]
    for line in problems[:5]:
        row.fail(f"station log: {line[:200]}")
    if len(problems) > 5:
        row.fail(f"... and {len(problems) - 5} more problem lines in the station logs")
    stored = stored_reports(srv.url, srv.token)
    expected = set(serials)
    row.lost = len(stored.lost(expected))
    row.duplicates = len(stored.duplicated())
    row.runs, row.inputs = count, len(serials)
    samples = memory.samples
    quarter = max(1, len(samples) // 4)
    early, late = mean(samples[quarter : 2 * quarter] or samples), mean(samples[-quarter:] or samples)
    growth = late - early
    row.check(
        growth <= max(GROWTH_FRACTION * early, GROWTH_KIB),
        f"server memory grew from {early / 1024:.0f} MB to {late / 1024:.0f} MB",
    )
    row.note = (
        f"{len(serials)} reports at {rate * count:.0f}/s offered, {len(serials) / elapsed:.0f}/s uploaded "
        f"incl. drain; upload latency p50 {percentile(latencies, 0.5) * 1000:.0f} ms, "
        f"p99 {percentile(latencies, 0.99) * 1000:.0f} ms, max {max(latencies, default=0) * 1000:.0f} ms "
        f"({len(latencies)} uploads); server RSS {samples[0] / 1024 if samples else 0:.0f} → "
        f"{max(samples, default=0) / 1024:.0f} MB peak, {early / 1024:.0f} → {late / 1024:.0f} MB "
        "(2nd → 4th quarter)"
    )
    return row


LOAD_SECONDS = 300.0  # the five minutes per database


def run(scale: Scale) -> list[Row]:
    """One load run per database: ``scale.load_s`` or ``scale.pick(3, 300)`` seconds each, with
    ``scale.pick(2, 8)`` stations (the short version on SQLite only)."""
    duration = scale.load_s or scale.pick(3.0, LOAD_SECONDS)
    count = scale.pick(2, STATIONS)
    rate = scale.pick(2.0, 4.0)  # files per second per station
    rows = []
    with tempfile.TemporaryDirectory(prefix="pywats-load-") as tmp:
        root = Path(tmp)
        with server(root / "sqlite-server") as srv:
            rows.append(_load_run(srv, root, "SQLite", duration, rate, count))
        if not scale.full:
            return rows  # the short version keeps to SQLite; PostgreSQL starts a cluster of its own
        try:
            with postgres_cluster() as url, server(root / "pg-server", database=url) as srv:
                rows.append(_load_run(srv, root, "PostgreSQL", duration, rate, count))
        except PostgresUnavailable as exc:
            skipped = Row(
                CAMPAIGN, f"{count} stations → one server on PostgreSQL", lost=None, duplicates=None
            )
            skipped.note = f"not run: {exc}"
            rows.append(skipped)
    return rows
