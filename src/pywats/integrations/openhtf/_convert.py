"""An OpenHTF test record as a WATS UUT report (pure: reads the record's attributes only).

Mapping:

* the record's ``dut_id`` → serial number, ``station_id`` → station name, start/end times →
  start and execution time, ``outcome`` → result (PASS → P, FAIL → F, ERROR → E, TIMEOUT and
  ABORTED → T), ``outcome_details`` → the report comment;
* each phase → a sequence call with the phase's outcome and duration (OpenHTF's own
  ``trigger_phase`` without measurements is left out);
* each measurement → a step: numbers → numeric limit steps (``InRange``/``WithinPercent`` →
  ``GELE``, ``GE`` or ``LE``; ``equals`` on a number → ``EQ``; none → ``LOG``), text → string value steps
  (``Equals`` and exact-match regexes become a ``CASESENSIT`` limit), booleans → pass/fail
  steps, anything else (dimensioned values, lists) → an action step describing it. The step
  status is OpenHTF's own verdict on the measurement, so the two never disagree;
* each attachment → an action step named after it, carrying the file.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pywats.domains.report.models import SequenceCall
    from pywats.tools.test_uut import TestUUT

__all__ = ["RESULTS", "record_to_report"]

RESULTS = {"PASS": "P", "FAIL": "F", "ERROR": "E", "TIMEOUT": "T", "ABORTED": "T"}
_PHASE_STATUS = {"PASS": "P", "FAIL": "F", "SKIP": "S", "ERROR": "E"}
_MEASUREMENT_STATUS = {"PASS": "P", "FAIL": "F", "UNSET": "S", "PARTIALLY_SET": "F"}
_LITERAL_REGEX = re.compile(r"^\^(.*)\$$", re.DOTALL)
MAX_NAME_CHARS = 100
MAX_TEXT_CHARS = 1000
MAX_COMMENT_CHARS = 5000


def record_to_report(
    record: Any,
    *,
    part_number: str | None = None,
    revision: str | None = None,
    process_code: int = 10,
    operator: str | None = None,
    location: str | None = None,
    purpose: str | None = None,
) -> TestUUT:
    """The UUT report of an OpenHTF ``TestRecord``.

    ``part_number`` and ``revision`` default to the record's metadata (``part_number``,
    ``revision``; set them with ``htf.Test(..., part_number="...")``); the revision falls back
    to ``"A"``. A missing part number or serial number (``dut_id``) raises
    :class:`~pywats.ValidationError`.
    """
    from pywats.core.exceptions import ValidationError
    from pywats.tools.test_uut import TestUUT

    metadata = getattr(record, "metadata", None) or {}
    part_number = part_number or _text(metadata.get("part_number"))
    if not part_number:
        raise ValidationError(
            "the record has no part number: pass part_number=... or set it in the test's metadata",
            field="part_number",
            operation="record_to_report",
        )
    serial_number = _text(getattr(record, "dut_id", None))
    if not serial_number:
        raise ValidationError(
            "the record has no DUT id (serial number)", field="dut_id", operation="record_to_report"
        )
    start_ms = getattr(record, "start_time_millis", None)
    end_ms = getattr(record, "end_time_millis", None)
    uut = TestUUT(
        part_number,
        serial_number,
        revision or _text(metadata.get("revision")) or "A",
        operator=operator or _text(metadata.get("operator")),
        purpose=process_code,
        station_name=_text(getattr(record, "station_id", None)),
        location=location,
        station_purpose=purpose,
        start=_moment(start_ms),
        sequence_name=_text(metadata.get("test_name")),
    )
    for phase in getattr(record, "phases", None) or []:
        if getattr(phase, "name", "") == "trigger_phase" and not getattr(phase, "measurements", None):
            continue
        _add_phase(uut, phase)
    # The record's verdict is the report's result, whatever the steps say.
    uut.result = RESULTS.get(_enum_name(getattr(record, "outcome", None)), "E")
    info = uut.info
    if info is not None:
        if isinstance(start_ms, int | float) and isinstance(end_ms, int | float) and end_ms >= start_ms:
            info.exec_time = (end_ms - start_ms) / 1000.0
        details = [
            f"{getattr(d, 'code', '')}: {getattr(d, 'description', '')}"
            for d in getattr(record, "outcome_details", None) or []
        ]
        if details:
            info.comment = _short("\n".join(details), MAX_COMMENT_CHARS)
    return uut


def _add_phase(uut: TestUUT, phase: Any) -> None:
    options = _timing(getattr(phase, "start_time_millis", None), getattr(phase, "end_time_millis", None))
    status = _PHASE_STATUS.get(_enum_name(getattr(phase, "outcome", None)), "E")
    sequence = uut.root.add_sequence_call(_short(str(phase.name), MAX_NAME_CHARS), status=status, **options)
    for name, measurement in (getattr(phase, "measurements", None) or {}).items():
        _add_measurement(sequence, _short(str(name), MAX_NAME_CHARS), measurement)
    for name, attachment in (getattr(phase, "attachments", None) or {}).items():
        step = sequence.add_action_step(_short(str(name), MAX_NAME_CHARS), status="D")
        step.attach_bytes(
            str(name),
            bytes(attachment.data),
            getattr(attachment, "mimetype", None) or "application/octet-stream",
        )


def _add_measurement(sequence: SequenceCall, name: str, measurement: Any) -> None:
    status = _MEASUREMENT_STATUS.get(_enum_name(getattr(measurement, "outcome", None)), "F")
    measured = getattr(measurement, "measured_value", None)
    if measured is None or not getattr(measured, "is_value_set", False):
        sequence.add_action_step(name, status="S", report_text="not measured")
        return
    value = measured.value
    validators = list(getattr(measurement, "validators", None) or [])
    if isinstance(value, bool):
        sequence.add_pass_fail_step(name, status == "P", status=status)
    elif isinstance(value, int | float):
        low, high, comp_op = _numeric_limits(validators)
        sequence.add_numeric_step(
            name,
            value,
            low_limit=low,
            high_limit=high,
            comp_op=comp_op,
            unit=_unit(getattr(measurement, "units", None)),
            status=status,
            report_text=_described(validators),
        )
    elif isinstance(value, str):
        limit = _string_limit(validators)
        sequence.add_string_step(
            name, value, limit=limit, comp_op=None if limit is not None else "LOG", status=status,
            report_text=_described(validators),
        )  # fmt: skip
    else:
        sequence.add_action_step(name, status=status, report_text=_short(repr(value), MAX_TEXT_CHARS))


def _numeric_limits(validators: list[Any]) -> tuple[float | None, float | None, str | None]:
    for validator in validators:
        if hasattr(validator, "minimum") and hasattr(validator, "maximum"):
            low, high = validator.minimum, validator.maximum
            if low is None and high is None:
                continue
            if low is not None and low == high:
                return float(low), None, "EQ"  # OpenHTF's equals() on a number is a zero-width range
            return low, high, None  # GELE, GE or LE by which limits exist
        expected = getattr(validator, "expected", None)
        if type(validator).__name__ == "Equals" and isinstance(expected, int | float):
            return float(expected), None, "EQ"
    return None, None, "LOG"


def _string_limit(validators: list[Any]) -> str | None:
    for validator in validators:
        expected = getattr(validator, "expected", None)
        if isinstance(expected, str):
            return expected
        regex = getattr(validator, "regex", None)
        if isinstance(regex, str):
            match = _LITERAL_REGEX.match(regex)
            if match:
                literal = re.sub(r"\\(.)", r"\1", match.group(1))
                if re.escape(literal) == match.group(1):
                    return literal
    return None


def _described(validators: list[Any]) -> str | None:
    text = "; ".join(str(v) for v in validators)
    return _short(text, MAX_TEXT_CHARS) if text else None


def _unit(units: Any) -> str | None:
    if units is None:
        return None
    return _text(getattr(units, "suffix", None)) or _text(getattr(units, "name", None))


def _timing(start_ms: Any, end_ms: Any) -> dict[str, Any]:
    options: dict[str, Any] = {}
    if isinstance(start_ms, int | float):
        options["start"] = _moment(start_ms)
        if isinstance(end_ms, int | float) and end_ms >= start_ms:
            options["tot_time"] = (end_ms - start_ms) / 1000.0
    return options


def _moment(millis: Any) -> datetime | None:
    if not isinstance(millis, int | float) or isinstance(millis, bool):
        return None
    return datetime.fromtimestamp(millis / 1000.0, UTC).astimezone()


def _enum_name(value: Any) -> str:
    return str(getattr(value, "name", value) or "").upper()


def _text(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
