"""The asset domain: test equipment and fixtures, their types, counters, service dates and files."""

from pywats.domains.asset.alarms import evaluate_alarm_state
from pywats.domains.asset.async_blob_service import DEFAULT_MAX_BLOB_BYTES
from pywats.domains.asset.async_repository import AsyncAssetRepository
from pywats.domains.asset.async_service import AsyncAssetService
from pywats.domains.asset.models import (
    Asset,
    AssetAlarmState,
    AssetLog,
    AssetLogType,
    AssetState,
    AssetStatus,
    AssetType,
    IntervalMode,
)
from pywats.domains.asset.repository import AssetRepository
from pywats.domains.asset.service import AssetService

__all__ = [
    "DEFAULT_MAX_BLOB_BYTES",
    "Asset",
    "AssetAlarmState",
    "AssetLog",
    "AssetLogType",
    "AssetRepository",
    "AssetService",
    "AssetState",
    "AssetStatus",
    "AssetType",
    "AsyncAssetRepository",
    "AsyncAssetService",
    "IntervalMode",
    "evaluate_alarm_state",
]
