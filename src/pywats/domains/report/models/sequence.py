"""Sequence calls: the container steps, and the methods that build a test tree."""

from __future__ import annotations

from typing import Any

from pywats.core.exceptions import ValidationError
from pywats.domains.report.models.building import (
    boolean_measurement,
    numeric_measurement,
    require_name,
    step_dict,
    string_measurement,
)
from pywats.domains.report.models.enums import ChartType, CompOp, StepStatus
from pywats.domains.report.models.parts import SeqCallInfo
from pywats.domains.report.models.status import FAILING, to_step_status
from pywats.domains.report.models.steps import (
    CHART_STEP_TYPE,
    CallExeStep,
    GenericStep,
    MessagePopupStep,
    NumericStep,
    PassFailStep,
    Step,
    StringValueStep,
    propagate,
)

__all__ = ["SequenceCall"]

Group = StepStatus | str
_PLAIN_NUMBERS = (float, int)
_new = object.__new__


class SequenceCall(Step):
    """A step that called a sequence; its ``steps`` are the called sequence's steps.

    The ``add_*`` methods append a new step and return it. Statuses follow WATS's Active mode:
    a measurement is evaluated against its limits unless ``status`` is given, a failing step
    fails this sequence and every parent up to the report result (``fail_parent=False`` stops
    that). Common keyword options of every ``add_*`` method: ``group`` (``"S"`` setup, ``"M"``
    main, ``"C"`` cleanup), ``step_type`` (the ``stepType`` text), and ``id``, ``start``,
    ``tot_time`` (seconds), ``error_code``, ``error_message``, ``report_text``, ``ts_guid``.
    """

    __slots__ = ()
    _STRUCTURE = frozenset({"status", "steps", "seqCall"})

    @property
    def seq_call(self) -> SeqCallInfo | None:
        """The called sequence's name, file path and version."""
        payload = self._d.get("seqCall")
        return SeqCallInfo.wrap(payload) if isinstance(payload, dict) else None

    def _append(self, data: dict[str, Any], view: type[Step], fail_parent: bool) -> Any:
        children = self._d.get("steps")
        if children is None:
            children = self._d["steps"] = []
        children.append(data)
        step = view.wrap(data)
        step._parent = self
        if fail_parent and data["status"] in FAILING:
            propagate(step, data["status"])
        return step

    def add_sequence_call(
        self,
        name: str,
        *,
        sequence_name: str | None = None,
        path: str | None = None,
        version: str | None = None,
        status: Group = StepStatus.PASSED,
        group: str = "M",
        step_type: str = "SequenceCall",
        fail_parent: bool = True,
        **options: Any,
    ) -> SequenceCall:
        """Add a sequence call named ``name`` (``sequence_name`` defaults to it) and return it."""
        require_name(name)
        data = step_dict(step_type, name, group, to_step_status(status), options)
        data["steps"] = []
        data["seqCall"] = {"path": path, "name": sequence_name or name, "version": version}
        return self._append(data, SequenceCall, fail_parent)  # type: ignore[no-any-return]

    def add_numeric_step(
        self,
        name: str,
        value: float,
        *,
        low_limit: float | None = None,
        high_limit: float | None = None,
        comp_op: CompOp | str | None = None,
        unit: str | None = None,
        status: Group | None = None,
        group: str = "M",
        step_type: str = "ET_NLT",
        fail_parent: bool = True,
        **options: Any,
    ) -> NumericStep:
        """Add a numeric limit step with one measurement.

        Without ``comp_op``: two limits mean ``GELE``, ``low_limit`` alone ``GE``, ``high_limit``
        alone ``LE``, none ``LOG``. Single-limit operators (``EQ NE GT GE LT LE``) keep their
        limit in ``lowLimit`` as WATS requires. ``value`` may be NaN or infinite.
        """
        if type(name) is not str or not name:
            require_name(name)
        value_type = type(value)
        if (
            comp_op is None
            and status is None
            and (value_type is float or value_type is int)
            and type(low_limit) in _PLAIN_NUMBERS
            and type(high_limit) in _PLAIN_NUMBERS
            and (unit is None or type(unit) is str)
            and low_limit <= high_limit  # type: ignore[operator]
        ):
            # The common case (two limits → GELE), kept inline: it is most of a big report's build time.
            step_status = "P" if low_limit <= value <= high_limit else "F"  # type: ignore[operator]
            meas = {
                "compOp": "GELE",
                "name": None,
                "status": step_status,
                "unit": unit,
                "value": value,
                "highLimit": high_limit,
                "lowLimit": low_limit,
            }
        else:
            meas, failed = numeric_measurement(None, value, low_limit, high_limit, comp_op, unit, status)
            step_status = to_step_status(status) if status is not None else ("F" if failed else "P")
        if group == "M" and not options:
            data = {
                "group": "M",
                "stepType": step_type,
                "name": name,
                "status": step_status,
                "numericMeas": [meas],
            }
        else:
            data = step_dict(step_type, name, group, step_status, options)
            data["numericMeas"] = [meas]
        children = self._d.get("steps")
        if children is None:
            children = self._d["steps"] = []
        children.append(data)
        step = _new(NumericStep)
        step._d = data
        step._parent = self
        if step_status == "F" and fail_parent:
            propagate(step, "F")
        return step

    def add_multi_numeric_step(
        self,
        name: str,
        *,
        status: Group = StepStatus.PASSED,
        group: str = "M",
        step_type: str = "ET_MNLT",
        fail_parent: bool = True,
        **options: Any,
    ) -> NumericStep:
        """Add a multiple numeric limit step; add its named measurements with ``add_measurement``."""
        require_name(name)
        data = step_dict(step_type, name, group, to_step_status(status), options)
        data["numericMeas"] = []
        return self._append(data, NumericStep, fail_parent)  # type: ignore[no-any-return]

    def add_pass_fail_step(
        self,
        name: str,
        passed: bool = True,
        *,
        status: Group | None = None,
        group: str = "M",
        step_type: str = "ET_PFT",
        fail_parent: bool = True,
        **options: Any,
    ) -> PassFailStep:
        """Add a pass/fail step with one result (``passed``)."""
        require_name(name)
        meas, _ = boolean_measurement(None, passed)
        step_status = to_step_status(status) if status is not None else meas["status"]
        data = step_dict(step_type, name, group, step_status, options)
        data["booleanMeas"] = [meas]
        return self._append(data, PassFailStep, fail_parent)  # type: ignore[no-any-return]

    def add_multi_pass_fail_step(
        self,
        name: str,
        *,
        status: Group = StepStatus.PASSED,
        group: str = "M",
        step_type: str = "ET_MPFT",
        fail_parent: bool = True,
        **options: Any,
    ) -> PassFailStep:
        """Add a multiple pass/fail step; add its named results with ``add_measurement``."""
        require_name(name)
        data = step_dict(step_type, name, group, to_step_status(status), options)
        data["booleanMeas"] = []
        return self._append(data, PassFailStep, fail_parent)  # type: ignore[no-any-return]

    def add_string_step(
        self,
        name: str,
        value: str,
        *,
        limit: str | None = None,
        comp_op: CompOp | str | None = None,
        status: Group | None = None,
        group: str = "M",
        step_type: str = "ET_SVT",
        fail_parent: bool = True,
        **options: Any,
    ) -> StringValueStep:
        """Add a string value step; with a ``limit`` and no ``comp_op`` the comparison is ``CASESENSIT``."""
        require_name(name)
        meas, failed = string_measurement(None, value, limit, comp_op, status)
        step_status = to_step_status(status) if status is not None else ("F" if failed else "P")
        data = step_dict(step_type, name, group, step_status, options)
        data["stringMeas"] = [meas]
        return self._append(data, StringValueStep, fail_parent)  # type: ignore[no-any-return]

    def add_multi_string_step(
        self,
        name: str,
        *,
        status: Group = StepStatus.PASSED,
        group: str = "M",
        step_type: str = "ET_MSVT",
        fail_parent: bool = True,
        **options: Any,
    ) -> StringValueStep:
        """Add a multiple string value step; add its named values with ``add_measurement``."""
        require_name(name)
        data = step_dict(step_type, name, group, to_step_status(status), options)
        data["stringMeas"] = []
        return self._append(data, StringValueStep, fail_parent)  # type: ignore[no-any-return]

    def add_chart_step(
        self,
        name: str,
        *,
        chart_type: ChartType | str = ChartType.LINE,
        label: str = "",
        x_label: str = "",
        x_unit: str | None = None,
        y_label: str = "",
        y_unit: str | None = None,
        status: Group = StepStatus.PASSED,
        group: str = "M",
        step_type: str = CHART_STEP_TYPE,
        fail_parent: bool = True,
        **options: Any,
    ) -> NumericStep:
        """Add a chart step (``WATS_XYGMNLT``); add lines with ``step.chart.add_series`` and
        optional measurements with ``step.add_measurement``."""
        require_name(name)
        data = step_dict(step_type, name, group, to_step_status(status), options)
        step: NumericStep = self._append(data, NumericStep, fail_parent)
        step.add_chart(chart_type, label, x_label, x_unit, y_label, y_unit)
        return step

    def add_action_step(
        self,
        name: str,
        *,
        status: Group = StepStatus.DONE,
        group: str = "M",
        step_type: str = "Action",
        fail_parent: bool = True,
        **options: Any,
    ) -> GenericStep:
        """Add an action step (no pass/fail criterion, so ``D`` done by default)."""
        return self.add_generic_step(
            step_type, name, status=status, group=group, fail_parent=fail_parent, **options
        )

    def add_generic_step(
        self,
        step_type: str,
        name: str,
        *,
        status: Group = StepStatus.DONE,
        group: str = "M",
        fail_parent: bool = True,
        **options: Any,
    ) -> GenericStep:
        """Add a step of any type without measurements (``NI_Flow_If``, ``Label``, ``NI_Wait``, …)."""
        require_name(step_type, "step_type")
        require_name(name)
        data = step_dict(step_type, name, group, to_step_status(status), options)
        return self._append(data, GenericStep, fail_parent)  # type: ignore[no-any-return]

    def add_call_exe_step(
        self,
        name: str,
        exit_code: float = 0,
        *,
        status: Group = StepStatus.PASSED,
        group: str = "M",
        step_type: str = "CallExecutable",
        fail_parent: bool = True,
        **options: Any,
    ) -> CallExeStep:
        """Add a call-executable step with the executable's ``exit_code``."""
        require_name(name)
        if isinstance(exit_code, bool) or not isinstance(exit_code, int | float):
            raise ValidationError("exit_code must be a number", field="exitCode", value=exit_code)
        data = step_dict(step_type, name, group, to_step_status(status), options)
        data["callExe"] = {"exitCode": float(exit_code)}
        return self._append(data, CallExeStep, fail_parent)  # type: ignore[no-any-return]

    def add_message_popup_step(
        self,
        name: str,
        *,
        button: int = 0,
        response: str | None = None,
        status: Group = StepStatus.PASSED,
        group: str = "M",
        step_type: str = "MessagePopup",
        fail_parent: bool = True,
        **options: Any,
    ) -> MessagePopupStep:
        """Add a message-popup step: the ``button`` the operator pressed and any ``response`` text."""
        require_name(name)
        if isinstance(button, bool) or not isinstance(button, int):
            raise ValidationError("button must be an integer", field="button", value=button)
        if response is not None and not isinstance(response, str):
            raise ValidationError("response must be a string", field="response", value=response)
        data = step_dict(step_type, name, group, to_step_status(status), options)
        data["messagePopup"] = {"response": response, "button": button}
        return self._append(data, MessagePopupStep, fail_parent)  # type: ignore[no-any-return]

    # Names used by pyWATS.
    add_boolean_step = add_pass_fail_step
    add_multi_boolean_step = add_multi_pass_fail_step
