"""What every campaign needs: its scale, a local server, test reports and the server as oracle."""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

from pywats import RetryConfig, pyWATS
from pywats.core.station import Purpose
from pywats.testing import LocalWATSServer
from pywats.tools.test_uut import TestUUT

__all__ = [
    "REPO_ROOT",
    "Scale",
    "Stored",
    "make_report",
    "percentile",
    "rss_kib",
    "server",
    "stored_reports",
    "wait_until",
]

T = TypeVar("T")
REPO_ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CAMPAIGN_PN = "REL-PCBA-1"
START = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Scale:
    """How hard a campaign pushes: ``full`` in ``make reliability``, else the short version (``make test``).

    ``load_s`` overrides the duration of each load run (seconds); ``seed`` makes random choices
    (kill moments, fuzz inputs) repeatable.
    """

    full: bool = False
    load_s: float | None = None
    seed: int = 20250301

    def pick(self, quick: T, full: T) -> T:
        return full if self.full else quick


QUICK = Scale(full=False)
FULL = Scale(full=True)


@contextmanager
def server(
    data_dir: Path | None = None,
    *,
    database: str | None = None,
    password: str = "reliability-pass-1",
    log_level: str | None = None,
) -> Iterator[LocalWATSServer]:
    """A ``pywats-server`` child process on a free loopback port (stopped on exit)."""
    extra = ["--database", database] if database else []
    if log_level:
        extra += ["--log-level", log_level]
    with LocalWATSServer(data_dir=data_dir, password=password, extra_args=extra) as running:
        yield running


def make_report(sn: str, *, pn: str = CAMPAIGN_PN, index: int = 0, steps: int = 3) -> TestUUT:
    """A small, valid UUT report for unit ``sn`` with ``steps`` numeric steps."""
    uut = TestUUT(
        pn,
        sn,
        "A",
        "reliability",
        Purpose.TEST,
        station_name="REL-STATION",
        location="Campaign",
        station_purpose="Production",
        start=START + timedelta(seconds=index),
    )
    for number in range(steps):
        uut.root.add_numeric_step(
            f"Voltage {number}", 4.9 + number * 0.01, low_limit=4.5, high_limit=5.5, unit="V"
        )
    return uut


@dataclass
class Stored:
    """What the server holds for a set of serial numbers: report ids per serial and receive counts."""

    by_serial: dict[str, list[str]]
    received: Counter[str]

    def lost(self, expected: set[str]) -> set[str]:
        return {sn for sn in expected if not self.by_serial.get(sn)}

    def duplicated(self) -> dict[str, list[str]]:
        """Serial numbers stored under more than one report id (each test run has exactly one)."""
        return {sn: ids for sn, ids in self.by_serial.items() if len(ids) > 1}

    @property
    def count(self) -> int:
        return sum(len(ids) for ids in self.by_serial.values())


def stored_reports(url: str, token: str, *, pn: str = CAMPAIGN_PN, page: int = 5000) -> Stored:
    """Every UUT report of part number ``pn`` on the server, read through the public query API."""
    by_serial: dict[str, list[str]] = {}
    received: Counter[str] = Counter()
    with pyWATS(base_url=url, token=token, timeout=60, retry_config=RetryConfig(max_attempts=5)) as api:
        skip = 0
        while True:
            rows = api.report.query_uut_headers(
                odata_filter=f"partNumber eq '{pn}'", top=page, skip=skip, orderby="start asc"
            )
            for row in rows:
                if row.serial_number and row.uuid:
                    by_serial.setdefault(row.serial_number, []).append(row.uuid)
                    received[row.uuid] = row.receive_count or 1
            if len(rows) < page:
                break
            skip += page
    return Stored(by_serial, received)


def wait_until(condition: Callable[[], bool], timeout_s: float, step_s: float = 0.1) -> bool:
    """Poll ``condition`` until it is true or ``timeout_s`` passed; returns its last answer."""
    deadline = time.monotonic() + timeout_s
    while True:
        if condition():
            return True
        if time.monotonic() >= deadline:
            return condition()
        time.sleep(step_s)


def rss_kib(pid: int) -> int | None:
    """Resident memory of a process in KiB (Linux ``/proc``), None where unknown."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


def percentile(values: list[float], fraction: float) -> float:
    """The ``fraction`` quantile (nearest rank) of ``values``; 0 for none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[rank]


def cpu_count() -> int:
    return os.cpu_count() or 1
