"""The rules WATS applies to a submitted report (report-format §2.9, §3, §4.8), checked all at once.

:func:`check_report` returns every problem; :func:`validate_report` raises
:class:`ReportValidationError` listing every error and returns the warnings. Each problem names
where it is — a step path such as ``MainSequence Callback/Power/Vout`` or a header location such
as ``miscInfos[2]`` — and the wire name of the member.
"""

from __future__ import annotations

import base64
import binascii
import re
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from pywats.domains.report.models._wire import INT16_MAX, INT16_MIN
from pywats.domains.report.models.errors import Problem, ReportValidationError
from pywats.domains.report.models.steps_check import check_steps

if TYPE_CHECKING:
    from pywats.domains.report.models.report import Report

__all__ = ["FUTURE_START_TOLERANCE", "check_report", "validate_report"]

FUTURE_START_TOLERANCE = timedelta(minutes=5)
"""A report starting later than now plus this is future-dated (WATS quarantines those)."""
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff\ud800-\udfff]")
_GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_SPECIAL_NUMBERS = {"nan", "infinity", "+infinity", "-infinity", "inf", "+inf", "-inf"}


def is_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    if isinstance(value, str):
        if value.strip().lower() in _SPECIAL_NUMBERS:
            return True
        try:
            float(value)
        except ValueError:
            return False
        return True
    return False


def as_float(value: Any) -> float:
    if isinstance(value, str):
        text = value.strip().lower().lstrip("+")
        return {
            "nan": float("nan"),
            "infinity": float("inf"),
            "inf": float("inf"),
            "-infinity": float("-inf"),
            "-inf": float("-inf"),
        }.get(text) or float(value)
    return float(value)


