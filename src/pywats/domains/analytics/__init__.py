"""Analytics: yield, repairs, failing steps, measurements, OEE, unit flow and alarms (``api.analytics``).

>>> from pywats import WATSFilter  # doctest: +SKIP
>>> api.analytics.get_dynamic_yield(WATSFilter(part_number="WIDGET-%", dimensions="testOperation;period"))
"""

from __future__ import annotations

from pywats.domains.analytics._results import ResultList
from pywats.domains.analytics.async_internal_service import AsyncAnalyticsInternalService
from pywats.domains.analytics.async_repository import AsyncAnalyticsRepository
from pywats.domains.analytics.async_service import AsyncAnalyticsService
from pywats.domains.analytics.enums import (
    KPI,
    AlarmType,
    DateGrouping,
    Dimension,
    RepairDimension,
    RepairKPI,
    RunFilter,
    SortDirection,
    StatusFilter,
)
from pywats.domains.analytics.filters import (
    DimensionBuilder,
    UnitFlowFilter,
    WATSFilter,
    display_path,
    normalize_path,
    normalize_paths,
)
from pywats.domains.analytics.internal_models import (
    AlarmLog,
    MeasurementListItem,
    StepStatusItem,
    UnitFlowLink,
    UnitFlowNode,
    UnitFlowResult,
    UnitFlowUnit,
)
from pywats.domains.analytics.internal_service import AnalyticsInternalService
from pywats.domains.analytics.models import (
    AggregatedMeasurement,
    LevelInfo,
    MeasurementData,
    OeeAnalysisResult,
    RepairHistoryRecord,
    RepairStatistics,
    StepAnalysisRow,
    TopFailedStep,
    YieldData,
)
from pywats.domains.analytics.repository import AnalyticsRepository
from pywats.domains.analytics.service import AnalyticsService

__all__ = [
    "KPI",
    "AggregatedMeasurement",
    "AlarmLog",
    "AlarmType",
    "AnalyticsInternalService",
    "AnalyticsRepository",
    "AnalyticsService",
    "AsyncAnalyticsInternalService",
    "AsyncAnalyticsRepository",
    "AsyncAnalyticsService",
    "DateGrouping",
    "Dimension",
    "DimensionBuilder",
    "LevelInfo",
    "MeasurementData",
    "MeasurementListItem",
    "OeeAnalysisResult",
    "RepairDimension",
    "RepairHistoryRecord",
    "RepairKPI",
    "RepairStatistics",
    "ResultList",
    "RunFilter",
    "SortDirection",
    "StatusFilter",
    "StepAnalysisRow",
    "StepStatusItem",
    "TopFailedStep",
    "UnitFlowFilter",
    "UnitFlowLink",
    "UnitFlowNode",
    "UnitFlowResult",
    "UnitFlowUnit",
    "WATSFilter",
    "YieldData",
    "display_path",
    "normalize_path",
    "normalize_paths",
]
