"""Bounded memory: the export's peak RSS does not grow with the number of reports it writes.

Each export runs in a fresh interpreter that reports its own peak RSS. Two sizes are compared
(scaled down to keep the test quick: 30 and 300 reports of 40 measurements, i.e. 1,200 and
12,000 rows). A third run reads everything as one page, the way a naive export would hold it,
to show that the measurement is sensitive enough to see the difference.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from export_seed import DAY_1, build_report, submit_all

from pywats.testing import LocalWATSServer

pytestmark = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads VmHWM from /proc")

STEPS = 40
SMALL, LARGE = 30, 300
GROWTH_LIMIT_KB = 8 * 1024

# VmHWM, not getrusage: ru_maxrss survives exec, so a child forked from a big pytest process
# would report its parent's size.
SCRIPT = """
import sys
from pywats import pyWATS
from pywats.export import export_measurements
url, token, out, part, page = sys.argv[1:6]
with pyWATS(base_url=url, token=token) as api:
    result = export_measurements(api, out, part_number=part, page_size=int(page))
peak = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(result.rows, peak.split()[1])
"""


def peak_rss_kb(server: LocalWATSServer, out: Path, part_number: str, page_size: int) -> tuple[int, int]:
    args = [sys.executable, "-c", SCRIPT, server.url, server.token, str(out), part_number, str(page_size)]
    done = subprocess.run(args, capture_output=True, text=True, timeout=120, check=True)
    rows, rss = done.stdout.split()
    return int(rows), int(rss)


def test_peak_memory_is_flat(wats_server: LocalWATSServer, tmp_path: Path) -> None:
    wats_server.control.reset()
    reports = [
        build_report(
            part, f"{part}-{i:04d}", DAY_1 + timedelta(seconds=i), [float(k % 7) for k in range(STEPS)]
        )
        for part, count in (("SMALL", SMALL), ("LARGE", LARGE))
        for i in range(count)
    ]
    asyncio.run(submit_all(wats_server.url, wats_server.token, reports))

    small_rows, small_kb = peak_rss_kb(wats_server, tmp_path / "small", "SMALL", 25)
    large_rows, large_kb = peak_rss_kb(wats_server, tmp_path / "large", "LARGE", 25)
    naive_rows, naive_kb = peak_rss_kb(wats_server, tmp_path / "naive", "LARGE", LARGE)
    assert (small_rows, large_rows, naive_rows) == (
        SMALL * (STEPS + 1),
        LARGE * (STEPS + 1),
        LARGE * (STEPS + 1),
    )
    print(
        f"peak RSS: {small_kb} KB ({small_rows} rows), {large_kb} KB ({large_rows}), one page {naive_kb} KB"
    )
    assert large_kb - small_kb < GROWTH_LIMIT_KB
    assert naive_kb - large_kb > GROWTH_LIMIT_KB  # holding it all is visible at this scale
