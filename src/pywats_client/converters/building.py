"""Adding steps in WATS "import mode": statuses written in the file are kept, not recomputed.

These helpers sit on the report model's own builders (``SequenceCall.add_numeric_step`` and
friends) and add what converters need: a status for every step kind including ``D``, ``S``,
``E`` and ``T``, names and texts cut to WATS's lengths, a skipped step without measurements,
and the overall result taken from the file's verdict (equipment-formats §2.3–§2.5).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypedDict

from pywats.core.exceptions import ValidationError
from pywats.domains.report.models import (
    GenericStep,
    NumericStep,
    PassFailStep,
    SequenceCall,
    Step,
    StringValueStep,
    UUTReport,
)
from pywats.domains.report.models.steps import propagate
from pywats_client.converters.encoding import normalise_unit
from pywats_client.converters.errors import ConversionError

__all__ = [
    "MAX_NAME",
    "MAX_TEXT",
    "Meas",
    "StepExtras",
    "add_multi_numeric",
    "add_numeric",
    "add_pass_fail",
    "add_string",
    "at",
    "fit_name",
    "fit_text",
    "measurement_status",
    "set_result",
    "unique_names",
]

MAX_NAME = 100
MAX_UNIT = 20
MAX_TEXT = 100
MAX_ERROR_MESSAGE = 200
MAX_REPORT_TEXT = 100_000
_MEAS_STATUS = {"P": "P", "F": "F", "D": "P", "E": "F", "T": "F"}
_FAILING = frozenset("FET")


class StepExtras(TypedDict, total=False):
    """Keyword arguments every ``add_*`` helper takes besides the measurement."""

    report_text: str | None
    error_message: str | None
    tot_time: float | None
    group: str


def fit_text(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters (an ellipsis marks the cut)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def fit_name(text: str, limit: int = MAX_NAME) -> str:
    """A step or measurement name within ``limit`` characters.

    A longer name is cut and gets a short hash of the whole name, so two long names that share
    their beginning stay different (equipment-formats §2.3). Empty names become ``"(unnamed)"``.
    """
    name = " ".join(text.split()) if text else ""
    if not name:
        return "(unnamed)"
    if len(name) <= limit:
        return name
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:6]
    return f"{name[: limit - 7]}~{digest}"


def unique_names(names: list[str]) -> list[str]:
    """``names`` made unique within one step: repeats get `` #2``, `` #3``…"""
    seen: dict[str, int] = {}
    result = []
    for name in names:
        count = seen.get(name, 0) + 1
        seen[name] = count
        result.append(name if count == 1 else fit_name(f"{name} #{count}"))
    return result


def measurement_status(step_status: str) -> str:
    """The measurement status that goes with a step status (``D`` → ``P``, ``E``/``T`` → ``F``)."""
    return _MEAS_STATUS.get(step_status, "P")


@contextmanager
def at(*, line: int | None = None, element: str | None = None) -> Iterator[None]:
    """Turn a report-model error raised while building one record into a :class:`ConversionError`
    that names the line or element of the record."""
    try:
        yield
    except ConversionError as exc:
        exc.located(line=line, element=element)
        raise
    except ValidationError as exc:
        raise ConversionError(exc.message, line=line, element=element) from exc


def _options(
    report_text: str | None, error_message: str | None, tot_time: float | None, group: str
) -> dict[str, Any]:
    options: dict[str, Any] = {"group": group}
    if report_text:
        options["report_text"] = fit_text(report_text, MAX_REPORT_TEXT)
    if error_message:
        options["error_message"] = fit_text(error_message, MAX_ERROR_MESSAGE)
    if tot_time is not None and math.isfinite(tot_time):
        options["tot_time"] = tot_time
    return options


def _finish(step: Step, status: str | None) -> None:
    """Give the step its final status and raise the parents (and the result) for F, E and T."""
    if status is None:
        return
    step.raw["status"] = status
    if status in _FAILING:
        propagate(step, status)


def _skipped(
    seq: SequenceCall, step_type: str, name: str, report_text: str | None, group: str
) -> GenericStep:
    return seq.add_generic_step(
        step_type, fit_name(name), status="S", **_options(report_text, None, None, group)
    )


def add_numeric(
    seq: SequenceCall,
    name: str,
    value: float | None,
    *,
    low: float | None = None,
    high: float | None = None,
    comp_op: str | None = None,
    unit: str | None = None,
    status: str | None = None,
    report_text: str | None = None,
    error_message: str | None = None,
    tot_time: float | None = None,
    group: str = "M",
    step_type: str = "ET_NLT",
) -> Step:
    """A single-measurement numeric step. ``status`` None means "evaluate the limits";
    ``S`` gives a skipped step without a measurement; a missing ``value`` is NaN."""
    if status == "S":
        return _skipped(seq, step_type, name, report_text, group)
    step = seq.add_numeric_step(
        fit_name(name),
        math.nan if value is None else value,
        low_limit=low,
        high_limit=high,
        comp_op=comp_op,
        unit=_unit(unit),
        status=None if status is None else measurement_status(status),
        step_type=step_type,
        fail_parent=False,
        **_options(report_text, error_message, tot_time, group),
    )
    _finish(step, status or step.raw["status"])
    return step


