"""Asset domain models: assets (test equipment, fixtures), their types, log and status."""

from __future__ import annotations

from datetime import datetime
from enum import IntEnum
from typing import Annotated, Any
from uuid import UUID

from pydantic import AliasChoices, Field

from pywats.core.model import WATSModel
from pywats.domains._enums import known_enum
from pywats.domains.product.models import Setting

__all__ = [
    "Asset",
    "AssetAlarmState",
    "AssetLog",
    "AssetLogType",
    "AssetState",
    "AssetStatus",
    "AssetType",
    "IntervalMode",
]


class AssetState(IntEnum):
    """Where an asset is in its life (``state`` on the wire)."""

    UNKNOWN = 0
    IN_OPERATION = 1
    IN_TRANSIT = 2
    IN_MAINTENANCE = 3
    IN_CALIBRATION = 4
    IN_STORAGE = 5
    SCRAPPED = 6
    OK = 1  # the older name of IN_OPERATION


class AssetAlarmState(IntEnum):
    """The outcome of evaluating an asset's counters and due dates."""

    OK = 0
    WARNING = 1
    ALARM = 2


class AssetLogType(IntEnum):
    """What an asset log record tells (``type`` on the wire)."""

    MESSAGE = 0
    REGISTER = 1
    UPDATE = 2
    RESET_COUNT = 3
    CALIBRATION = 4
    MAINTENANCE = 5
    STATE_CHANGE = 6


class IntervalMode(IntEnum):
    """Special values of an asset type's calibration or maintenance interval (WATS 25.3+)."""

    NORMAL = 0
    UNLIMITED = -1
    EXTERNAL = -2


State = Annotated[AssetState | int, known_enum(AssetState)]
AlarmState = Annotated[AssetAlarmState | int, known_enum(AssetAlarmState)]
LogType = Annotated[AssetLogType | int, known_enum(AssetLogType)]


class AssetType(WATSModel):
    """A kind of asset with its usage limits, service intervals (days) and alarm thresholds (percent).

    An interval of -1 (:attr:`IntervalMode.UNLIMITED`) means never due; -2
    (:attr:`IntervalMode.EXTERNAL`) means the due date comes from an external calibration or
    maintenance record.
    """

    type_name: str
    type_id: UUID | None = None
    running_count_limit: int | None = None
    total_count_limit: int | None = None
    maintenance_interval: float | None = None
    calibration_interval: float | None = None
    warning_threshold: float | None = None
    alarm_threshold: float | None = None
    is_readonly: bool = False
    icon: str | None = None


class AssetLog(WATSModel):
    """One record of an asset's log: a message, a calibration, a count reset…"""

    log_id: int | None = None
    asset_id: str | None = None
    serial_number: str | None = None
    date: datetime | None = None
    user: str | None = None
    type: LogType | None = None
    comment: str | None = None


class Asset(WATSModel):
    """A piece of test equipment or a fixture, identified by its serial number."""

    serial_number: str
    type_id: UUID | None = None
    asset_id: str | None = None
    parent_asset_id: str | None = None
    parent_serial_number: str | None = None
    asset_name: str | None = None
    part_number: str | None = None
    revision: str | None = None
    # The one PascalCase member of the public asset API.
    client_id: int | None = Field(
        default=None,
        alias="ClientId",
        validation_alias=AliasChoices("ClientId", "clientId", "client_id"),
    )
    state: State = AssetState.IN_OPERATION
    description: str | None = None
    location: str | None = None
    first_seen_date: datetime | None = None
    last_seen_date: datetime | None = None
    last_maintenance_date: datetime | None = None
    next_maintenance_date: datetime | None = None
    last_calibration_date: datetime | None = None
    next_calibration_date: datetime | None = None
    total_count: int | None = None
    running_count: int | None = None
    tags: list[Setting] = Field(default_factory=list)
    asset_children: list[Asset] = Field(default_factory=list)
    asset_type: AssetType | None = None
    asset_log: list[AssetLog] = Field(default_factory=list)


class AssetStatus(WATSModel):
    """The server's evaluation of one asset (``GET /api/Asset/Status``).

    ``alarm_state`` is the worst of the checks; ``messages`` says which limit or due date caused
    it. Members the server adds beyond these are kept.
    """

    asset_id: str | None = None
    serial_number: str | None = None
    state: State | None = None
    alarm_state: AlarmState = AssetAlarmState.OK
    running_count: int | None = None
    running_count_limit: int | None = None
    total_count: int | None = None
    total_count_limit: int | None = None
    next_calibration_date: datetime | None = None
    next_maintenance_date: datetime | None = None
    messages: list[str] = Field(default_factory=list)

    @property
    def is_in_alarm(self) -> bool:
        """True if a limit or due date has been reached."""
        return int(self.alarm_state) == AssetAlarmState.ALARM

    @property
    def is_in_warning(self) -> bool:
        """True if a limit or due date is near (and none has been reached)."""
        return int(self.alarm_state) == AssetAlarmState.WARNING

    def __getitem__(self, key: str) -> Any:
        # Code written for the older library indexed the status as a dict by wire name.
        data = self.model_dump(by_alias=True)
        data.update(self.model_extra or {})
        return data[key]
