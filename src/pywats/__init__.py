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
    "Asset": "pywats.domains.asset.models",
    "AssetLog": "pywats.domains.asset.models",
    "AssetLogType": "pywats.domains.asset.models",
    "AssetState": "pywats.domains.asset.models",
    "AssetType": "pywats.domains.asset.models",
    "AsyncWATS": "pywats._async_client",
    "Product": "pywats.domains.product.models",
    "ProductGroup": "pywats.domains.product.models",
    "ProductRevision": "pywats.domains.product.models",
    "ProductState": "pywats.domains.product.models",
    "ProductionBatch": "pywats.domains.production.models",
    "Purpose": "pywats.core.station",
    "ReportHeader": "pywats.domains.report.query",
    "RetryConfig": "pywats.core.retry",
    "ScimListResponse": "pywats.domains.scim.models",
    "ScimPatchOperation": "pywats.domains.scim.models",
    "ScimPatchRequest": "pywats.domains.scim.models",
    "ScimToken": "pywats.domains.scim.models",
    "ScimUser": "pywats.domains.scim.models",
    "ScimUserEmail": "pywats.domains.scim.models",
    "ScimUserName": "pywats.domains.scim.models",
    "SerialNumberType": "pywats.domains.production.models",
    "Setting": "pywats.domains.product.models",
    "Station": "pywats.core.station",
    "StationConfig": "pywats.core.station",
    "Ticket": "pywats.domains.rootcause.models",
    "TicketAttachment": "pywats.domains.rootcause.models",
    "TicketPriority": "pywats.domains.rootcause.models",
    "TicketStatus": "pywats.domains.rootcause.models",
    "TicketUpdate": "pywats.domains.rootcause.models",
    "TicketUpdateType": "pywats.domains.rootcause.models",
    "TicketView": "pywats.domains.rootcause.models",
    "UURReport": "pywats.domains.report.models",
    "UUTReport": "pywats.domains.report.models",
    "Unit": "pywats.domains.production.models",
    "UnitChange": "pywats.domains.production.models",
    "UnitPhase": "pywats.domains.production.models",
    "UnitVerification": "pywats.domains.production.models",
    "UnitVerificationGrade": "pywats.domains.production.models",
    "enable_debug_logging": "pywats.core.logging",
    "pyWATS": "pywats._sync_client",
}

__all__ = [
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
    "EmptyResponseError",
    "ErrorMode",
    "InvalidResponseError",
    "NotFoundError",
    "Product",
    "ProductGroup",
    "ProductRevision",
    "ProductState",
    "ProductionBatch",
    "Purpose",
    "PyWATSError",
    "ReportHeader",
    "RetryConfig",
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
    "Station",
    "StationConfig",
    "Ticket",
    "TicketAttachment",
    "TicketPriority",
    "TicketStatus",
    "TicketUpdate",
    "TicketUpdateType",
    "TicketView",
    "TimeoutError",
    "UURReport",
    "UUTReport",
    "Unit",
    "UnitChange",
    "UnitPhase",
    "UnitVerification",
    "UnitVerificationGrade",
    "ValidationError",
    "__version__",
    "enable_debug_logging",
    "pyWATS",
]

if TYPE_CHECKING:
    from pywats._async_client import AsyncWATS
    from pywats._sync_client import pyWATS
    from pywats.core.logging import enable_debug_logging
    from pywats.core.retry import RetryConfig
    from pywats.core.station import Purpose, Station, StationConfig
    from pywats.domains.asset.models import Asset, AssetLog, AssetLogType, AssetState, AssetType
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
