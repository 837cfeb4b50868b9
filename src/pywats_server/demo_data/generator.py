"""Months of factory history, deterministically from a seed: units go through their product's processes,
fail now and then, are retested and repaired.

The story of a unit: it is tested in each process of its product in turn. A run fails when a marginal
measurement happens to fall outside its limits (a false failure that usually passes on retest), when the unit
has a real defect (it fails until repaired), or rarely ends in an error or an operator abort. A failed run is
retested minutes later, sometimes on a retest-only station; after two failures in a row the unit is repaired
(a UUR report naming the fault) and retested. A unit that passes moves on to its next process hours later, and
a unit that cannot be fixed after six runs is scrapped. Nothing happens after the end of the time span.
"""

from __future__ import annotations

import random
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from pywats_server.demo_data.catalog import (
    DEFECT_CODES,
    NO_FAULT_FOUND,
    OPERATORS,
    PROCESS_NAMES,
    PRODUCTS,
    REPAIR_PROCESS,
    REPAIR_STATION,
    RETEST_STATIONS,
    STATIONS,
    DemoProduct,
    Plan,
    plan_for,
)
from pywats_server.demo_data.documents import (
    Defect,
    RunOutcome,
    local_times,
    new_id,
    repair_document,
    test_document,
)

__all__ = ["DEFAULT_STEPS", "DemoSettings", "generate_reports"]

DEFAULT_STEPS = 20
ERROR_RATE = 0.01
TERMINATE_RATE = 0.003
RETEST_ON_RETEST_STATION = 0.5
FAILURES_BEFORE_REPAIR = 2
MAX_RUNS = 6


@dataclass(frozen=True)
class DemoSettings:
    """What to generate: ``units`` units whose first tests spread over the ``days`` before ``end``."""

    seed: int = 1
    units: int = 200
    days: int = 60
    end: datetime | None = None  # naive UTC; None: now
    steps: int = DEFAULT_STEPS  # steps per test plan (about one measurement each)

    def resolved_end(self) -> datetime:
        """``end``, or now (UTC, whole seconds)."""
        if self.end is not None:
            return self.end.astimezone(UTC).replace(tzinfo=None) if self.end.tzinfo else self.end
        return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def generate_reports(settings: DemoSettings) -> Iterator[dict[str, Any]]:
    """Every report (WSJF documents, UUT and UUR) of the demo history, unit by unit."""
    rng = random.Random(settings.seed)
    end = settings.resolved_end()
    start = end - timedelta(days=settings.days)
    plans = {
        (product.part_number, code): plan_for(product, code, settings.steps)
        for product in PRODUCTS
        for code in product.processes
    }
    weights = [product.weight for product in PRODUCTS]
    for number in range(settings.units):
        product = rng.choices(PRODUCTS, weights)[0]
        unit = _Unit(
            rng,
            product,
            number,
            settings.seed,
            start + timedelta(seconds=rng.uniform(0, settings.days * 86400)),
        )
        yield from unit.history(plans, start, end)


