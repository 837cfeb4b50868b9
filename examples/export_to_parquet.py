"""Test reports to Parquet and pandas: what a data team does with WATS data.

Submits a few days of reports, exports their measurements to a partitioned Parquet folder
(as ``pywats export measurements`` does), reads it back with pyarrow, and summarises it with
pandas. Needs ``pywats-api[parquet,pandas]``. Uses ``WATS_BASE_URL``/``WATS_AUTH_TOKEN`` when
set, otherwise a local ``pywats-server``.

    .venv/bin/python examples/export_to_parquet.py [OUTPUT_DIR]
"""

from __future__ import annotations

import contextlib
import os
import random
import sys
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyarrow.dataset as ds

from pywats import pyWATS
from pywats.export import export_measurements, export_reports
from pywats.testing import LocalWATSServer
from pywats.tools.test_uut import TestUUT

FIRST_DAY = datetime(2026, 2, 2, 6, 0, tzinfo=UTC)


@contextlib.contextmanager
def wats_client() -> Iterator[pyWATS]:
    if os.environ.get("WATS_BASE_URL"):
        with pyWATS() as api:
            yield api
        return
    with LocalWATSServer() as server, pyWATS(base_url=server.url, token=server.token) as api:
        yield api


def submit_history(api: pyWATS, days: int = 3, per_day: int = 12) -> None:
    rng = random.Random(7)
    for day in range(days):
        for n in range(per_day):
            part_number = "SENSOR-A" if n % 3 else "SENSOR-B"
            start = FIRST_DAY + timedelta(days=day, minutes=7 * n)
            uut = TestUUT(
                part_number, f"SN-{day}{n:03d}", "A", station_name="FCT-4", location="Line C", start=start
            )
            power = uut.add_sequence_call("Power")
            power.add_numeric_step(
                "3V3", round(rng.gauss(3.3, 0.05), 3), low_limit=3.2, high_limit=3.4, unit="V"
            )
            power.add_numeric_step("Idle current", round(rng.gauss(31, 3), 1), high_limit=38, unit="mA")
            api.report.submit_report(uut)


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="wats-parquet-"))
    with wats_client() as api:
        submit_history(api)
        reports = export_reports(api, out, date_from=FIRST_DAY, page_size=10)
        values = export_measurements(api, out, date_from=FIRST_DAY, page_size=10)
    print(f"{reports.reports} reports and {values.rows} measurements in {out}")

    table = ds.dataset(out / "measurements", format="parquet", partitioning="hive").to_table()
    frame = table.to_pandas()
    summary = frame.groupby(["product", "step_name"])["value"].agg(["count", "mean", "min", "max"]).round(3)
    print(summary.to_string())
    failed = frame[frame["status"] == "F"]
    print(f"{len(failed)} measurements outside their limits on {failed['serial_number'].nunique()} units")
    return 0


if __name__ == "__main__":
    sys.exit(main())
