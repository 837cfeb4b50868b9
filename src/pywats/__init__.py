"""pyWATS: a Python client for the WATS manufacturing test-data platform.

>>> from pywats import pyWATS
>>> api = pyWATS(base_url="https://wats.example.com", token="...")  # doctest: +SKIP
>>> api.product.get_product("WIDGET-001")  # doctest: +SKIP

``pyWATS`` is the synchronous client, ``AsyncWATS`` its asynchronous twin with the same
methods. Heavy parts load on first use, so ``import pywats`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from pywats.core.exceptions import (
    AuthenticationError,
    AuthorizationError,
    ConflictError,
    ConnectionError,
    EmptyResponseError,
    ErrorMode,
    InvalidResponseError,
    NotFoundError,
    PyWATSError,
    ServerError,
    TimeoutError,
    ValidationError,
)

__version__ = "0.1.0"

# Public name → module that defines it; imported on first access.
_LAZY: dict[str, str] = {
    "AggregatedMeasurement": "pywats.domains.analytics.models",
    "AlarmLog": "pywats.domains.analytics.internal_models",
    "AlarmType": "pywats.domains.analytics.enums",
    "Asset": "pywats.domains.asset.models",
    "AssetLog": "pywats.domains.asset.models",
    "AssetLogType": "pywats.domains.asset.models",
    "AssetState": "pywats.domains.asset.models",
    "AssetType": "pywats.domains.asset.models",
    "AsyncWATS": "pywats._async_client",
    "DateGrouping": "pywats.domains.analytics.enums",
    "Dimension": "pywats.domains.analytics.enums",
    "DimensionBuilder": "pywats.domains.analytics.filters",
    "KPI": "pywats.domains.analytics.enums",
    "LevelInfo": "pywats.domains.analytics.models",
    "MeasurementData": "pywats.domains.analytics.models",
    "MeasurementListItem": "pywats.domains.analytics.internal_models",
    "OeeAnalysisResult": "pywats.domains.analytics.models",
    "ProcessInfo": "pywats.domains.process.models",
    "Product": "pywats.domains.product.models",
    "ProductGroup": "pywats.domains.product.models",
    "ProductRevision": "pywats.domains.product.models",
    "ProductState": "pywats.domains.product.models",
    "ProductionBatch": "pywats.domains.production.models",
    "Purpose": "pywats.core.station",
    "RepairDimension": "pywats.domains.analytics.enums",
    "RepairHistoryRecord": "pywats.domains.analytics.models",
    "RepairKPI": "pywats.domains.analytics.enums",
    "RepairStatistics": "pywats.domains.analytics.models",
    "ReportHeader": "pywats.domains.report.query",
    "RetryConfig": "pywats.core.retry",
    "RunFilter": "pywats.domains.analytics.enums",
    "ScimListResponse": "pywats.domains.scim.models",
    "ScimPatchOperation": "pywats.domains.scim.models",
    "ScimPatchRequest": "pywats.domains.scim.models",
    "ScimToken": "pywats.domains.scim.models",
    "ScimUser": "pywats.domains.scim.models",
    "ScimUserEmail": "pywats.domains.scim.models",
    "ScimUserName": "pywats.domains.scim.models",
    "SerialNumberType": "pywats.domains.production.models",
    "Setting": "pywats.domains.product.models",
    "SortDirection": "pywats.domains.analytics.enums",
    "Station": "pywats.core.station",
    "StationConfig": "pywats.core.station",
    "StatusFilter": "pywats.domains.analytics.enums",
    "StepStatusItem": "pywats.domains.analytics.internal_models",
    "Ticket": "pywats.domains.rootcause.models",
    "TicketAttachment": "pywats.domains.rootcause.models",
    "TicketPriority": "pywats.domains.rootcause.models",
    "TicketStatus": "pywats.domains.rootcause.models",
    "TicketUpdate": "pywats.domains.rootcause.models",
    "TicketUpdateType": "pywats.domains.rootcause.models",
    "TicketView": "pywats.domains.rootcause.models",
    "TopFailedStep": "pywats.domains.analytics.models",
    "UURReport": "pywats.domains.report.models",
    "UUTReport": "pywats.domains.report.models",
    "Unit": "pywats.domains.production.models",
    "UnitChange": "pywats.domains.production.models",
    "UnitFlowFilter": "pywats.domains.analytics.filters",
    "UnitFlowLink": "pywats.domains.analytics.internal_models",
    "UnitFlowNode": "pywats.domains.analytics.internal_models",
    "UnitFlowResult": "pywats.domains.analytics.internal_models",
    "UnitFlowUnit": "pywats.domains.analytics.internal_models",
    "UnitPhase": "pywats.domains.production.models",
    "UnitVerification": "pywats.domains.production.models",
    "UnitVerificationGrade": "pywats.domains.production.models",
    "WATSFilter": "pywats.domains.analytics.filters",
    "YieldData": "pywats.domains.analytics.models",
    "display_path": "pywats.domains.analytics.filters",
    "enable_debug_logging": "pywats.core.logging",
    "normalize_path": "pywats.domains.analytics.filters",
    "normalize_paths": "pywats.domains.analytics.filters",
    "pyWATS": "pywats._sync_client",
}

__all__ = [  # noqa: RUF022 (plain sorted order, which tests/client/test_surface.py checks)
    "AggregatedMeasurement",
    "AlarmLog",
    "AlarmType",
    "Asset",
    "AssetLog",
    "AssetLogType",
    "AssetState",
    "AssetType",
    "AsyncWATS",
    "AuthenticationError",
    "AuthorizationError",
    "ConflictError",
    "ConnectionError",
    "DateGrouping",
    "Dimension",
    "DimensionBuilder",
    "EmptyResponseError",
    "ErrorMode",
    "InvalidResponseError",
    "KPI",
    "LevelInfo",
    "MeasurementData",
    "MeasurementListItem",
    "NotFoundError",
    "OeeAnalysisResult",
    "ProcessInfo",
    "Product",
    "ProductGroup",
    "ProductRevision",
    "ProductState",
    "ProductionBatch",
    "Purpose",
    "PyWATSError",
    "RepairDimension",
    "RepairHistoryRecord",
    "RepairKPI",
    "RepairStatistics",
    "ReportHeader",
    "RetryConfig",
    "RunFilter",
    "ScimListResponse",
    "ScimPatchOperation",
    "ScimPatchRequest",
    "ScimToken",
    "ScimUser",
    "ScimUserEmail",
    "ScimUserName",
    "SerialNumberType",
    "ServerError",
    "Setting",
    "SortDirection",
    "Station",
    "StationConfig",
    "StatusFilter",
    "StepStatusItem",
    "Ticket",
    "TicketAttachment",
    "TicketPriority",
    "TicketStatus",
    "TicketUpdate",
    "TicketUpdateType",
    "TicketView",
    "TimeoutError",
    "TopFailedStep",
    "UURReport",
    "UUTReport",
    "Unit",
    "UnitChange",
    "UnitFlowFilter",
    "UnitFlowLink",
    "UnitFlowNode",
    "UnitFlowResult",
    "UnitFlowUnit",
    "UnitPhase",
    "UnitVerification",
    "UnitVerificationGrade",
    "ValidationError",
    "WATSFilter",
    "YieldData",
    "__version__",
    "display_path",
    "enable_debug_logging",
    "normalize_path",
    "normalize_paths",
    "pyWATS",
]

if TYPE_CHECKING:
    from pywats._async_client import AsyncWATS
    from pywats._sync_client import pyWATS
    from pywats.core.logging import enable_debug_logging
    from pywats.core.retry import RetryConfig
    from pywats.core.station import Purpose, Station, StationConfig
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
    from pywats.domains.analytics.models import (
        AggregatedMeasurement,
        LevelInfo,
        MeasurementData,
        OeeAnalysisResult,
        RepairHistoryRecord,
        RepairStatistics,
        TopFailedStep,
        YieldData,
    )
    from pywats.domains.asset.models import Asset, AssetLog, AssetLogType, AssetState, AssetType
    from pywats.domains.process.models import ProcessInfo
    from pywats.domains.product.models import Product, ProductGroup, ProductRevision, ProductState, Setting
    from pywats.domains.production.models import (
        ProductionBatch,
        SerialNumberType,
        Unit,
        UnitChange,
        UnitPhase,
        UnitVerification,
        UnitVerificationGrade,
    )
    from pywats.domains.report.models import UURReport, UUTReport
    from pywats.domains.report.query import ReportHeader
    from pywats.domains.rootcause.models import (
        Ticket,
        TicketAttachment,
        TicketPriority,
        TicketStatus,
        TicketUpdate,
        TicketUpdateType,
        TicketView,
    )
    from pywats.domains.scim.models import (
        ScimListResponse,
        ScimPatchOperation,
        ScimPatchRequest,
        ScimToken,
        ScimUser,
        ScimUserEmail,
        ScimUserName,
    )


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'pywats' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
