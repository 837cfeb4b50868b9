"""Yield arithmetic (pure): WATS's unit-based and report-based yields.

Units. A *unit* here is one serial number of one part number in one process: its *runs* are its UUT reports
of that process in time order (only runs up to the end of the window count). A unit belongs to a window when
its **first run** lies inside it and matches the filter (the unit inclusion rule): a unit first tested before
the window is not counted again because it is retested inside it. Its dimensions (station, operator, period …)
are those of its first run.

* FP: the first run passed; SP: one of the first two runs passed; TP: one of the first three; LP: the last run
  (up to the window's end) passed. FPY/SPY/TPY/LPY are these counts over the unit count, in percent.
* When the grouping does not separate processes, the counts add up over processes (a unit tested in two
  processes counts twice) and ``rty`` — the rolled throughput yield, the product of the per-process FPYs — is
  added.

Reports. Every UUT report inside the window that matches the filter counts under its own dimensions:
``testReportCount``, ``testYieldCount`` (passed ones), ``testYield`` (TRY, in percent) and ``retestCount``
(reports that are not their unit's first run).

A run passes when its result is ``P``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

__all__ = ["YIELD_KPIS", "Counts", "passed_within", "yield_kpis"]

PASSED = "P"
PPM = 1_000_000
PERCENT = 100.0

YIELD_KPIS = (
    "unitCount",
    "fpCount",
    "spCount",
    "tpCount",
    "lpCount",
    "fpFailCount",
    "spFailCount",
    "tpFailCount",
    "lpFailCount",
    "fpy",
    "spy",
    "tpy",
    "lpy",
    "ppmFpy",
    "ppmSpy",
    "ppmTpy",
    "ppmLpy",
    "ppmTestYield",
    "testYieldCount",
    "testReportCount",
    "testYield",
    "retestCount",
    "firstUtc",
    "lastUtc",
    "rty",
)


def passed_within(results: Sequence[str | None], runs: int) -> bool:
    """Whether one of the first ``runs`` results is a pass."""
    return any(result == PASSED for result in results[:runs])


@dataclass
class Counts:
    """The counters of one yield row."""

    units: int = 0
    fp: int = 0
    sp: int = 0
    tp: int = 0
    lp: int = 0
    reports: int = 0
    passed_reports: int = 0
    retests: int = 0
    first: datetime | None = None
    last: datetime | None = None
    # process code → [units, first-pass units], for the rolled throughput yield
    per_process: dict[int | None, list[int]] = field(default_factory=dict)

    def add_unit(self, results: Sequence[str | None], process_code: int | None) -> None:
        """Count a unit whose runs ended with ``results`` (in run order)."""
        first_pass = results[0] == PASSED
        second_pass = first_pass or (len(results) > 1 and results[1] == PASSED)
        self.units += 1
        self.fp += first_pass
        self.sp += second_pass
        self.tp += second_pass or (len(results) > 2 and results[2] == PASSED)
        self.lp += results[-1] == PASSED
        tally = self.per_process.setdefault(process_code, [0, 0])
        tally[0] += 1
        tally[1] += first_pass

    def add_report(self, result: str | None, start: datetime, *, retest: bool) -> None:
        """Count one report."""
        self.reports += 1
        self.passed_reports += result == PASSED
        self.retests += retest
        if self.first is None or start < self.first:
            self.first = start
        if self.last is None or start > self.last:
            self.last = start


def _percent(part: int, whole: int) -> float | None:
    return PERCENT * part / whole if whole else None


def _ppm(part: int, whole: int) -> float | None:
    return PPM * (whole - part) / whole if whole else None


def _utc(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat() + "Z"


def rolled_yield(per_process: dict[int | None, list[int]]) -> float | None:
    """The product of the per-process first-pass yields, in percent."""
    if not per_process:
        return None
    product = 1.0
    for units, first_pass in per_process.values():
        product *= first_pass / units
    return PERCENT * product


def yield_kpis(counts: Counts, *, with_rty: bool) -> dict[str, Any]:
    """The KPI members of a yield row (``None`` where a yield has no units or reports to divide by)."""
    c = counts
    kpis: dict[str, Any] = {
        "unitCount": c.units,
        "fpCount": c.fp,
        "spCount": c.sp,
        "tpCount": c.tp,
        "lpCount": c.lp,
        "fpFailCount": c.units - c.fp,
        "spFailCount": c.units - c.sp,
        "tpFailCount": c.units - c.tp,
        "lpFailCount": c.units - c.lp,
        "fpy": _percent(c.fp, c.units),
        "spy": _percent(c.sp, c.units),
        "tpy": _percent(c.tp, c.units),
        "lpy": _percent(c.lp, c.units),
        "ppmFpy": _ppm(c.fp, c.units),
        "ppmSpy": _ppm(c.sp, c.units),
        "ppmTpy": _ppm(c.tp, c.units),
        "ppmLpy": _ppm(c.lp, c.units),
        "ppmTestYield": _ppm(c.passed_reports, c.reports),
        "testYieldCount": c.passed_reports,
        "testReportCount": c.reports,
        "testYield": _percent(c.passed_reports, c.reports),
        "retestCount": c.retests,
        "firstUtc": _utc(c.first),
        "lastUtc": _utc(c.last),
    }
    if with_rty:
        kpis["rty"] = rolled_yield(c.per_process)
    return kpis


GroupKeys = Callable[[Sequence[Any]], Iterable[tuple[Any, ...]]]
