"""Steps: the nodes of a UUT report's test tree.

A step's class is chosen from what it carries (``numericMeas`` → :class:`NumericStep`,
``booleanMeas`` → :class:`PassFailStep`, ``seqCall`` → :class:`SequenceCall`…), never from
``stepType`` alone: ``stepType`` is free text (TestStand names, WATS names, custom names) and is
kept exactly as received. Steps of unknown types are :class:`GenericStep` and lose nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar, Self

from pywats.core.exceptions import ValidationError
from pywats.domains.report.models._wire import Child, Flag, Int, Number, Text, Timestamp, WireList, WireObject
from pywats.domains.report.models.enums import STEP_STATUS_RANK, ChartType, StepStatus
from pywats.domains.report.models.measurements import (
    BooleanMeasurement,
    NumericMeasurement,
    StringMeasurement,
)
from pywats.domains.report.models.parts import AdditionalData, Attachment, Chart, LoopInfo
from pywats.domains.report.models.status import FAILING, to_step_status

__all__ = [
    "CallExeStep",
    "GenericStep",
    "MessagePopupStep",
    "NumericStep",
    "PassFailStep",
    "Step",
    "StringValueStep",
    "step_view",
]

SEQUENCE_TYPES = frozenset({"SequenceCall", "WATS_SeqCall"})
CHART_STEP_TYPE = "WATS_XYGMNLT"
_NUMERIC_TYPES = ("ET_NLT", "ET_MNLT", "NumericLimitTest", "MultiNumericLimitTest", CHART_STEP_TYPE, "Chart")
_BY_TYPE = {
    **dict.fromkeys(_NUMERIC_TYPES, "NumericStep"),
    **dict.fromkeys(("ET_PFT", "ET_MPFT", "PassFailTest", "MultiBooleanTest"), "PassFailStep"),
    **dict.fromkeys(("ET_SVT", "ET_MSVT", "StringValueTest", "MultiStringTest"), "StringValueStep"),
    **dict.fromkeys(("CallExecutable",), "CallExeStep"),
    **dict.fromkeys(("MessagePopup",), "MessagePopupStep"),
    **dict.fromkeys(SEQUENCE_TYPES, "SequenceCall"),
}
_BY_PAYLOAD = (
    ("numericMeas", "NumericStep"),
    ("booleanMeas", "PassFailStep"),
    ("stringMeas", "StringValueStep"),
    ("callExe", "CallExeStep"),
    ("messagePopup", "MessagePopupStep"),
    ("seqCall", "SequenceCall"),
)
_CLASSES: dict[str, type[Step]] = {}


def step_class(data: dict[str, Any]) -> type[Step]:
    """The view class for a step object, chosen by its payload, then by its ``stepType``."""
    for key, name in _BY_PAYLOAD:
        if key in data:
            return _CLASSES[name]
    return _CLASSES[_BY_TYPE.get(data.get("stepType"), "GenericStep")]  # type: ignore[arg-type]


def step_view(data: dict[str, Any], parent: Step | Any = None) -> Step:
    """A view of the right class over the step object ``data``, attached to ``parent``."""
    obj = step_class(data).wrap(data)
    obj._parent = parent
    return obj


class Step(WireObject):
    """A step of the test tree.

    ``status`` is ``P F S D E T``; setting ``F``, ``E`` or ``T`` raises the parent steps and the
    report result (a parent is only ever raised, in the order P < D < S < F < E < T). ``steps``
    are the children (any step may have them). ``raw`` holds every member, known or not.
    """

    __slots__ = ("_parent",)
    _parent: Any
    _STRUCTURE: ClassVar[frozenset[str]] = frozenset({"status", "steps"})

    id = Int("id")
    group = Text("group")
    step_type = Text("stepType")
    name = Text("name")
    start = Timestamp("start")
    tot_time = Number("totTime")
    error_code = Int("errorCode")
    error_message = Text("errorMessage")
    report_text = Text("reportText")
    ts_guid = Text("tsGuid")
    caused_uut_failure = Flag("causedUUTFailure")
    caused_seq_failure = Flag("causedSeqFailure")
    loop = Child("loop", LoopInfo)
    chart = Child("chart", Chart)
    attachment = Child("attachment", Attachment)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        _CLASSES[cls.__name__] = cls

    def __init__(self, **fields: Any) -> None:
        self._parent = None
        fields.setdefault("group", "M")
        fields.setdefault("status", StepStatus.PASSED)
        status = fields.pop("status")
        super().__init__(**fields)
        self._d["status"] = to_step_status(status)

    @classmethod
    def wrap(cls, data: dict[str, Any]) -> Self:
        obj = super().wrap(data)
        obj._parent = None
        return obj

    # -- status ------------------------------------------------------------------------------------

    @property
    def status(self) -> str | None:
        """The step status letter."""
        return Text("status").read(self._d.get("status"))

    @status.setter
    def status(self, value: StepStatus | str) -> None:
        letter = to_step_status(value)
        self._d["status"] = letter
        if letter in FAILING:
            propagate(self, letter)

    @property
    def passed(self) -> bool:
        """True unless the step failed, errored or was terminated."""
        return self._d.get("status") not in FAILING

    def fail_from_measurement(self) -> None:
        """A measurement of this step failed: a passed, done or skipped step becomes ``F``."""
        if STEP_STATUS_RANK.get(self._d.get("status"), -1) < STEP_STATUS_RANK["F"]:  # type: ignore[arg-type]
            self._d["status"] = "F"
            propagate(self, "F")

    # -- tree --------------------------------------------------------------------------------------

    @property
    def parent(self) -> Any:
        """The parent step (the report for the root; None for a detached step)."""
        return self._parent

    @property
    def steps(self) -> WireList[Step]:
        """The child steps, in execution order."""
        return WireList(self._d, "steps", lambda data: step_view(data, self))

    @property
    def path(self) -> str:
        """Step names from the root down to this step, joined by ``/``."""
        names: list[str] = []
        node: Any = self
        while isinstance(node, Step):
            names.append(str(node._d.get("name")))
            node = node._parent
        return "/".join(reversed(names))

    def walk(self) -> Iterator[Step]:
        """This step and every step below it, depth first (parents before children)."""
        stack: list[Step] = [self]
        while stack:
            step = stack.pop()
            yield step
            children = step._d.get("steps")
            if children:
                stack.extend(
                    step_view(child, step) for child in reversed(children) if isinstance(child, dict)
                )

    def add_step(self, step: Step, *, fail_parent: bool = True) -> Step:
        """Append a ready-made step as the last child; its failure propagates unless ``fail_parent=False``."""
        if not isinstance(step, Step):
            raise ValidationError(f"add_step takes a Step, got {type(step).__name__}", field="steps")
        self.steps.append(step)
        step._parent = self
        status = step._d.get("status")
        if fail_parent and status in FAILING:
            propagate(step, status)
        return step

    # -- decorations -------------------------------------------------------------------------------

    def add_chart(
        self,
        chart_type: ChartType | str = ChartType.LINE,
        label: str = "",
        x_label: str = "",
        x_unit: str | None = None,
        y_label: str = "",
        y_unit: str | None = None,
    ) -> Chart:
        """Give the step a chart (one per step) and return it; add data with ``chart.add_series``.

        A numeric step becomes ``WATS_XYGMNLT``, as WATS does when a chart is added.
        """
        chart = Chart(
            chart_type=ChartType(chart_type).value
            if chart_type in ChartType._value2member_map_
            else chart_type,
            label=label,
            x_label=x_label,
            x_unit=x_unit,
            y_label=y_label,
            y_unit=y_unit,
        )
        self._d["chart"] = chart.raw
        if "numericMeas" in self._d:
            self._d["stepType"] = CHART_STEP_TYPE
        return chart

    def attach_bytes(
        self, name: str, content: bytes, content_type: str = "application/octet-stream"
    ) -> Attachment:
        """Attach a file to the step (one per step) and return it."""
        attachment: Attachment = Attachment.from_bytes(name, content, content_type)
        self._d["attachment"] = attachment.raw
        return attachment

    @property
    def additional_results(self) -> WireList[AdditionalData]:
        """TestStand-style additional results of the step."""
        return WireList(self._d, "additionalResults", AdditionalData.wrap)

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(name={self._d.get('name')!r}, step_type={self._d.get('stepType')!r}, "
            f"status={self._d.get('status')!r})"
        )


def propagate(step: Step, letter: str) -> None:
    """Raise ``step``'s ancestors (and finally the report result) to ``letter`` where they rank lower."""
    rank = STEP_STATUS_RANK[letter]
    parent = step._parent
    while parent is not None:
        if not isinstance(parent, Step):
            raise_result = getattr(parent, "raise_result", None)
            if raise_result is not None:
                raise_result(letter)
            return
        if STEP_STATUS_RANK.get(parent._d.get("status"), -1) >= rank:  # type: ignore[arg-type]
            return
        parent._d["status"] = letter
        parent = parent._parent


