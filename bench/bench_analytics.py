"""Analytics on a large report store, and ingest of 50-step reports.

Targets (issue 5): with 100,000 reports (about 5 million measurements) in the SQLite store, a dynamic-yield
query by product and process answers in <= 1 s and an aggregated-measurement query in <= 2 s; the server
ingests 50-step reports at >= 300 reports/s.

The store is filled by an in-process bulk insert through the Report domain's own preparation and batch
writer (the fastest honest path: the same rows ``POST /api/Report/WSJF`` stores, without HTTP, one
transaction per 500 reports, generator output not re-validated). Then a server is started on that store and
every query is timed over HTTP through ``AsyncWATS``, next to the same request sent with raw httpx.

Size: ``PYWATS_BENCH_ANALYTICS_REPORTS`` (default 10,000 so that ``make bench`` stays short; the targets are
stated for 100,000: ``PYWATS_BENCH_ANALYTICS_REPORTS=100000 .venv/bin/python bench/bench_analytics.py``,
which takes several minutes to fill). ``PYWATS_BENCH_ANALYTICS_DIR`` keeps the store there and reuses it
on the next run of the same size.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from itertools import islice
from pathlib import Path
from typing import Any

import httpx

from _common import Result, auth_headers, report, standalone

REPORTS = int(os.environ.get("PYWATS_BENCH_ANALYTICS_REPORTS", "10000"))
KEEP_DIR = os.environ.get("PYWATS_BENCH_ANALYTICS_DIR")
SEED = 11
DAYS = 180
STEPS = 50
END = datetime(2026, 1, 1)
YIELD_TARGET_S = 1.0
AGGREGATE_TARGET_S = 2.0
INGEST_TARGET = 300.0
INGEST_REPORTS = 1500
WARM_UP = 100
IN_FLIGHT = 8
REPEATS = 5
WINDOW = {"dateFrom": (END - timedelta(days=DAYS + 1)).isoformat() + "Z", "dateTo": END.isoformat() + "Z"}
RAILS = "Power\u00b6Output rails"


def _fill(data_dir: Path) -> tuple[float, int]:
    """Fill ``data_dir``'s database with REPORTS reports; (seconds, measurements) or reuse a kept one."""
    from sqlalchemy import func, select

    from pywats_server.app import create_app
    from pywats_server.db import Database
    from pywats_server.demo_data import DemoSettings, generate_reports
    from pywats_server.demo_data import seed_catalog as catalog
    from pywats_server.demo_data.store import store_reports
    from pywats_server.domains.analytics.tables import ensure_indexes
    from pywats_server.domains.report.tables import ReportMeasurementRow
    from pywats_server.settings import ServerSettings

    settings = ServerSettings(users={"bench": "bench"}, data_dir=data_dir)
    create_app(settings)  # imports every domain's tables
    db = Database(settings.resolved_database_url)
    marker = data_dir / "analytics-bench.json"
    try:
        db.create_tables()
        ensure_indexes(db.engine)
        if marker.exists() and json.loads(marker.read_text()) == {"reports": REPORTS, "seed": SEED}:
            seconds = 0.0
        else:
            started = time.perf_counter()
            catalog(db)
            history = DemoSettings(seed=SEED, units=REPORTS, days=DAYS, end=END, steps=STEPS)
            store_reports(db, islice(generate_reports(history), REPORTS), validate=False)
            seconds = time.perf_counter() - started
            marker.write_text(json.dumps({"reports": REPORTS, "seed": SEED}))
        measurements = db.read(lambda s: s.scalar(select(func.count()).select_from(ReportMeasurementRow)))
        return seconds, int(measurements or 0)
    finally:
        db.dispose()


async def _timed(call: Callable[[], Awaitable[Any]]) -> float:
    """Median seconds of REPEATS calls after one warm-up call."""
    await call()
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        await call()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


async def _queries(url: str, token: str) -> list[Result]:
    from pywats import AsyncWATS, WATSFilter

    window = WATSFilter(date_from=WINDOW["dateFrom"], date_to=WINDOW["dateTo"])
    by_product = window.model_copy(update={"dimensions": "partNumber;testOperation"})
    one = window.model_copy(update={"part_number": "MOD-300", "test_operation": "End of line test"})
    results = []
    async with (
        AsyncWATS(base_url=url, token=token, timeout=300) as api,
        httpx.AsyncClient(headers=auth_headers(token), timeout=300) as raw,
    ):
        rows = await api.analytics.get_dynamic_yield(by_product)
        units = sum(row.unit_count or 0 for row in rows)
        ours = await _timed(lambda: api.analytics.get_dynamic_yield(by_product))
        theirs = await _timed(
            lambda: raw.post(
                f"{url}/api/App/DynamicYield", params={"dimensions": by_product.dimensions}, json=WINDOW
            )
        )
        results.append(
            report(
                Result(
                    name=f"dynamic yield by product and process, {REPORTS:,} reports",
                    measured=f"AsyncWATS {ours * 1000:.0f} ms, raw httpx {theirs * 1000:.0f} ms "
                    f"({len(rows)} rows, {units:,} units)",
                    metric="median",
                    value=ours,
                    target=YIELD_TARGET_S,
                    higher_is_better=False,
                    unit=" s",
                )
            )
        )
        narrow = await _timed(
            lambda: api.analytics.get_dynamic_yield(one.model_copy(update={"dimensions": "period"}))
        )
        results.append(
            report(
                Result(
                    name="dynamic yield of one product in one process, by day",
                    measured=f"AsyncWATS {narrow * 1000:.0f} ms",
                    metric="median",
                    value=narrow,
                    unit=" s",
                )
            )
        )
        groups = await api.analytics.get_aggregated_measurements(one, measurement_paths=RAILS)
        count = sum(item.count or 0 for item in groups)
        ours = await _timed(lambda: api.analytics.get_aggregated_measurements(one, measurement_paths=RAILS))
        body = {**WINDOW, "partNumber": "MOD-300", "testOperation": "End of line test"}
        theirs = await _timed(
            lambda: raw.post(
                f"{url}/api/App/AggregatedMeasurements", params={"measurementPaths": RAILS}, json=body
            )
        )
        results.append(
            report(
                Result(
                    name="aggregated measurements (one product and process, 3 paths)",
                    measured=f"AsyncWATS {ours * 1000:.0f} ms, raw httpx {theirs * 1000:.0f} ms "
                    f"({count:,} values, Cpk per path)",
                    metric="median",
                    value=ours,
                    target=AGGREGATE_TARGET_S,
                    higher_is_better=False,
                    unit=" s",
                )
            )
        )
        every = await _timed(
            lambda: api.analytics.get_aggregated_measurements(window, measurement_paths=RAILS)
        )
        results.append(
            report(
                Result(
                    name="aggregated measurements (every product and process, 3 paths)",
                    measured=f"AsyncWATS {every * 1000:.0f} ms",
                    metric="median",
                    value=every,
                    unit=" s",
                )
            )
        )
    return results


