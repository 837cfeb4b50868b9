"""Result models of the public analytics calls (endpoints.md §2.3–§2.4, §7.1).

Members are read in any letter case, plus the alternative names servers are known to use; members a model
does not declare are kept (a yield row carries the KPI members its dimensions asked for).
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from pywats.domains._tolerant import TolerantModel
from pywats.domains.analytics.filters import display_path

__all__ = [
    "AggregatedMeasurement",
    "LevelInfo",
    "MeasurementData",
    "OeeAnalysisResult",
    "RepairHistoryRecord",
    "RepairStatistics",
    "StepAnalysisRow",
    "TopFailedStep",
    "YieldData",
]


class _StepPathed(TolerantModel):
    step_path: str | None = None

    @property
    def step_path_display(self) -> str | None:
        """``step_path`` with ``/`` separators."""
        return None if self.step_path is None else display_path(self.step_path)


class LevelInfo(TolerantModel):
    """A production level (PCBA, Module …)."""

    level_id: int | None = None
    level_name: str | None = None


class YieldData(TolerantModel):
    """One yield row: the dimension members it is grouped by and the yield KPIs.

    FPY/SPY/TPY/LPY (percent) count units from their first run in the window; ``test_yield`` (TRY) counts
    reports. ``rty`` (rolled throughput yield) is present when the grouping does not separate processes.
    """

    part_number: str | None = None
    revision: str | None = None
    product_name: str | None = None
    product_group: str | None = None
    station_name: str | None = None
    test_operation: str | None = None
    period: str | None = None
    unit_count: int | None = None
    fp_count: int | None = None
    sp_count: int | None = None
    tp_count: int | None = None
    lp_count: int | None = None
    fpy: float | None = None
    spy: float | None = None
    tpy: float | None = None
    lpy: float | None = None
    test_report_count: int | None = None
    test_yield_count: int | None = None
    test_yield: float | None = None
    retest_count: int | None = None
    rty: float | None = None
    first_utc: datetime | None = None
    last_utc: datetime | None = None


class TopFailedStep(_StepPathed):
    """A step that failed, how often, and out of how many executions."""

    step_name: str | None = None
    step_type: str | None = None
    step_group: str | None = None
    part_number: str | None = None
    revision: str | None = None
    product_group: str | None = None
    fail_count: int | None = None
    total_count: int | None = None
    fail_rate: float | None = None
    first_fail_date: datetime | None = None
    last_fail_date: datetime | None = None


class StepAnalysisRow(_StepPathed):
    """Test step analysis of one step (and one of its numeric measurements)."""

    step_name: str | None = None
    step_type: str | None = None
    step_group: str | None = None
    step_count: int | None = None
    step_passed_count: int | None = None
    step_done_count: int | None = None
    step_skipped_count: int | None = None
    step_failed_count: int | None = None
    step_error_count: int | None = None
    step_terminated_count: int | None = None
    step_other_count: int | None = None
    step_failed_error_terminated_count: int | None = None
    step_caused_uut_failed_error_terminated: int | None = None
    step_caused_uut_failed: int | None = None
    step_caused_uut_error: int | None = None
    step_caused_uut_terminated: int | None = None
    limit1: float | None = None
    limit1_wof: float | None = None
    limit2: float | None = None
    limit2_wof: float | None = None
    comp_operator: str | None = None
    step_time_avg: float | None = None
    step_time_max: float | None = None
    step_time_min: float | None = None
    measure_name: str | None = None
    measure_count: int | None = None
    measure_count_wof: int | None = None
    min: float | None = None
    min_wof: float | None = None
    max: float | None = None
    max_wof: float | None = None
    avg: float | None = None
    avg_wof: float | None = None
    stdev: float | None = None
    stdev_wof: float | None = None
    var: float | None = None
    var_wof: float | None = None
    cpk: float | None = None
    cpk_wof: float | None = None
    cp: float | None = None
    cp_wof: float | None = None
    cp_lower: float | None = None
    cp_lower_wof: float | None = None
    cp_upper: float | None = None
    cp_upper_wof: float | None = None
    sigma_high_3: float | None = None
    sigma_high_3_wof: float | None = None
    sigma_low_3: float | None = None
    sigma_low_3_wof: float | None = None

    alternative_names: ClassVar[dict[str, str]] = {
        "sigmaHigh3": "sigma_high_3",
        "sigmaHigh3Wof": "sigma_high_3_wof",
        "sigmaLow3": "sigma_low_3",
        "sigmaLow3Wof": "sigma_low_3_wof",
    }


class RepairStatistics(TolerantModel):
    """One row of repair statistics: its dimension members and the repair KPIs."""

    part_number: str | None = None
    revision: str | None = None
    product_group: str | None = None
    product_name: str | None = None
    unit_type: str | None = None
    repair_operation: str | None = None
    station_name: str | None = None
    test_operation: str | None = None
    period: str | None = None
    level: str | None = None
    location: str | None = None
    purpose: str | None = None
    operator: str | None = None
    misc_info_description: str | None = None
    misc_info_string: str | None = None
    repair_category: str | None = None
    repair_type: str | None = None
    component_ref: str | None = None
    component_number: str | None = None
    component_revision: str | None = None
    component_vendor: str | None = None
    component_description: str | None = None
    function_block: str | None = None
    referenced_step: str | None = None
    referenced_step_path: str | None = None
    test_period: str | None = None
    test_level: str | None = None
    test_station_name: str | None = None
    test_location: str | None = None
    test_purpose: str | None = None
    test_operator: str | None = None
    batch_number: str | None = None
    sw_filename: str | None = None
    sw_version: str | None = None
    repair_report_count: int | None = None
    repair_count: int | None = None
    total_count: int | None = None
    repair_rate: float | None = None
    fail_code: str | None = None
    repair_code: str | None = None


class RepairHistoryRecord(TolerantModel):
    """A repaired failure of a unit."""

    serial_number: str | None = None
    part_number: str | None = None
    revision: str | None = None
    report_id: str | None = None
    repair_date: datetime | None = None
    fail_step_name: str | None = None
    fail_step_path: str | None = None
    fail_code: str | None = None
    repair_code: str | None = None
    symptom: str | None = None
    cause: str | None = None
    action: str | None = None


class MeasurementData(_StepPathed):
    """One measured value; ``measurement_path`` is the path it was asked by (``Main¶Vout``,
    ``Main¶Rails¶¶3V3``)."""

    measurement_path: str | None = None
    serial_number: str | None = None
    part_number: str | None = None
    revision: str | None = None
    report_id: str | None = None
    step_name: str | None = None
    measure_name: str | None = None
    value: float | None = None
    limit_low: float | None = None
    limit_high: float | None = None
    unit: str | None = None
    status: str | None = None
    timestamp: datetime | None = None

    alternative_names: ClassVar[dict[str, str]] = {
        "id": "report_id",
        "limit1": "limit_low",
        "limit2": "limit_high",
        "startUtc": "timestamp",
        "start_utc": "timestamp",
    }


class AggregatedMeasurement(_StepPathed):
    """Statistics and capability of the values of one measurement path (per part number, revision and
    limit set)."""

    measurement_path: str | None = None
    step_name: str | None = None
    measure_name: str | None = None
    part_number: str | None = None
    revision: str | None = None
    count: int | None = None
    min: float | None = None
    max: float | None = None
    avg: float | None = None
    stdev: float | None = None
    variance: float | None = None
    limit_low: float | None = None
    limit_high: float | None = None
    comp_operator: str | None = None
    cpk: float | None = None
    cp: float | None = None
    cp_lower: float | None = None
    cp_upper: float | None = None
    unit: str | None = None

    alternative_names: ClassVar[dict[str, str]] = {
        "var": "variance",
        "limit1": "limit_low",
        "limit2": "limit_high",
    }


class OeeAnalysisResult(TolerantModel):
    """Overall equipment effectiveness: rates in percent, times in minutes."""

    oee: float | None = None
    availability: float | None = None
    performance: float | None = None
    quality: float | None = None
    total_time: float | None = None
    run_time: float | None = None
    down_time: float | None = None
    planned_production_time: float | None = None
    total_count: int | None = None
    good_count: int | None = None
    reject_count: int | None = None
    ideal_cycle_time: float | None = None
    actual_cycle_time: float | None = None
    period: str | None = None
    part_number: str | None = None
    station_name: str | None = None
