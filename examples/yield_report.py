"""Yield per process and a plain-text chart of first-pass yield by day, computed by the server.

Run against your own WATS server (``WATS_BASE_URL`` and ``WATS_AUTH_TOKEN`` set), or with neither set: then
a local ``pywats-server --demo`` is started, with three months of a demo factory's test history.

    .venv/bin/python examples/yield_report.py

``examples/demo.py`` ends with this report too.
"""

from __future__ import annotations

import os
import sys

from pywats import KPI, DateGrouping, DimensionBuilder, WATSFilter, YieldData, pyWATS
from pywats.testing import LocalWATSServer

DAYS = 21
BAR_WIDTH = 40  # characters for 100 %


def yield_by_process(api: pyWATS, days: int = DAYS) -> list[YieldData]:
    """Yield of each process over the last ``days`` days, most units first."""
    dimensions = DimensionBuilder().add(KPI.UNIT_COUNT, desc=True).add("testOperation")
    query = WATSFilter(dimensions=dimensions, period_count=days, date_grouping=DateGrouping.DAY)
    return api.analytics.get_dynamic_yield(query)


def fpy_by_day(api: pyWATS, days: int = DAYS) -> list[YieldData]:
    """First-pass yield of every process together, one row per day."""
    query = WATSFilter(dimensions="period", period_count=days, date_grouping=DateGrouping.DAY)
    return api.analytics.get_dynamic_yield(query)


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:5.1f} %"


def print_process_table(rows: list[YieldData]) -> None:
    """Units, FPY/SPY/TPY/LPY (unit-based) and TRY (report-based) per process."""
    table = [("Process", "Units", "FPY", "SPY", "TPY", "LPY", "TRY", "Reports", "Retests")]
    for row in rows:
        table.append(
            (
                row.test_operation or "?",
                str(row.unit_count or 0),
                _percent(row.fpy),
                _percent(row.spy),
                _percent(row.tpy),
                _percent(row.lpy),
                _percent(row.test_yield),
                str(row.test_report_count or 0),
                str(row.retest_count or 0),
            )
        )
    if len(table) == 1:
        print("  (no test reports in this period)")
        return
    widths = [max(len(line[i]) for line in table) for i in range(len(table[0]))]
    for n, line in enumerate(table):
        cells = [line[0].ljust(widths[0])] + [
            cell.rjust(w) for cell, w in zip(line[1:], widths[1:], strict=True)
        ]
        print("  " + "  ".join(cells))
        if n == 0:
            print("  " + "  ".join("-" * w for w in widths))


def print_fpy_chart(rows: list[YieldData]) -> None:
    """One bar per day: ``#`` for every 2.5 % of first-pass yield, and the units tested that day."""
    days = [row for row in rows if row.period and row.fpy is not None]
    if not days:
        print("  (no units were tested for the first time in this period)")
        return
    for row in days:
        bar = "#" * round((row.fpy or 0.0) / 100 * BAR_WIDTH)
        print(f"  {row.period}  {bar.ljust(BAR_WIDTH)} {row.fpy:5.1f} %  ({row.unit_count} units)")


def print_yield_report(api: pyWATS, days: int = DAYS) -> None:
    """The whole report: the table per process, then the chart by day."""
    print(f"Yield per process, last {days} days:\n")
    print_process_table(yield_by_process(api, days))
    print(f"\nFirst-pass yield by day (all processes), last {days} days:\n")
    print_fpy_chart(fpy_by_day(api, days))


def main() -> int:
    if os.environ.get("WATS_BASE_URL") and os.environ.get("WATS_AUTH_TOKEN"):
        with pyWATS() as api:
            print_yield_report(api)
        return 0
    with LocalWATSServer(extra_args=["--demo"]) as server:
        print(f"Started pywats-server --demo at {server.url}\n")
        with pyWATS(base_url=server.url, token=server.token) as api:
            print_yield_report(api)
    return 0


if __name__ == "__main__":
    sys.exit(main())