@dataclass(frozen=True)
class Meas:
    """One named numeric measurement of a multiple-measurement step."""

    name: str
    value: float | None
    low: float | None = None
    high: float | None = None
    comp_op: str | None = None
    unit: str | None = None
    status: str | None = None


def add_multi_numeric(
    seq: SequenceCall,
    name: str,
    measurements: list[Meas],
    *,
    status: str | None = None,
    report_text: str | None = None,
    error_message: str | None = None,
    tot_time: float | None = None,
    group: str = "M",
    step_type: str = "ET_MNLT",
) -> NumericStep:
    """A step with several named numeric measurements (names made unique). Without ``status``
    the step is ``F`` when a measurement fails, else ``P``."""
    step = seq.add_multi_numeric_step(
        fit_name(name),
        step_type=step_type,
        fail_parent=False,
        **_options(report_text, error_message, tot_time, group),
    )
    names = unique_names([fit_name(m.name) for m in measurements])
    for meas_name, meas in zip(names, measurements, strict=True):
        step.add_measurement(
            meas_name,
            math.nan if meas.value is None else meas.value,
            low_limit=meas.low,
            high_limit=meas.high,
            comp_op=meas.comp_op,
            unit=_unit(meas.unit),
            status=None if meas.status is None else measurement_status(meas.status),
        )
    _finish(step, status or step.raw["status"])
    return step


def add_pass_fail(
    seq: SequenceCall,
    name: str,
    status: str,
    *,
    report_text: str | None = None,
    error_message: str | None = None,
    tot_time: float | None = None,
    group: str = "M",
    step_type: str = "ET_PFT",
) -> Step:
    """A pass/fail step with the file's status (``S`` without a result; ``D`` with a passed one)."""
    if status == "S":
        return _skipped(seq, step_type, name, report_text, group)
    step: PassFailStep = seq.add_pass_fail_step(
        fit_name(name),
        measurement_status(status) == "P",
        step_type=step_type,
        fail_parent=False,
        **_options(report_text, error_message, tot_time, group),
    )
    _finish(step, status)
    return step


def add_string(
    seq: SequenceCall,
    name: str,
    value: str | None,
    *,
    limit: str | None = None,
    comp_op: str | None = None,
    status: str | None = None,
    report_text: str | None = None,
    error_message: str | None = None,
    tot_time: float | None = None,
    group: str = "M",
    step_type: str = "ET_SVT",
) -> Step:
    """A string value step. A value or limit longer than WATS allows goes to ``reportText``."""
    if status == "S":
        return _skipped(seq, step_type, name, report_text, group)
    texts = [report_text] if report_text else []
    if value is not None and len(value) > MAX_TEXT:
        texts.append(f"value: {value}")
        value = fit_text(value, MAX_TEXT)
    if limit is not None and len(limit) > MAX_TEXT:
        texts.append(f"limit: {limit}")
        limit = fit_text(limit, MAX_TEXT)
    step: StringValueStep = seq.add_string_step(
        fit_name(name),
        value if value is not None else "",
        limit=limit,
        comp_op=comp_op,
        status=None if status is None else measurement_status(status),
        step_type=step_type,
        fail_parent=False,
        **_options("\n".join(texts) or None, error_message, tot_time, group),
    )
    _finish(step, status or step.raw["status"])
    return step


def _unit(unit: str | None) -> str | None:
    text = normalise_unit(unit)
    return fit_text(text, MAX_UNIT) if text else None


def _statuses(root: Any) -> set[Any]:
    """Every step status in the tree below ``root`` (raw dicts: no view objects for a big tree)."""
    found: set[Any] = set()
    stack = [root] if isinstance(root, dict) else []
    while stack:
        step = stack.pop()
        found.add(step.get("status"))
        children = step.get("steps")
        if children:
            stack.extend(child for child in children if isinstance(child, dict))
    return found


def set_result(report: UUTReport, verdict: str | None, *, cut_short: bool = False) -> str:
    """Set the report result: the file's ``verdict`` (``P F E T``) when it has one, else derived
    from the steps. A verdict that disagrees with the steps is kept, with a ``ConverterNote``."""
    statuses = _statuses(report.raw.get("root"))
    if "T" in statuses or cut_short:
        derived = "T"
    elif "E" in statuses:
        derived = "E"
    elif "F" in statuses:
        derived = "F"
    else:
        derived = "P"
    if verdict is None:
        result = derived
    else:
        result = verdict
        failing_steps = bool(statuses & _FAILING)
        # Only a pass/fail verdict can contradict the steps; E and T say the run itself broke.
        if verdict in ("P", "F") and (verdict == "P") == failing_steps:
            note = (
                "file verdict is Passed but a step failed"
                if verdict == "P"
                else "file verdict is not Passed but no step failed"
            )
            report.add_misc_info("ConverterNote", note)
    report.raw["result"] = result
    return result
