"""Finding assets and types, converting rows to wire shapes, and writing log records."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import IntEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pywats_server.domains.asset.rules import utc
from pywats_server.domains.asset.schemas import Asset, AssetLog, AssetType, Setting
from pywats_server.domains.asset.tables import AssetLogRow, AssetRow, AssetTypeRow
from pywats_server.errors import BadRequest, NotFound


class LogType(IntEnum):
    """AssetLogType (endpoints.md §15.4)."""

    MESSAGE = 0
    REGISTER = 1
    UPDATE = 2
    RESET_COUNT = 3
    CALIBRATION = 4
    MAINTENANCE = 5
    STATE_CHANGE = 6


def now() -> datetime:
    """The current time, aware UTC."""
    return datetime.now(UTC)


def stamp() -> datetime:
    """The current time as stored: naive UTC."""
    return datetime.now(UTC).replace(tzinfo=None)


def naive_utc(moment: datetime | None) -> datetime | None:
    """How times are stored: naive UTC."""
    aware = utc(moment)
    return None if aware is None else aware.replace(tzinfo=None)


def find_asset(session: Session, asset_id: str | None, serial_number: str | None) -> AssetRow:
    """The asset named by ``id`` and/or ``serialNumber``; 400 if neither (or they disagree), 404 if none."""
    if not asset_id and not serial_number:
        raise BadRequest("Name the asset with the query parameter id or serialNumber.")
    row: AssetRow | None = None
    if asset_id:
        row = session.get(AssetRow, asset_id.lower())
        if row is None:
            raise NotFound(f"Asset with id '{asset_id}' not found.")
        if serial_number and row.serial_number != serial_number:
            raise BadRequest(f"The asset '{asset_id}' does not have the serial number '{serial_number}'.")
        return row
    row = session.scalar(select(AssetRow).where(AssetRow.serial_number == serial_number))
    if row is None:
        raise NotFound(f"Asset with serial number '{serial_number}' not found.")
    return row


def find_asset_by_key(session: Session, id_or_serial_number: str) -> AssetRow | None:
    """The asset whose id or, failing that, serial number is ``id_or_serial_number``."""
    row = session.get(AssetRow, id_or_serial_number.lower())
    if row is None:
        row = session.scalar(select(AssetRow).where(AssetRow.serial_number == id_or_serial_number))
    return row


def find_type_by_name(session: Session, type_name: str) -> AssetTypeRow | None:
    """The asset type with this name, ignoring case."""
    return session.scalar(select(AssetTypeRow).where(func.lower(AssetTypeRow.type_name) == type_name.lower()))


def add_log(
    session: Session, asset: AssetRow, log_type: LogType, user: str, comment: str | None
) -> AssetLogRow:
    """Append a record to ``asset``'s log."""
    row = AssetLogRow(
        asset_id=asset.asset_id,
        serial_number=asset.serial_number,
        date=stamp(),
        user=user,
        type=int(log_type),
        comment=comment,
    )
    session.add(row)
    return row


def type_to_wire(row: AssetTypeRow) -> AssetType:
    """An asset type as the API shows it."""
    return AssetType(
        type_name=row.type_name,
        type_id=row.type_id,
        running_count_limit=row.running_count_limit,
        total_count_limit=row.total_count_limit,
        maintenance_interval=row.maintenance_interval,
        calibration_interval=row.calibration_interval,
        warning_threshold=row.warning_threshold,
        alarm_threshold=row.alarm_threshold,
        is_readonly=row.is_readonly,
        icon=row.icon,
    )


def asset_to_wire(session: Session, row: AssetRow) -> Asset:
    """An asset as the API shows it, with its type embedded."""
    asset_type = session.get(AssetTypeRow, row.type_id)
    parent = session.get(AssetRow, row.parent_asset_id) if row.parent_asset_id else None
    return Asset(
        serial_number=row.serial_number,
        type_id=row.type_id,
        asset_id=row.asset_id,
        parent_asset_id=row.parent_asset_id,
        parent_serial_number=parent.serial_number if parent else None,
        asset_name=row.asset_name,
        part_number=row.part_number,
        revision=row.revision,
        ClientId=row.client_id,
        state=row.state,
        description=row.description,
        location=row.location,
        first_seen_date=utc(row.first_seen_date),
        last_seen_date=utc(row.last_seen_date),
        last_maintenance_date=utc(row.last_maintenance_date),
        next_maintenance_date=utc(row.next_maintenance_date),
        last_calibration_date=utc(row.last_calibration_date),
        next_calibration_date=utc(row.next_calibration_date),
        total_count=row.total_count,
        running_count=row.running_count,
        tags=[Setting(key=t["key"], value=t.get("value")) for t in row.tags or []],
        asset_type=type_to_wire(asset_type) if asset_type else None,
    )


def log_to_wire(row: AssetLogRow) -> AssetLog:
    """A log record as the API shows it."""
    return AssetLog(
        log_id=row.log_id,
        asset_id=row.asset_id,
        serial_number=row.serial_number,
        date=utc(row.date),
        user=row.user,
        type=row.type,
        comment=row.comment,
    )