class Checker:
    """Collects problems while walking one report document."""

    def __init__(self, now: datetime) -> None:
        self.now = now
        self.problems: list[Problem] = []

    def add(self, location: str, field: str, message: str, severity: str = "error") -> None:
        self.problems.append(Problem(location, field, message, severity))

    # -- value checks ------------------------------------------------------------------------------

    def text(
        self, loc: str, data: dict[str, Any], key: str, max_len: int | None = None, *, required: bool = False
    ) -> str | None:
        value = data.get(key)
        if value is None:
            if required:
                self.add(loc, key, f"{key} is required")
            return None
        if not isinstance(value, str):
            self.add(loc, key, f"{key} must be text, got {type(value).__name__}")
            return None
        if required and not value.strip():
            self.add(loc, key, f"{key} must not be empty")
        if max_len is not None and len(value) > max_len:
            self.add(loc, key, f"{key} is {len(value)} characters; at most {max_len} allowed")
        if _XML_INVALID.search(value):
            self.add(loc, key, f"{key} contains a control character WATS cannot store")
        return value

    def integer(
        self, loc: str, data: dict[str, Any], key: str, *, int16: bool = False, required: bool = False
    ) -> int | None:
        value = data.get(key)
        if value is None:
            if required:
                self.add(loc, key, f"{key} is required")
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(loc, key, f"{key} must be an integer, got {value!r}")
            return None
        if int16 and not INT16_MIN <= value <= INT16_MAX:
            self.add(loc, key, f"{key} {value} is outside the 16-bit range {INT16_MIN}..{INT16_MAX}")
        return value

    def number(self, loc: str, data: dict[str, Any], key: str, *, required: bool = False) -> float | None:
        value = data.get(key)
        if value is None:
            if required:
                self.add(loc, key, f"{key} is required")
            return None
        if not is_number(value):
            self.add(loc, key, f"{key} must be a number, got {value!r}")
            return None
        return as_float(value)

    def flag(self, loc: str, data: dict[str, Any], key: str) -> None:
        value = data.get(key)
        if value is not None and not isinstance(value, bool):
            self.add(loc, key, f"{key} must be true or false, got {value!r}")

    def timestamp(
        self, loc: str, data: dict[str, Any], key: str, *, required: bool = False
    ) -> datetime | None:
        value = data.get(key)
        if value is None:
            if required:
                self.add(loc, key, f"{key} is required")
            return None
        if not isinstance(value, str):
            self.add(loc, key, f"{key} must be an ISO-8601 timestamp string")
            return None
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            self.add(loc, key, f"{key} is not an ISO-8601 timestamp: {value!r}")
            return None
        if moment.tzinfo is None:
            self.add(loc, key, f"{key} needs a UTC offset (e.g. +01:00 or Z): {value!r}")
            return None
        if moment < EPOCH:
            self.add(loc, key, f"{key} is before 1970-01-01")
        return moment

    def guid(self, loc: str, data: dict[str, Any], key: str, *, required: bool = False) -> None:
        value = data.get(key)
        if value is None:
            if required:
                self.add(loc, key, f"{key} is required")
        elif not isinstance(value, str) or not _GUID.match(value):
            self.add(loc, key, f"{key} must be a GUID, got {value!r}")

    def base64(self, loc: str, data: dict[str, Any], key: str = "data") -> None:
        value = data.get(key)
        if not isinstance(value, str):
            self.add(loc, key, f"{key} (Base64 file content) is required")
            return
        try:
            base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            self.add(loc, key, f"{key} is not valid Base64")

    # -- header ------------------------------------------------------------------------------------

    def header(self, d: dict[str, Any], kind: str) -> None:
        loc = "header"
        self.guid(loc, d, "id", required=True)
        for key in ("pn", "sn", "rev", "machineName", "location", "purpose"):
            self.text(loc, d, key, 100, required=True)
        for key in ("processName", "productName", "origin"):
            self.text(loc, d, key, 100)
        self.integer(loc, d, "processCode", int16=True, required=True)
        result = d.get("result")
        if result not in ("P", "F", "E", "T"):
            self.add(loc, "result", f"result must be P, F, E or T, got {result!r}")
        start = self.timestamp(loc, d, "start", required=True)
        start_utc = self.timestamp(loc, d, "startUTC")
        if start is not None:
            if start > self.now + FUTURE_START_TOLERANCE:
                self.add(
                    loc,
                    "start",
                    f"start {d['start']} is in the future; WATS quarantines such reports",
                    "warning",
                )
            if start_utc is not None and abs(start - start_utc) > timedelta(seconds=1):
                self.add(loc, "startUTC", "startUTC is not the same instant as start", "warning")
        for index, info in enumerate(d.get("miscInfos") or ()):
            where = f"miscInfos[{index}]"
            self.text(where, info, "description", 100, required=True)
            self.text(where, info, "text", 100)
            self.integer(where, info, "numeric", int16=True)
            self.text(where, info, "typedef", 30)
        for index, asset in enumerate(d.get("assets") or ()):
            where = f"assets[{index}]"
            self.text(
                where,
                asset,
                "assetSN" if "assetSN" in asset or "sn" not in asset else "sn",
                100,
                required=True,
            )
            self.integer(where, asset, "usageCount")
        for index, blob in enumerate(d.get("binaryData") or ()):
            where = f"binaryData[{index}]"
            self.text(where, blob, "name", 256, required=True)
            self.text(where, blob, "contentType", 100)
            self.base64(where, blob)
        for index, block in enumerate(d.get("additionalData") or ()):
            self.text(f"additionalData[{index}]", block, "name", 200, required=True)
        if kind == "R":
            self.uur(d)
        else:
            self.uut(d)

    def uut(self, d: dict[str, Any]) -> None:
        info = d.get("uut")
        if info is None:
            self.add("header", "uut", "uut (operator and run information) is required for a UUT report")
        else:
            self.text("uut", info, "user", 100)
            self.text("uut", info, "comment", 5000)
            self.text("uut", info, "batchSN", 100)
            self.text("uut", info, "fixtureId", 100)
            self.text("uut", info, "errorMessage", 500)
            self.number("uut", info, "execTime")
            self.integer("uut", info, "testSocketIndex", int16=True)
            for key in ("errorCode", "batchFailCount", "batchLoopIndex", "stepIdCausedUUTFailure"):
                self.integer("uut", info, key)
        for index, unit in enumerate(d.get("subUnits") or ()):
            self.sub_unit(f"subUnits[{index}]", unit)
        root = d.get("root")
        if root is None:
            self.add("header", "root", "root (the step tree) is required for a UUT report")
        else:
            check_steps(self, root)
            status = root.get("status")
            if d.get("result") == "P" and status in ("F", "E", "T"):
                self.add("header", "result", f"result is P but the root step is {status}", "warning")

    def sub_unit(self, where: str, unit: dict[str, Any]) -> None:
        self.text(where, unit, "partType", 50)
        self.text(where, unit, "pn", 100, required=True)
        self.text(where, unit, "sn", 100, required=True)
        self.text(where, unit, "rev", 100)
        self.integer(where, unit, "position", int16=True)
        for key in ("idx", "parentIdx", "replacedIdx"):
            self.integer(where, unit, key)

    def uur(self, d: dict[str, Any]) -> None:
        info = d.get("uur")
        if info is None:
            self.add("header", "uur", "uur (repair information) is required for a UUR report")
        else:
            self.text("uur", info, "user", 100)
            self.text("uur", info, "comment", 5000)
            self.integer("uur", info, "processCode", int16=True, required=True)
            self.guid("uur", info, "refUUT")
            self.timestamp("uur", info, "confirmDate")
            self.timestamp("uur", info, "finalizeDate")
            self.number("uur", info, "execTime")
            self.flag("uur", info, "active")
        units = d.get("subUnits") or []
        indexes = [u.get("idx") for u in units]  # a list: any JSON value compares, hashable or not
        main = next((u for u in units if u.get("idx") == 0), None)
        if main is None:
            self.add("subUnits", "idx", "a UUR needs the repaired unit as subUnits entry with idx 0")
        elif (main.get("pn"), main.get("sn")) != (d.get("pn"), d.get("sn")):
            self.add("subUnits[idx=0]", "sn", "the unit with idx 0 must have the report's pn and sn")
        for index, unit in enumerate(units):
            where = f"subUnits[{index}]"
            self.sub_unit(where, unit)
            for key in ("parentIdx", "replacedIdx"):
                ref = unit.get(key)
                if ref is not None and ref not in indexes:
                    self.add(where, key, f"{key} {ref} refers to no unit")
            for f_index, failure in enumerate(unit.get("failures") or ()):
                self.failure(f"{where}.failures[{f_index}]", failure)

    def failure(self, where: str, failure: dict[str, Any]) -> None:
        self.text(where, failure, "category", 100, required=True)
        self.text(where, failure, "code", 100, required=True)
        self.text(where, failure, "comment", 5000)
        self.text(where, failure, "comRef", 50)
        self.text(where, failure, "funcBlock", 100)
        self.text(where, failure, "artNumber", 100)
        self.text(where, failure, "artRev", 100)
        self.text(where, failure, "artVendor", 500)
        self.text(where, failure, "artDescription", 500)
        self.integer(where, failure, "refStepId")
        for index, blob in enumerate(failure.get("attachments") or ()):
            self.text(f"{where}.attachments[{index}]", blob, "name", 256, required=True)
            self.base64(f"{where}.attachments[{index}]", blob)


def check_report(report: Report, *, now: datetime | None = None) -> list[Problem]:
    """Every problem of ``report``, errors and warnings, in document order."""
    checker = Checker(now or datetime.now(UTC))
    d = report.raw
    checker.header(d, "R" if d.get("type") == "R" else "T")
    if d.get("type") not in ("T", "R"):
        checker.add("header", "type", f"type must be T or R, got {d.get('type')!r}")
    return checker.problems


def validate_report(
    report: Report, *, now: datetime | None = None, operation: str | None = None
) -> list[Problem]:
    """Raise :class:`ReportValidationError` with every error of ``report``; return its warnings."""
    problems = check_report(report, now=now)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ReportValidationError(errors, operation=operation)
    return problems