class _Unit:
    """One unit's way through the factory."""

    def __init__(
        self, rng: random.Random, product: DemoProduct, number: int, seed: int, first_test: datetime
    ) -> None:
        self.rng = rng
        self.product = product
        self.serial = f"{product.serial_prefix}{seed:03d}{number:06d}"
        self.moment = first_test
        self.batch = f"B{first_test:%y%W}-{product.serial_prefix}"
        self.defect = self._defect(plans_needed=product) if rng.random() < product.defect_rate else None

    def _defect(self, *, plans_needed: DemoProduct) -> Defect:
        code = self.rng.choice(plans_needed.processes)
        plan = plan_for(plans_needed, code, 0)  # the fixed steps; defects hit them only
        self_test = ("Communication", plan.sequences[-1][1][1])
        sequence, step = self.rng.choice([*plan.numeric_steps, self_test])
        category = self.rng.choice(list(DEFECT_CODES))
        return Defect(
            code,
            sequence,
            step.name,
            self.rng.randrange(max(1, len(step.measurements))),
            category,
            self.rng.choice(DEFECT_CODES[category]),
        )

    def revision(self, span_start: datetime, span_end: datetime) -> str:
        # Products with two revisions switch to the second halfway through the span.
        revisions = self.product.revisions
        if len(revisions) == 1:
            return revisions[0]
        return revisions[0] if self.moment < span_start + (span_end - span_start) / 2 else revisions[-1]

    def history(
        self, plans: dict[tuple[str, int], Plan], span_start: datetime, end: datetime
    ) -> Iterator[dict[str, Any]]:
        revision = self.revision(span_start, end)
        for code in self.product.processes:
            passed = yield from self._process(plans[(self.product.part_number, code)], code, revision, end)
            if not passed:
                return
            self.moment += timedelta(hours=self.rng.uniform(1, 48))

    def _process(
        self, plan: Plan, code: int, revision: str, end: datetime
    ) -> Generator[dict[str, Any], None, bool]:
        rng = self.rng
        first_station = rng.choice(STATIONS[code])
        failures_in_row = 0
        for run in range(1, MAX_RUNS + 1):
            if self.moment > end:
                return False
            station = first_station
            if run > 1 and code in RETEST_STATIONS and rng.random() < RETEST_ON_RETEST_STATION:
                station = RETEST_STATIONS[code]
            outcome = self._run(plan, code, revision, station, run)
            yield outcome.document
            self.moment += timedelta(seconds=outcome.exec_time_s)
            if outcome.result == "P":
                return True
            failures_in_row += 1
            if failures_in_row >= FAILURES_BEFORE_REPAIR:
                self.moment += timedelta(hours=rng.uniform(1, 20))
                if self.moment > end:
                    return False
                yield self._repair(outcome, code)
                failures_in_row = 0
            self.moment += timedelta(minutes=rng.uniform(2, 30))
        return False  # scrapped

    def _run(self, plan: Plan, code: int, revision: str, station: tuple[str, str], run: int) -> RunOutcome:
        rng = self.rng
        defect = self.defect if self.defect is not None and self.defect.process_code == code else None
        stop_at = None
        roll = rng.random()
        if roll < TERMINATE_RATE:
            stop_at = (rng.randint(1, 6), "T")
        elif roll < TERMINATE_RATE + ERROR_RATE:
            stop_at = (rng.randint(1, 6), "E")
        start, start_utc = local_times(self.moment)
        fixture = f"FX-{station[0]}"
        header = {
            "type": "T",
            "id": new_id(rng),
            "pn": self.product.part_number,
            "sn": self.serial,
            "rev": revision,
            "processCode": code,
            "processName": PROCESS_NAMES[code],
            "machineName": station[0],
            "location": station[1],
            "purpose": "Production",
            "start": start,
            "startUTC": start_utc,
            "miscInfos": [
                {"description": "Firmware", "text": "2.4.1"},
                {"description": "Run", "text": str(run)},
            ],
            "assets": [{"assetSN": fixture, "usageCount": 1}],
        }
        uut = {
            "user": rng.choice(OPERATORS),
            "batchSN": self.batch,
            "fixtureId": fixture,
            "testSocketIndex": rng.randrange(2) if code == 50 else 0,
        }
        return test_document(rng, plan=plan, header=header, uut=uut, defect=defect, stop_at=stop_at)

    def _repair(self, failed: RunOutcome, code: int) -> dict[str, Any]:
        rng = self.rng
        defect = self.defect if self.defect is not None and self.defect.process_code == code else None
        if defect is not None:
            category, fail_code = defect.category, defect.code
            self.defect = None  # repaired
        else:
            category, fail_code = NO_FAULT_FOUND
        start, start_utc = local_times(self.moment)
        header = {
            "id": new_id(rng),
            "pn": self.product.part_number,
            "sn": self.serial,
            "rev": failed.document["rev"],
            "processCode": REPAIR_PROCESS[0],
            "processName": REPAIR_PROCESS[1],
            "machineName": REPAIR_STATION[0],
            "location": REPAIR_STATION[1],
            "purpose": "Repair",
            "start": start,
            "startUTC": start_utc,
        }
        component = (failed.failed_step or (0, "", None))[2]
        return repair_document(
            rng,
            header=header,
            operator=rng.choice(OPERATORS),
            failed=failed,
            category=category,
            code=fail_code,
            component=component,
            repaired_at=self.moment,
        )
