"""Result models of the internal analytics calls (⚠️ internal API, endpoints.md §7.6–§7.7): unit flow,
step status and measurement lists, alarm logs."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from pydantic import Field

from pywats.domains._tolerant import TolerantModel
from pywats.domains.analytics.enums import AlarmType

__all__ = [
    "AlarmLog",
    "MeasurementListItem",
    "StepStatusItem",
    "UnitFlowLink",
    "UnitFlowNode",
    "UnitFlowResult",
    "UnitFlowUnit",
]


class UnitFlowNode(TolerantModel):
    """An operation in the unit flow (or, split or expanded, an operation at one station …)."""

    id: str | int | None = None
    name: str | None = None
    process_code: int | None = None
    process_name: str | None = None
    station_name: str | None = None
    location: str | None = None
    purpose: str | None = None
    unit_count: int | None = None
    pass_count: int | None = None
    fail_count: int | None = None
    yield_percent: float | None = None
    avg_time: float | None = None
    is_expanded: bool | None = None
    is_visible: bool | None = None
    level: int | None = None
    parent_id: str | int | None = None

    alternative_names: ClassVar[dict[str, str]] = {"yield": "yield_percent"}


class UnitFlowLink(TolerantModel):
    """Units moving from one node to another (a retest is a link from a node to itself)."""

    id: str | int | None = None
    source_id: str | int | None = None
    target_id: str | int | None = None
    source_name: str | None = None
    target_name: str | None = None
    unit_count: int | None = None
    pass_count: int | None = None
    fail_count: int | None = None
    avg_time: float | None = None
    is_visible: bool | None = None

    alternative_names: ClassVar[dict[str, str]] = {"source": "source_id", "target": "target_id"}


class UnitFlowUnit(TolerantModel):
    """A unit in the flow and the nodes it went through."""

    serial_number: str | None = None
    part_number: str | None = None
    revision: str | None = None
    status: str | None = None
    start_time: datetime | None = None
    end_time: datetime | None = None
    total_time: float | None = None
    node_path: list[str] | None = None
    current_node: str | None = None


class UnitFlowResult(TolerantModel):
    """A unit-flow graph: nodes, links and units."""

    nodes: list[UnitFlowNode] = Field(default_factory=list)
    links: list[UnitFlowLink] = Field(default_factory=list)
    units: list[UnitFlowUnit] = Field(default_factory=list)
    total_units: int | None = None


class StepStatusItem(TolerantModel):
    """Pass/fail counts of a step, with its latest execution."""

    step_name: str | None = None
    step_path: str | None = None
    step_type: str | None = None
    step_group: str | None = None
    part_number: str | None = None
    revision: str | None = None
    pass_count: int | None = None
    fail_count: int | None = None
    total_count: int | None = None
    status: str | None = None
    timestamp: datetime | None = None
    serial_number: str | None = None
    report_id: str | None = None

    alternative_names: ClassVar[dict[str, str]] = {
        "startUtc": "timestamp",
        "start_utc": "timestamp",
        "id": "report_id",
    }


class MeasurementListItem(TolerantModel):
    """One measurement (numeric or string) of one report."""

    serial_number: str | None = None
    part_number: str | None = None
    revision: str | None = None
    report_id: str | None = None
    step_name: str | None = None
    step_path: str | None = None
    value: float | None = None
    string_value: str | None = None
    limit_low: float | None = None
    limit_high: float | None = None
    unit: str | None = None
    status: str | None = None
    timestamp: datetime | None = None
    station_name: str | None = None

    alternative_names: ClassVar[dict[str, str]] = {
        "startUtc": "timestamp",
        "start_utc": "timestamp",
        "id": "report_id",
        "limit1": "limit_low",
        "limit2": "limit_high",
    }


class AlarmLog(TolerantModel):
    """An alarm or notification log entry; which members are filled depends on ``type`` (AlarmType)."""

    log_id: int | None = None
    name: str | None = None
    log_date: datetime | None = None
    trigger_id: int | None = None
    type: int | None = None
    state: str | None = None
    grouping_set: str | None = None
    calculations_string: str | None = None
    client_group_ids: list[int] | None = None
    product_selection_ids: list[int] | None = None
    part_number: str | None = None
    product_name: str | None = None
    process_code: str | None = None
    process_name: str | None = None
    report_guid: str | None = None
    serial_number: str | None = None
    revision: str | None = None
    station_name: str | None = None
    operator: str | None = None
    result: str | None = None
    start_utc: datetime | None = None
    fpy: float | None = None
    spy: float | None = None
    tpy: float | None = None
    lpy: float | None = None
    test_yield: float | None = None
    fpy_trend: float | None = None
    spy_trend: float | None = None
    tpy_trend: float | None = None
    lpy_trend: float | None = None
    test_yield_trend: float | None = None
    uut_count: int | None = None
    unit_count: int | None = None
    fp_count: int | None = None
    lp_count: int | None = None
    retest_count: int | None = None
    sequence_count: int | None = None
    sequential_match: int | None = None
    free: int | None = None
    reserved: int | None = None
    serial_number_type: str | None = None
    cp: float | None = None
    cpk: float | None = None
    min: float | None = None
    max: float | None = None
    avg: float | None = None
    stdev: float | None = None
    measurement_path: str | None = None
    asset_name: str | None = Field(default=None, alias="assetname")
    asset_serial_number: str | None = Field(default=None, alias="serialnumber")
    type_id: str | None = Field(default=None, alias="typeid")
    asset_state: str | None = Field(default=None, alias="assetstate")
    bubbled_status: str | None = Field(default=None, alias="bubbledstatus")
    tags: str | None = None
    is_days_since_calibration_unknown: bool | None = None
    is_days_since_maintenance_unknown: bool | None = None

    @property
    def alarm_type_name(self) -> str | None:
        """The name of ``type`` (REPORT, YIELD_VOLUME …), or None if unknown."""
        try:
            return AlarmType(self.type).name if self.type is not None else None
        except ValueError:
            return None

    @property
    def fpy_percent(self) -> float | None:
        """``fpy`` (already a percent)."""
        return self.fpy

    @property
    def fpy_trend_percent(self) -> float | None:
        """``fpy_trend`` (percent points)."""
        return self.fpy_trend
