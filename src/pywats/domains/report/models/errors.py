"""Errors of the report model and formats, all :class:`~pywats.ValidationError` subclasses.

::

    ValidationError
    ├── ReportParseError        the input is not a report document (malformed JSON/XML/text, wrong shape)
    │   └── UnsafeXMLError      the XML declares a DOCTYPE or entities (XXE, billion laughs): refused unread
    └── ReportValidationError   a well-formed report breaks WATS rules; ``problems`` lists every one
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pywats.core.exceptions import ValidationError

__all__ = ["Problem", "ReportParseError", "ReportValidationError", "UnsafeXMLError"]


class ReportParseError(ValidationError):
    """The input could not be read as a report.

    ``location`` says where: a JSON path such as ``root.steps[3].numericMeas``, ``line 4, column 17``
    for malformed text, or an XML element path.
    """

    def __init__(
        self,
        message: str,
        *,
        location: str | None = None,
        field: str | None = None,
        value: Any = None,
        operation: str | None = None,
        cause: BaseException | None = None,
    ) -> None:
        text = f"{location}: {message}" if location else message
        details = {"location": location} if location else None
        super().__init__(text, field=field, value=value, operation=operation, details=details, cause=cause)
        self.location = location


class UnsafeXMLError(ReportParseError):
    """The XML document declares a DOCTYPE, entities or external references; it is refused unread."""


@dataclass(frozen=True)
class Problem:
    """One rule a report breaks.

    ``location`` is a step path (``MainSequence Callback/Power/Vout``) or a header location
    (``uut``, ``miscInfos[2]``); ``field`` the wire name of the member (``highLimit``).
    ``severity`` is ``"error"`` (WATS rejects the report) or ``"warning"`` (accepted, but
    probably not what was meant).
    """

    location: str
    field: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


class ReportValidationError(ValidationError):
    """A report breaks WATS rules. ``problems`` lists every error found, not just the first."""

    def __init__(self, problems: Sequence[Problem], *, operation: str | None = None) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        head = "; ".join(str(p) for p in self.problems[:20])
        more = f"; … and {count - 20} more" if count > 20 else ""
        noun = "problem" if count == 1 else "problems"
        first = self.problems[0] if self.problems else None
        super().__init__(
            f"The report has {count} {noun}: {head}{more}",
            field=first.field if first else None,
            operation=operation,
            details={"problems": [str(p) for p in self.problems]},
        )
