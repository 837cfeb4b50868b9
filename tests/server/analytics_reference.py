"""Independent answers for the analytics tests, computed straight from generated WSJF documents.

Nothing here uses the server's analytics code: the tests compare what the server answers with these
plain, obviously-correct computations over the same reports.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from server_helpers import basic

from pywats_server import EmbeddedServer
from pywats_server.demo_data import DemoSettings, generate_reports

PILCROW = "\u00b6"
END = datetime(2026, 3, 2, 12, 0)
SETTINGS = DemoSettings(seed=6, units=200, days=60, end=END, steps=10)
FROM, TO = END - timedelta(days=30), END
WINDOW = {"dateFrom": FROM.isoformat() + "Z", "dateTo": TO.isoformat() + "Z"}
NAMES = {50: "PCBA test", 90: "Burn In test", 100: "End of line test"}


@dataclass(frozen=True)
class Run:
    """A UUT report reduced to what yield needs."""

    id: str
    sn: str
    pn: str
    rev: str
    process: int
    start: datetime
    result: str
    station: str
    operator: str


def utc(text: str) -> datetime:
    """A WSJF ``startUTC`` as naive UTC."""
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC).replace(tzinfo=None)


def runs_of(documents: Iterable[dict[str, Any]]) -> list[Run]:
    return [
        Run(
            d["id"].lower(),
            d["sn"],
            d["pn"],
            d["rev"],
            d["processCode"],
            utc(d["startUTC"]),
            d["result"],
            d["machineName"],
            d["uut"]["user"],
        )
        for d in documents
        if d["type"] == "T"
    ]


@dataclass
class Expected:
    units: int = 0
    fp: int = 0
    sp: int = 0
    tp: int = 0
    lp: int = 0
    reports: int = 0
    passed_reports: int = 0
    retests: int = 0

    def yields(self) -> dict[str, float | None]:
        def pct(n: int) -> float | None:
            return 100.0 * n / self.units if self.units else None

        return {"fpy": pct(self.fp), "spy": pct(self.sp), "tpy": pct(self.tp), "lpy": pct(self.lp)}


def expected_yield(
    runs: list[Run],
    start: datetime,
    end: datetime,
    key: Callable[[Run], Any],
    *,
    keep: Callable[[Run], bool] = lambda r: True,
) -> dict[Any, Expected]:
    """WATS yield, the slow and obvious way: one pass per unit over its sorted history."""
    history: dict[tuple[str, str, int], list[Run]] = defaultdict(list)
    for run in runs:
        if run.start <= end:
            history[(run.sn, run.pn, run.process)].append(run)
    out: dict[Any, Expected] = defaultdict(Expected)
    for unit_runs in history.values():
        unit_runs.sort(key=lambda r: (r.start, r.id))
        results = [r.result for r in unit_runs]
        first = unit_runs[0]
        if start <= first.start <= end and keep(first):
            e = out[key(first)]
            e.units += 1
            e.fp += results[0] == "P"
            e.sp += "P" in results[:2]
            e.tp += "P" in results[:3]
            e.lp += results[-1] == "P"
        for number, run in enumerate(unit_runs):
            if start <= run.start <= end and keep(run):
                e = out[key(run)]
                e.reports += 1
                e.passed_reports += run.result == "P"
                e.retests += number > 0
    return dict(out)


def numeric_values(
    documents: Iterable[dict[str, Any]], step_path: str, name: str | None
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(document, measurement) of every numeric measurement at ``step_path`` (and ``name``)."""
    found = []
    for document in documents:
        if document["type"] != "T":
            continue
        stack = [(child, child["name"]) for child in document["root"].get("steps", [])]
        while stack:
            step, path = stack.pop()
            if path == step_path:
                for meas in step.get("numericMeas", []):
                    if name is None or meas.get("name") == name:
                        found.append((document, meas))
            stack.extend((child, f"{path}{PILCROW}{child['name']}") for child in step.get("steps", []))
    return found


def capability(values: list[float], low: float | None, high: float | None) -> dict[str, float]:
    """mean, sample stdev and Cpk of ``values`` against (low, high) specification limits."""
    mean = statistics.fmean(values)
    sd = statistics.stdev(values)
    sides = []
    if low is not None:
        sides.append((mean - low) / (3 * sd))
    if high is not None:
        sides.append((high - mean) / (3 * sd))
    return {"avg": mean, "stdev": sd, "cpk": min(sides) if sides else math.nan}


@pytest.fixture(scope="module")
def seeded(server: EmbeddedServer) -> Iterator[tuple[httpx.Client, list[dict[str, Any]]]]:
    """The server holding the demo history of :data:`SETTINGS` (seeded once per module; tests only read)
    and the same reports, regenerated here."""
    with httpx.Client(base_url=server.url, headers=basic(), timeout=60.0) as http:
        http.post("/_control/reset").raise_for_status()
        body = {
            "seed": SETTINGS.seed,
            "units": SETTINGS.units,
            "days": SETTINGS.days,
            "steps": SETTINGS.steps,
        }
        summary = http.post("/_control/seed", json={**body, "end": END.isoformat() + "Z"})
        assert summary.status_code == 200, summary.text
        documents = list(generate_reports(SETTINGS))
        assert summary.json()["reports"] == len(documents)
        yield http, documents
