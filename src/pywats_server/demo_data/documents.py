"""WSJF documents of the demo data: one test run (UUT) or one repair (UUR) as the report format writes them.

Step ids are numbered depth first from 1 (the root), as WATS numbers them on receipt, so a repair can name the
failing step by id.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from pywats_server.demo_data.catalog import NumericSpec, Plan, PlanStep

__all__ = ["Defect", "RunOutcome", "local_times", "new_id", "repair_document", "test_document"]

SITE_OFFSET = timezone(
    timedelta(hours=1)
)  # the demo factory's local time (start carries it, startUTC is UTC)
_RANK = {"P": 0, "D": 0, "S": 0, "F": 1, "E": 2, "T": 3}
FIRMWARE = "2.4.1"


@dataclass(frozen=True)
class Defect:
    """A real fault of a unit: the measurement (or pass/fail step) it shows up in, and its repair."""

    process_code: int
    sequence: str
    step: str
    measurement: int
    category: str
    code: str


@dataclass
class RunOutcome:
    """What a test run produced, for the unit's next decisions."""

    document: dict[str, Any]
    result: str
    failed_step: tuple[int, str, str | None] | None  # (step id, step name, component)
    exec_time_s: float


def new_id(rng: random.Random) -> str:
    """A report id drawn from ``rng`` (deterministic for a seed)."""
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def local_times(moment: datetime) -> tuple[str, str]:
    """(``start`` with the site's offset, ``startUTC``) of a naive UTC moment."""
    aware = moment.replace(tzinfo=UTC)
    return aware.astimezone(SITE_OFFSET).isoformat(), aware.isoformat().replace("+00:00", "Z")


def _value(rng: random.Random, spec: NumericSpec) -> float:
    return round(rng.gauss(spec.mean, spec.sigma), 5)


def _passes(spec: NumericSpec, value: float) -> bool:
    if spec.comp_op == "LE":  # single limit: it travels in lowLimit
        return spec.low is None or value <= spec.low
    return (spec.low is None or value >= spec.low) and (spec.high is None or value <= spec.high)


def _out_of_limits(rng: random.Random, spec: NumericSpec) -> float:
    if spec.comp_op == "LE":
        return round((spec.low or 0.0) * rng.uniform(1.15, 1.6), 5)
    width = (spec.high or 0.0) - (spec.low or 0.0)
    return round((spec.high or 0.0) + width * rng.uniform(0.2, 1.5), 5)


class _Builder:
    """Builds one UUT step tree, numbering steps and tracking the first failure."""

    def __init__(self, rng: random.Random, defect: Defect | None, stop_at: tuple[int, str] | None) -> None:
        self.rng = rng
        self.defect = defect
        self.stop_at = stop_at  # (step index over the whole run, "E" or "T"): where an error/abort happens
        self.next_id = 1
        self.index = 0
        self.failed: tuple[int, str, str | None] | None = None
        self.stopped = False

    def take_id(self) -> int:
        number = self.next_id
        self.next_id += 1
        return number

    def step(self, sequence: str, spec: PlanStep) -> dict[str, Any]:
        step_id = self.take_id()
        self.index += 1
        base: dict[str, Any] = {
            "id": step_id,
            "group": "S" if sequence == "Setup" else "M",
            "name": spec.name,
        }
        base["totTime"] = round(self.rng.uniform(0.05, 0.6), 4)
        if self.stop_at is not None and self.index == self.stop_at[0]:
            self.stopped = True
            status = self.stop_at[1]
            return {**base, "stepType": "ET_A", "status": status, "errorCode": -17 if status == "E" else 0}
        defect = (
            self.defect
            if self.defect is not None
            and self.defect.step == spec.name
            and (self.defect.sequence == sequence)
            else None
        )
        if spec.kind == "action":
            return {**base, "stepType": "ET_A", "status": "D"}
        if spec.kind == "passfail":
            status = "F" if defect is not None else "P"
            step = {
                **base,
                "stepType": "ET_PFT",
                "status": status,
                "booleanMeas": [{"name": None, "status": status}],
            }
        elif spec.kind == "string":
            meas = {"compOp": "IGNORECASE", "name": None, "status": "P", "value": FIRMWARE, "limit": FIRMWARE}
            step = {**base, "stepType": "ET_SVT", "status": "P", "stringMeas": [meas]}
        else:
            measurements = []
            for position, spec_m in enumerate(spec.measurements):
                hit = defect is not None and defect.measurement == position
                value = _out_of_limits(self.rng, spec_m) if hit else _value(self.rng, spec_m)
                measurements.append(
                    {
                        "compOp": spec_m.comp_op,
                        "name": spec_m.name or None,
                        "status": "P" if _passes(spec_m, value) else "F",
                        "unit": spec_m.unit,
                        "value": value,
                        "highLimit": spec_m.high,
                        "lowLimit": spec_m.low,
                    }
                )
            status = "F" if any(m["status"] == "F" for m in measurements) else "P"
            kind = "ET_MNLT" if spec.kind == "multi" else "ET_NLT"
            step = {**base, "stepType": kind, "status": status, "numericMeas": measurements}
        if step["status"] == "F" and self.failed is None:
            self.failed = (step_id, spec.name, spec.component)
            step["causedUUTFailure"] = True
        return step


