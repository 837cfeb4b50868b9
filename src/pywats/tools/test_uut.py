"""``TestUUT``: build a test (UUT) report step by step.

>>> from pywats.tools.test_uut import TestUUT
>>> uut = TestUUT("WIDGET-001", "SN-12345", "A", operator="John Doe")
>>> power = uut.add_sequence_call("Power")
>>> _ = power.add_numeric_step("Vout", 3.31, low_limit=3.2, high_limit=3.4, unit="V")
>>> _ = power.add_numeric_step("Ripple", 0.09, high_limit=0.05, unit="V")  # LE 0.05: fails
>>> uut.result
'F'

Statuses are evaluated from limits and failures propagate to the report result. Submit with
``api.report.submit_report(uut)``: station name, location and purpose the report leaves unset
are filled from the client's :class:`~pywats.Station`. The report ``id`` is fixed here, so
submitting the same object again never creates a second report.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pywats.core.exceptions import ValidationError
from pywats.core.station import Purpose
from pywats.domains.report.models import (
    GenericStep,
    NumericStep,
    PassFailStep,
    SequenceCall,
    StringValueStep,
    UUTReport,
)

__all__ = ["TestUUT"]


class TestUUT(UUTReport):
    """A UUT report with a friendly constructor and shortcuts that add steps to the root sequence.

    ``purpose`` is the WATS process (operation) code the report is filed under — a
    :class:`~pywats.Purpose` or any code defined on your server. The station's purpose *text*
    (``"Production"``…) goes in ``station_purpose``. An empty part number, serial number or
    revision raises :class:`~pywats.ValidationError`.
    """

    __test__ = False  # not a pytest test class, despite the name
    __slots__ = ()

    def __init__(
        self,
        part_number: str,
        serial_number: str,
        revision: str,
        operator: str | None = None,
        purpose: Purpose | int = Purpose.TEST,
        *,
        station_name: str | None = None,
        location: str | None = None,
        station_purpose: str | None = None,
        start: datetime | None = None,
        sequence_name: str | None = None,
        sequence_path: str | None = None,
        sequence_version: str | None = None,
        id: str | uuid.UUID | None = None,
    ) -> None:
        if isinstance(purpose, bool) or not isinstance(purpose, int):
            raise ValidationError(
                f"purpose must be a Purpose or an integer process code, got {purpose!r}",
                field="processCode",
                value=purpose,
            )
        super().__init__(
            _named("part_number", part_number),
            _named("serial_number", serial_number),
            _named("revision", revision),
            int(purpose),
            operator=operator,
            station_name=station_name,
            location=location,
            purpose=station_purpose,
            start=start,
            id=id,
            sequence_name=sequence_name,
            sequence_path=sequence_path,
            sequence_version=sequence_version,
        )

    # Shortcuts: each adds to the root sequence call and takes the arguments of the
    # SequenceCall method of the same name.

    def add_sequence_call(self, name: str, **options: Any) -> SequenceCall:
        """Add a sequence call under the root (see :meth:`SequenceCall.add_sequence_call`)."""
        return self.root.add_sequence_call(name, **options)

    def add_numeric_step(self, name: str, value: float, **options: Any) -> NumericStep:
        """Add a numeric limit step under the root (see :meth:`SequenceCall.add_numeric_step`)."""
        return self.root.add_numeric_step(name, value, **options)

    def add_multi_numeric_step(self, name: str, **options: Any) -> NumericStep:
        """Add a multiple numeric step under the root (see :meth:`SequenceCall.add_multi_numeric_step`)."""
        return self.root.add_multi_numeric_step(name, **options)

    def add_pass_fail_step(self, name: str, passed: bool = True, **options: Any) -> PassFailStep:
        """Add a pass/fail step under the root (see :meth:`SequenceCall.add_pass_fail_step`)."""
        return self.root.add_pass_fail_step(name, passed, **options)

    def add_string_step(self, name: str, value: str, **options: Any) -> StringValueStep:
        """Add a string value step under the root (see :meth:`SequenceCall.add_string_step`)."""
        return self.root.add_string_step(name, value, **options)

    def add_chart_step(self, name: str, **options: Any) -> NumericStep:
        """Add a chart step under the root (see :meth:`SequenceCall.add_chart_step`)."""
        return self.root.add_chart_step(name, **options)

    def add_action_step(self, name: str, **options: Any) -> GenericStep:
        """Add an action step under the root (see :meth:`SequenceCall.add_action_step`)."""
        return self.root.add_action_step(name, **options)


def _named(field: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(f"{field} must not be empty", field=field, value=value, operation="TestUUT")
    return value
