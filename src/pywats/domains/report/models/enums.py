"""The fixed vocabularies of a WATS report: statuses, groups, operators, chart types."""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "REPORT_RESULT_RANK",
    "STEP_STATUS_RANK",
    "ChartType",
    "CompOp",
    "ReportResult",
    "ReportType",
    "StepGroup",
    "StepStatus",
]


class ReportType(StrEnum):
    """The ``type`` of a report document: ``T`` test (UUT) or ``R`` repair (UUR).

    Header queries use ``U`` for UUT; the services translate, so pass these members there too.
    """

    UUT = "T"
    UUR = "R"


class StepStatus(StrEnum):
    """The status of a step (all six) or a measurement (``P``, ``F``, ``S`` only)."""

    PASSED = "P"
    DONE = "D"
    SKIPPED = "S"
    FAILED = "F"
    ERROR = "E"
    TERMINATED = "T"

    @property
    def word(self) -> str:
        """The English word WSXF uses (``Passed``, ``Done``…)."""
        return _STATUS_WORDS[self.value]


class ReportResult(StrEnum):
    """The overall result of a report: ``P``, ``F``, ``E`` or ``T`` (``D`` is not a report result)."""

    PASSED = "P"
    FAILED = "F"
    ERROR = "E"
    TERMINATED = "T"


_STATUS_WORDS = {
    "P": "Passed",
    "D": "Done",
    "S": "Skipped",
    "F": "Failed",
    "E": "Error",
    "T": "Terminated",
}

# Severity order used when a failure propagates to the parent (a parent is only ever raised).
STEP_STATUS_RANK = {"P": 0, "D": 1, "S": 2, "F": 3, "E": 4, "T": 5}
REPORT_RESULT_RANK = {"P": 0, "F": 1, "E": 2, "T": 3}


class StepGroup(StrEnum):
    """The TestStand step group a step ran in."""

    SETUP = "S"
    MAIN = "M"
    CLEANUP = "C"


class CompOp(StrEnum):
    """How a measured value is compared with its limits.

    Single-limit operators (``EQ NE GT GE LT LE``) read their one limit from ``lowLimit`` —
    ``LT`` and ``LE`` too. Two-limit operators use ``lowLimit`` and ``highLimit``; the ``LT…GT``
    family passes *outside* the range. ``LOG`` always passes. ``CASESENSIT``/``IGNORECASE`` are
    for strings.
    """

    EQ = "EQ"
    NE = "NE"
    GT = "GT"
    LT = "LT"
    GE = "GE"
    LE = "LE"
    GTLT = "GTLT"
    GELE = "GELE"
    GELT = "GELT"
    GTLE = "GTLE"
    LTGT = "LTGT"
    LEGE = "LEGE"
    LEGT = "LEGT"
    LTGE = "LTGE"
    LOG = "LOG"
    CASESENSIT = "CASESENSIT"
    IGNORECASE = "IGNORECASE"

    @classmethod
    def parse(cls, text: str | None) -> CompOp | None:
        """The operator spelled ``text`` in any case (``"IgnoreCase"``); empty is ``LOG``; None if unknown."""
        if text is None or text == "":
            return cls.LOG
        return _BY_UPPER.get(text.upper()) if isinstance(text, str) else None

    @property
    def limit_count(self) -> int:
        """How many numeric limits the operator uses: 0, 1 (``lowLimit``) or 2."""
        return _LIMIT_COUNT[self]


_BY_UPPER = {op.value: op for op in CompOp}
_LIMIT_COUNT = {op: 1 for op in CompOp} | {
    CompOp.LOG: 0,
    CompOp.CASESENSIT: 0,
    CompOp.IGNORECASE: 0,
    CompOp.GTLT: 2,
    CompOp.GELE: 2,
    CompOp.GELT: 2,
    CompOp.GTLE: 2,
    CompOp.LTGT: 2,
    CompOp.LEGE: 2,
    CompOp.LEGT: 2,
    CompOp.LTGE: 2,
}

NUMERIC_OPS = frozenset(op for op in CompOp if op not in (CompOp.CASESENSIT, CompOp.IGNORECASE))
STRING_OPS = frozenset(
    (
        CompOp.LOG,
        CompOp.CASESENSIT,
        CompOp.IGNORECASE,
        CompOp.EQ,
        CompOp.NE,
        CompOp.GT,
        CompOp.LT,
        CompOp.GE,
        CompOp.LE,
    )
)


class ChartType(StrEnum):
    """Axis scaling of a chart."""

    LINE = "Line"
    LINE_LOG_XY = "LineLogXY"
    LINE_LOG_X = "LineLogX"
    LINE_LOG_Y = "LineLogY"