def _worst(statuses: list[str]) -> str:
    return max(statuses, key=lambda s: _RANK.get(s, 0), default="P") if statuses else "P"


def test_document(
    rng: random.Random,
    *,
    plan: Plan,
    header: dict[str, Any],
    uut: dict[str, Any],
    defect: Defect | None,
    stop_at: tuple[int, str] | None,
) -> RunOutcome:
    """A UUT report following ``plan``: ``defect`` fails its step; ``stop_at`` ends the run with E or T."""
    builder = _Builder(rng, defect, stop_at)
    root: dict[str, Any] = {"id": builder.take_id(), "group": "M", "stepType": "SequenceCall"}
    root["name"] = "MainSequence Callback"
    sequences = []
    for name, steps in plan.sequences:
        if builder.stopped:
            break
        seq: dict[str, Any] = {
            "id": builder.take_id(),
            "group": "M",
            "stepType": "SequenceCall",
            "name": name,
        }
        children = []
        for spec in steps:
            if builder.stopped:
                break
            children.append(builder.step(name, spec))
        seq["status"] = _worst([child["status"] for child in children])
        seq["totTime"] = round(sum(child["totTime"] for child in children), 4)
        seq["steps"] = children
        seq["seqCall"] = {"path": plan.sequence_file, "name": name, "version": plan.version}
        sequences.append(seq)
    result = _worst([seq["status"] for seq in sequences])
    result = "P" if result in ("D", "S") else result
    total = round(sum(seq["totTime"] for seq in sequences) + rng.uniform(2, 6), 3)
    root.update(status=result, totTime=total, steps=sequences)
    root["seqCall"] = {"path": plan.sequence_file, "name": "MainSequence", "version": plan.version}
    document = {**header, "result": result, "root": root, "uut": {**uut, "execTime": total}}
    return RunOutcome(document, result, builder.failed, total)


def repair_document(
    rng: random.Random,
    *,
    header: dict[str, Any],
    operator: str,
    failed: RunOutcome,
    category: str,
    code: str,
    component: str | None,
    repaired_at: datetime,
) -> dict[str, Any]:
    """A UUR report repairing the unit of the failed run ``failed``."""
    test = failed.document
    step_id, step_name = (failed.failed_step or (1, "MainSequence Callback", None))[:2]
    _, finalized = local_times(repaired_at)
    failure: dict[str, Any] = {
        "category": category,
        "code": code,
        "comment": f"{code} at {component or 'unit'}",
    }
    failure |= {"comRef": component, "refStepId": step_id, "refStepName": step_name}
    return {
        **header,
        "type": "R",
        "result": "P",
        "uur": {
            "user": operator,
            "processCode": test["processCode"],
            "processName": test.get("processName"),
            "refUUT": test["id"],
            "comment": f"Replaced {component}" if component else "Inspected",
            "confirmDate": finalized,
            "finalizeDate": finalized,
            "execTime": round(rng.uniform(300, 2400), 1),
        },
        "miscInfos": [],
        "subUnits": [
            {
                "partType": "Main",
                "pn": test["pn"],
                "rev": test["rev"],
                "sn": test["sn"],
                "idx": 0,
                "failures": [failure],
            }
        ],
    }
