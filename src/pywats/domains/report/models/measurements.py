"""Measurements: the numeric, pass/fail and string results inside a measuring step."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

from pywats.core.exceptions import ValidationError
from pywats.domains.report.models._wire import Number, Text, WireObject, check_number, read_float
from pywats.domains.report.models.compare import evaluate_numeric, evaluate_string
from pywats.domains.report.models.enums import CompOp, StepStatus
from pywats.domains.report.models.status import to_measurement_status

if TYPE_CHECKING:
    from pywats.domains.report.models.steps import Step

__all__ = ["BooleanMeasurement", "Measurement", "NumericMeasurement", "StringMeasurement"]


class Measurement(WireObject):
    """Common part of every measurement: its ``name`` (None in a single-measurement step) and ``status``."""

    __slots__ = ("_step",)
    _step: Step | None
    name = Text("name")

    @classmethod
    def view(cls, data: dict[str, Any], step: Step | None) -> Self:
        obj = cls.wrap(data)
        obj._step = step
        return obj

    @classmethod
    def wrap(cls, data: dict[str, Any]) -> Self:
        obj = super().wrap(data)
        obj._step = None
        return obj

    def __init__(self, **fields: Any) -> None:
        self._step = None
        super().__init__(**fields)

    @property
    def step(self) -> Step | None:
        """The step holding this measurement (None for a detached view)."""
        return self._step

    @property
    def status(self) -> str | None:
        """``P``, ``F`` or ``S``. Setting ``F`` also fails the step (and its parents)."""
        return Text("status").read(self._d.get("status"))

    @status.setter
    def status(self, value: StepStatus | str) -> None:
        letter = to_measurement_status(value)
        self._d["status"] = letter
        if letter == "F" and self._step is not None:
            self._step.fail_from_measurement()

    @property
    def passed(self) -> bool:
        """True unless the measurement failed."""
        return self._d.get("status") != "F"

    _STRUCTURE = frozenset({"status"})


def _comp_op(raw: Any, key: str = "compOp") -> CompOp:
    op = CompOp.parse(raw)
    if op is None:
        raise ValidationError(f"{key}: unknown comparison operator {raw!r}", field=key, value=raw)
    return op


class NumericMeasurement(Measurement):
    """A measured number with its unit, comparison operator and limits.

    Single-limit operators keep their limit in ``low_limit`` (also ``LT`` and ``LE``).
    """

    __slots__ = ()
    unit = Text("unit")
    value_format = Text("valueFormat")
    low_limit_format = Text("lowLimitFormat")
    high_limit_format = Text("highLimitFormat")
    low_limit = Number("lowLimit")
    high_limit = Number("highLimit")

    @property
    def value(self) -> float | None:
        """The measured value (NaN and infinities allowed)."""
        return read_float(self._d.get("value"))

    @value.setter
    def value(self, value: float) -> None:
        self._d["value"] = check_number(value, "value")

    @property
    def comp_op(self) -> CompOp:
        """The comparison operator (``LOG`` when absent)."""
        return _comp_op(self._d.get("compOp"))

    @comp_op.setter
    def comp_op(self, value: CompOp | str) -> None:
        self._d["compOp"] = _comp_op(value).value

    def evaluate(self) -> bool:
        """True if ``value`` passes ``comp_op`` with the limits (report-format §1.4)."""
        value = self.value
        if value is None:
            return self.comp_op is CompOp.LOG
        return evaluate_numeric(self.comp_op, value, self.low_limit, self.high_limit)

    _STRUCTURE = frozenset({"status", "value", "compOp"})


class BooleanMeasurement(Measurement):
    """A pass/fail result: the ``status`` is the result."""

    __slots__ = ()


class StringMeasurement(Measurement):
    """A measured string compared with an expected ``limit``."""

    __slots__ = ()
    value = Text("value")
    limit = Text("limit")

    @property
    def comp_op(self) -> CompOp:
        """The comparison operator (``LOG`` when absent; case-insensitive on input)."""
        return _comp_op(self._d.get("compOp"))

    @comp_op.setter
    def comp_op(self, value: CompOp | str) -> None:
        self._d["compOp"] = _comp_op(value).value

    def evaluate(self) -> bool:
        """True if ``value`` passes ``comp_op`` against ``limit``."""
        return evaluate_string(self.comp_op, self.value, self.limit)

    _STRUCTURE = frozenset({"status", "compOp"})