class _MeasuringStep(Step):
    __slots__ = ()
    _KEY: ClassVar[str] = ""

    def _measurement_list(self) -> list[Any]:
        items = self._d.get(self._KEY)
        if not isinstance(items, list):
            items = self._d[self._KEY] = []
        return items

    @property
    def is_multiple(self) -> bool:
        """True for a multiple-measurement step (named measurements)."""
        items = self._d.get(self._KEY) or []
        return (
            len(items) > 1
            or any(isinstance(m, dict) and m.get("name") is not None for m in items)
            or (self._d.get("stepType") in ("ET_MNLT", "ET_MPFT", "ET_MSVT"))
        )

    def _added(self, data: dict[str, Any], failed: bool) -> None:
        self._measurement_list().append(data)
        if failed:
            self.fail_from_measurement()


class NumericStep(_MeasuringStep):
    """A numeric limit step (``ET_NLT`` single, ``ET_MNLT`` multiple, ``WATS_XYGMNLT`` with a chart…)."""

    __slots__ = ()
    _KEY = "numericMeas"
    _STRUCTURE = frozenset({"status", "steps", "numericMeas"})

    @property
    def measurements(self) -> WireList[NumericMeasurement]:
        """The measurements (one unnamed for a single step)."""
        return WireList(self._d, "numericMeas", lambda data: NumericMeasurement.view(data, self))

    @property
    def measurement(self) -> NumericMeasurement | None:
        """The first (for a single step: the only) measurement."""
        items = self.measurements
        return items[0] if len(items) else None

    def add_measurement(
        self,
        name: str,
        value: float,
        *,
        low_limit: float | None = None,
        high_limit: float | None = None,
        comp_op: Any = None,
        unit: str | None = None,
        status: StepStatus | str | None = None,
    ) -> NumericMeasurement:
        """Add a named measurement (multiple-measurement step); a failing one fails the step."""
        from pywats.domains.report.models.building import numeric_measurement

        data, failed = numeric_measurement(name, value, low_limit, high_limit, comp_op, unit, status)
        self._added(data, failed)
        if self._d.get("stepType") == "ET_NLT" and len(self._d["numericMeas"]) > 1:
            self._d["stepType"] = "ET_MNLT"
        return NumericMeasurement.view(data, self)