def _cpu_seconds(pid: int | None) -> float | None:
    """CPU time (user + system) a process has used so far (Linux), to show the server's cost per report."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


async def _ingest(url: str, token: str, pid: int | None) -> Result:
    """Post INGEST_REPORTS 50-step reports, with raw httpx, then as many with AsyncWATS."""
    from pywats import AsyncWATS
    from pywats_server.demo_data import DemoSettings, generate_reports

    later = DemoSettings(seed=SEED + 1, units=3 * INGEST_REPORTS, days=30, end=END, steps=STEPS)
    documents = [d for d in islice(generate_reports(later), 3 * INGEST_REPORTS) if d["type"] == "T"]
    warm, first = documents[:WARM_UP], documents[WARM_UP : WARM_UP + INGEST_REPORTS]
    second = documents[WARM_UP + INGEST_REPORTS : WARM_UP + 2 * INGEST_REPORTS]
    bodies = [json.dumps(d).encode() for d in first]
    limit = asyncio.Semaphore(IN_FLIGHT)
    headers = {**auth_headers(token), "Content-Type": "application/json"}

    async with httpx.AsyncClient(headers=headers, limits=httpx.Limits(max_connections=IN_FLIGHT)) as raw:

        async def post(body: bytes) -> None:
            async with limit:
                (await raw.post(f"{url}/api/Report/WSJF", content=body)).raise_for_status()

        await asyncio.gather(*(post(json.dumps(d).encode()) for d in warm))
        cpu_before = _cpu_seconds(pid)
        started = time.perf_counter()
        await asyncio.gather(*(post(body) for body in bodies))
        raw_rate = len(bodies) / (time.perf_counter() - started)
        cpu_after = _cpu_seconds(pid)

    async with AsyncWATS(base_url=url, token=token) as api:

        async def submit(document: dict[str, Any]) -> None:
            async with limit:
                await api.report.submit_report(document)

        started = time.perf_counter()
        await asyncio.gather(*(submit(d) for d in second))
        ours = len(second) / (time.perf_counter() - started)
    cost = ""
    if cpu_before is not None and cpu_after is not None:
        cost = f"; the server spent {(cpu_after - cpu_before) / len(bodies) * 1000:.2f} ms of CPU per report"
    return report(
        Result(
            name=f"ingest of {STEPS}-step reports, {IN_FLIGHT} in flight",
            measured=f"server took {raw_rate:.0f} reports/s from raw httpx; AsyncWATS submit_report "
            f"{ours:.0f} reports/s (it validates each report first)",
            metric="reports/s",
            value=raw_rate,
            target=INGEST_TARGET,
            unit="/s",
            note=f"{len(bodies)} reports of {len(bodies[0]) // 1024} KiB after {WARM_UP} to warm up{cost}",
        )
    )


def run(url: str, token: str) -> list[Result]:
    """The benchmark: its own server and store (``url``/``token`` of the shared server are not used)."""
    from pywats.testing import LocalWATSServer

    data_dir = Path(KEEP_DIR) if KEEP_DIR else Path(tempfile.mkdtemp(prefix="pywats-bench-analytics-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    try:
        print(
            f"filling the store with {REPORTS:,} reports of {STEPS} steps (in-process bulk insert)...",
            flush=True,
        )
        seconds, measurements = _fill(data_dir)
        fill = (
            "reused the kept store" if not seconds else f"{REPORTS / seconds:.0f} reports/s, {seconds:.0f} s"
        )
        results = [
            report(
                Result(
                    name=f"bulk fill, {REPORTS:,} reports",
                    measured=f"{measurements:,} measurements; {fill} (in-process, no HTTP, not re-validated)",
                    metric="measurements",
                    value=float(measurements),
                )
            )
        ]
        with LocalWATSServer(data_dir=data_dir) as server:
            results += asyncio.run(_queries(server.url, server.token))
        with LocalWATSServer() as fresh:  # ingest into an empty store, so runs of any size compare
            results.append(asyncio.run(_ingest(fresh.url, fresh.token, fresh.pid)))
        return results
    finally:
        if not KEEP_DIR:
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    standalone(__doc__.splitlines()[0], run)
