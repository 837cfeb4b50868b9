"""Wire shapes of the Asset domain (endpoints.md §5.0)."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import Field

from pywats_server.domains.wire import NonBlankStr, WireModel

ASSET_STATES = range(0, 7)
"""AssetState values: 0 Unknown … 6 Scrapped (§15.4)."""
INTERVAL_UNLIMITED = -1
INTERVAL_EXTERNAL = -2


class Setting(WireModel):
    """A tag: ``key``/``value``."""

    key: NonBlankStr
    value: str | None = None


class AssetType(WireModel):
    """A kind of asset with limits, intervals (days) and thresholds (percent)."""

    type_name: NonBlankStr
    type_id: UUID | None = None
    running_count_limit: int | None = Field(default=None, ge=0)
    total_count_limit: int | None = Field(default=None, ge=0)
    maintenance_interval: float | None = Field(default=None, ge=INTERVAL_EXTERNAL)
    calibration_interval: float | None = Field(default=None, ge=INTERVAL_EXTERNAL)
    warning_threshold: float | None = Field(default=None, ge=0, le=1000)
    alarm_threshold: float | None = Field(default=None, ge=0, le=1000)
    is_readonly: bool | None = None
    icon: str | None = None


class AssetLog(WireModel):
    """One log record of an asset."""

    log_id: int | None = None
    asset_id: str | None = None
    serial_number: str | None = None
    date: datetime | None = None
    user: str | None = None
    type: int | None = None
    comment: str | None = None


class Asset(WireModel):
    """An asset. ``ClientId`` is PascalCase on the wire (the API's own inconsistency)."""

    serial_number: NonBlankStr
    type_id: UUID | None = None
    asset_id: str | None = None
    parent_asset_id: str | None = None
    parent_serial_number: str | None = None
    asset_name: str | None = None
    part_number: str | None = None
    revision: str | None = None
    client_id: int | None = Field(default=None, alias="ClientId")
    state: int | None = None
    description: str | None = None
    location: str | None = None
    first_seen_date: datetime | None = None
    last_seen_date: datetime | None = None
    last_maintenance_date: datetime | None = None
    next_maintenance_date: datetime | None = None
    last_calibration_date: datetime | None = None
    next_calibration_date: datetime | None = None
    total_count: int | None = Field(default=None, ge=0)
    running_count: int | None = Field(default=None, ge=0)
    tags: list[Setting] | None = None
    asset_type: AssetType | None = None


class AssetMessage(WireModel):
    """Body of ``POST /api/Asset/Message``."""

    asset_id: NonBlankStr
    comment: NonBlankStr
    user: str | None = None


class AssetStatus(WireModel):
    """Answer of ``GET /api/Asset/Status``: the alarm evaluation (0 OK, 1 Warning, 2 Alarm)."""

    asset_id: str
    serial_number: str
    state: int
    alarm_state: int
    running_count: int
    running_count_limit: int | None = None
    total_count: int
    total_count_limit: int | None = None
    next_calibration_date: datetime | None = None
    next_maintenance_date: datetime | None = None
    messages: list[str]
