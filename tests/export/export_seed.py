"""Report data for the export and DataFrame tests: built, submitted, remembered."""

from __future__ import annotations

import asyncio
import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from pywats import AsyncWATS
from pywats.testing import LocalWATSServer
from pywats.tools.test_uut import TestUUT

DAY_1 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
DAY_2 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
PRODUCTS = ("BOARD-A", "BOARD/B")  # a slash: partition names must encode it


@dataclass(frozen=True)
class Seeded:
    """What was submitted: report id → (part number, serial, start, list of (name, value, low, high))."""

    reports: dict[str, tuple[str, str, datetime, list[tuple[str, float, float, float]]]]


def build_report(part_number: str, serial: str, start: datetime, values: list[float]) -> TestUUT:
    uut = TestUUT(part_number, serial, "A", operator="op", station_name="ST-1", location="Lab", start=start)
    seq = uut.add_sequence_call("Power")
    for n, value in enumerate(values):
        seq.add_numeric_step(f"V{n}", value, low_limit=0.0, high_limit=10.0, unit="V")
    seq.add_string_step("Firmware", "1.2", limit="1.2")
    return uut


async def submit_all(url: str, token: str, reports: list[TestUUT], concurrency: int = 8) -> None:
    async with AsyncWATS(base_url=url, token=token) as api:
        gate = asyncio.Semaphore(concurrency)

        async def one(report: TestUUT) -> None:
            async with gate:
                await api.report.submit_report(report)

        await asyncio.gather(*(one(r) for r in reports))


def seed(server: LocalWATSServer, per_group: int = 8, steps: int = 3) -> Seeded:
    """``per_group`` reports for each product on each of two days; one value is NaN, some fail."""
    made: dict[str, tuple[str, str, datetime, list[tuple[str, float, float, float]]]] = {}
    reports: list[TestUUT] = []
    for day in (DAY_1, DAY_2):
        for p, part_number in enumerate(PRODUCTS):
            for i in range(per_group):
                start = day + timedelta(minutes=i, seconds=p, microseconds=123_456 * (i % 3))
                values = [float(i + k) / 2 for k in range(steps)]
                if i == 0 and p == 0:
                    values[0] = math.nan
                serial = f"SN-{day.day}-{p}-{i:03d}"
                uut = build_report(part_number, serial, start, values)
                reports.append(uut)
                made[uut.id] = (
                    part_number,
                    serial,
                    start,
                    [(f"V{k}", v, 0.0, 10.0) for k, v in enumerate(values)],
                )
    asyncio.run(submit_all(server.url, server.token, reports))
    return Seeded(made)