class PassFailStep(_MeasuringStep):
    """A pass/fail step (``ET_PFT`` single, ``ET_MPFT`` multiple)."""

    __slots__ = ()
    _KEY = "booleanMeas"
    _STRUCTURE = frozenset({"status", "steps", "booleanMeas"})

    @property
    def measurements(self) -> WireList[BooleanMeasurement]:
        """The pass/fail results."""
        return WireList(self._d, "booleanMeas", lambda data: BooleanMeasurement.view(data, self))

    def add_measurement(self, name: str, passed: bool) -> BooleanMeasurement:
        """Add a named pass/fail result; a failing one fails the step."""
        from pywats.domains.report.models.building import boolean_measurement

        data, failed = boolean_measurement(name, passed)
        self._added(data, failed)
        return BooleanMeasurement.view(data, self)


class StringValueStep(_MeasuringStep):
    """A string value step (``ET_SVT`` single, ``ET_MSVT`` multiple)."""

    __slots__ = ()
    _KEY = "stringMeas"
    _STRUCTURE = frozenset({"status", "steps", "stringMeas"})

    @property
    def measurements(self) -> WireList[StringMeasurement]:
        """The string measurements."""
        return WireList(self._d, "stringMeas", lambda data: StringMeasurement.view(data, self))

    def add_measurement(
        self,
        name: str,
        value: str,
        *,
        limit: str | None = None,
        comp_op: Any = None,
        status: StepStatus | str | None = None,
    ) -> StringMeasurement:
        """Add a named string measurement; a failing one fails the step."""
        from pywats.domains.report.models.building import string_measurement

        data, failed = string_measurement(name, value, limit, comp_op, status)
        self._added(data, failed)
        return StringMeasurement.view(data, self)


class CallExeStep(Step):
    """A step that ran an executable; ``exit_code`` is what it returned."""

    __slots__ = ()
    _STRUCTURE = frozenset({"status", "steps", "callExe"})

    @property
    def exit_code(self) -> float | None:
        """The executable's exit code (a double on the wire)."""
        payload = self._d.get("callExe")
        return Number("exitCode").read(payload.get("exitCode")) if isinstance(payload, dict) else None

    @exit_code.setter
    def exit_code(self, value: float) -> None:
        self._d.setdefault("callExe", {})["exitCode"] = Number("exitCode").write(value)


class MessagePopupStep(Step):
    """A message shown to the operator: the ``button`` pressed and any typed ``response``."""

    __slots__ = ()
    _STRUCTURE = frozenset({"status", "steps", "messagePopup"})

    def _payload(self) -> dict[str, Any]:
        payload = self._d.get("messagePopup")
        return payload if isinstance(payload, dict) else {}

    @property
    def button(self) -> int | None:
        """Number of the button the operator pressed."""
        return Int("button").read(self._payload().get("button"))

    @property
    def response(self) -> str | None:
        """Text the operator entered, if any."""
        return Text("response").read(self._payload().get("response"))


class GenericStep(Step):
    """Any other step: actions, statements, flow control, waits, and step types this library does not know."""

    __slots__ = ()
