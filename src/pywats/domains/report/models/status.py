"""Reading statuses in the many spellings people use, and writing the wire letters."""

from __future__ import annotations

from typing import Any

from pywats.core.exceptions import ValidationError
from pywats.domains.report.models.enums import StepStatus

__all__ = ["FAILING", "to_measurement_status", "to_result", "to_step_status"]

FAILING = frozenset("FET")
"""Step statuses that propagate to the parent."""

_WORDS = {
    "p": "P",
    "passed": "P",
    "pass": "P",
    "f": "F",
    "failed": "F",
    "fail": "F",
    "s": "S",
    "skipped": "S",
    "skip": "S",
    "d": "D",
    "done": "D",
    "e": "E",
    "error": "E",
    "t": "T",
    "terminated": "T",
}


def _letter(value: Any, field: str, allowed: str) -> str:
    if isinstance(value, str):
        text = str(value)  # a StepStatus member becomes its plain letter
        letter = text if len(text) == 1 and text in allowed else _WORDS.get(text.strip().lower())
        if letter is not None and letter in allowed:
            return letter
    raise ValidationError(
        f"{field} must be one of {', '.join(allowed)} (or the word: Passed, Failed…), got {value!r}",
        field=field,
        value=value,
    )


def to_step_status(value: StepStatus | str, field: str = "status") -> str:
    """The wire letter of a step status (``P F S D E T``)."""
    return _letter(value, field, "PFSDET")


def to_measurement_status(value: StepStatus | str, field: str = "status") -> str:
    """The wire letter of a measurement status (``P F S``)."""
    return _letter(value, field, "PFS")


def to_result(value: StepStatus | str, field: str = "result") -> str:
    """The wire letter of a report result (``P F E T``)."""
    return _letter(value, field, "PFET")
