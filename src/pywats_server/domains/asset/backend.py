"""The Asset domain's behaviour: assets, types, hierarchy and status, independent of HTTP.

``PUT /api/Asset`` is an upsert keyed by ``assetId`` or, without one, ``serialNumber``. On update
only the members present in the request change. A parent is named by ``parentAssetId`` or
``parentSerialNumber`` and may not be the asset itself or one of its descendants. An asset
with sub-assets cannot be deleted. Counters, calibration, maintenance and the log are in
:mod:`.activity`; files in :mod:`.files`.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pywats_server.db import Database
from pywats_server.domains.asset.files import AssetFiles
from pywats_server.domains.asset.lookup import (
    LogType,
    add_log,
    asset_to_wire,
    find_asset,
    find_asset_by_key,
    find_type_by_name,
    log_to_wire,
    naive_utc,
    now,
    stamp,
    type_to_wire,
)
from pywats_server.domains.asset.odata import apply_query, compact
from pywats_server.domains.asset.rules import Allowances, Usage, evaluate, utc
from pywats_server.domains.asset.schemas import ASSET_STATES, Asset, AssetStatus, AssetType
from pywats_server.domains.asset.tables import AssetLogRow, AssetRow, AssetTypeRow
from pywats_server.errors import BadRequest, Conflict, NotFound

logger = logging.getLogger(__name__)

MAX_TOP = 10_000
"""Most rows a list answers when the client sets no ``$top``, or a larger one."""

# Members of Asset copied verbatim between the wire model and the row on create/update.
_PLAIN_MEMBERS = ("asset_name", "part_number", "revision", "client_id", "description", "location")
_DATE_MEMBERS = (
    "first_seen_date",
    "last_seen_date",
    "last_maintenance_date",
    "next_maintenance_date",
    "last_calibration_date",
    "next_calibration_date",
)


class AssetBackend:
    """Assets and asset types of one server."""

    def __init__(self, db: Database, files: AssetFiles) -> None:
        self.db = db
        self.files = files

    # -- assets --------------------------------------------------------------------------------

    def list_assets(
        self, *, filter_text: str | None, orderby: str | None, top: int | None, skip: int | None
    ) -> list[Any]:
        """Assets matching the OData options, as wire dicts."""

        def work(session: Session) -> list[Any]:
            rows = session.scalars(select(AssetRow).order_by(AssetRow.serial_number))
            wire = [asset_to_wire(session, row).model_dump(by_alias=True) for row in rows]
            return _page(wire, filter_text, orderby, top, skip)

        return self.db.read(work)

    def get_asset(self, id_or_serial_number: str) -> Asset:
        """One asset by id or serial number."""

        def work(session: Session) -> Asset:
            row = find_asset_by_key(session, id_or_serial_number)
            if row is None:
                raise NotFound(f"Asset '{id_or_serial_number}' not found.")
            return asset_to_wire(session, row)

        return self.db.read(work)

    def put_asset(self, asset: Asset, user: str) -> Asset:
        """Create or update an asset and return it as stored."""

        def work(session: Session) -> Asset:
            return asset_to_wire(session, _upsert_asset(session, asset, user))

        return self.db.write(work)

    def delete_asset(self, asset_id: str | None, serial_number: str | None, user: str) -> None:
        """Delete an asset without sub-assets, with its files."""

        def work(session: Session) -> str:
            row = find_asset(session, asset_id, serial_number)
            if session.scalar(
                select(AssetRow.asset_id).where(AssetRow.parent_asset_id == row.asset_id).limit(1)
            ):
                raise Conflict(f"The asset '{row.serial_number}' has sub-assets; delete or move them first.")
            add_log(session, row, LogType.UPDATE, user, "Asset deleted")
            self.files.delete_all(session, row.asset_id)
            session.delete(row)
            return row.serial_number

        logger.info("deleted asset %s", self.db.write(work))

    def get_status(self, asset_id: str | None, serial_number: str | None) -> AssetStatus:
        """The alarm evaluation of one asset."""

        def work(session: Session) -> AssetStatus:
            row = find_asset(session, asset_id, serial_number)
            kind = session.get(AssetTypeRow, row.type_id)
            allowances = Allowances(
                running_count_limit=kind.running_count_limit if kind else None,
                total_count_limit=kind.total_count_limit if kind else None,
                calibration_interval=kind.calibration_interval if kind else None,
                maintenance_interval=kind.maintenance_interval if kind else None,
                warning_threshold=kind.warning_threshold if kind else None,
                alarm_threshold=kind.alarm_threshold if kind else None,
            )
            usage = Usage(
                running_count=row.running_count,
                total_count=row.total_count,
                last_calibration=row.last_calibration_date,
                next_calibration=row.next_calibration_date,
                last_maintenance=row.last_maintenance_date,
                next_maintenance=row.next_maintenance_date,
            )
            result = evaluate(usage, allowances, now())
            return AssetStatus(
                asset_id=row.asset_id,
                serial_number=row.serial_number,
                state=row.state,
                alarm_state=result.alarm_state,
                running_count=row.running_count,
                running_count_limit=allowances.running_count_limit,
                total_count=row.total_count,
                total_count_limit=allowances.total_count_limit,
                next_calibration_date=utc(row.next_calibration_date),
                next_maintenance_date=utc(row.next_maintenance_date),
                messages=result.messages,
            )

        return self.db.read(work)

    def get_sub_assets(
        self, asset_id: str | None, serial_number: str | None, level: int | None
    ) -> list[Asset]:
        """The descendants of an asset, ``level`` generations deep (default 1: its children)."""
        depth = 1 if level is None else level
        if depth < 1:
            raise BadRequest("level must be at least 1.")

        def work(session: Session) -> list[Asset]:
            parents = [find_asset(session, asset_id, serial_number).asset_id]
            found: list[Asset] = []
            for _ in range(depth):
                children = list(
                    session.scalars(
                        select(AssetRow)
                        .where(AssetRow.parent_asset_id.in_(parents))
                        .order_by(AssetRow.serial_number)
                    )
                )
                if not children:
                    break
                found.extend(asset_to_wire(session, child) for child in children)
                parents = [child.asset_id for child in children]
            return found

        return self.db.read(work)

    # -- log -----------------------------------------------------------------------------------

    def list_log(
        self, *, filter_text: str | None, orderby: str | None, top: int | None, skip: int | None
    ) -> list[Any]:
        """Log records matching the OData options, oldest first unless ordered otherwise."""

        def work(session: Session) -> list[Any]:
            rows = session.scalars(select(AssetLogRow).order_by(AssetLogRow.log_id))
            wire = [log_to_wire(row).model_dump(by_alias=True) for row in rows]
            return _page(wire, filter_text, orderby, top, skip)

        return self.db.read(work)

    # -- types ---------------------------------------------------------------------------------

    def list_types(self, *, filter_text: str | None, top: int | None) -> list[Any]:
        """Asset types matching the OData options, by name."""

        def work(session: Session) -> list[Any]:
            rows = session.scalars(select(AssetTypeRow).order_by(AssetTypeRow.type_name))
            wire = [type_to_wire(row).model_dump(by_alias=True) for row in rows]
            return _page(wire, filter_text, None, top, None)

        return self.db.read(work)

    def put_type(self, asset_type: AssetType) -> AssetType:
        """Create or update an asset type (keyed by ``typeId``, else by name); read-only ones are refused."""
        warning, alarm = asset_type.warning_threshold, asset_type.alarm_threshold
        if warning is not None and alarm is not None and warning > alarm:
            raise BadRequest("warningThreshold must not be above alarmThreshold.")

        def work(session: Session) -> AssetType:
            row: AssetTypeRow | None = None
            if asset_type.type_id is not None:
                row = session.get(AssetTypeRow, str(asset_type.type_id))
            if row is None:
                row = find_type_by_name(session, asset_type.type_name)
                if row is not None and asset_type.type_id is not None:
                    raise Conflict(f"Another asset type is already named '{asset_type.type_name}'.")
            if row is None:
                row = AssetTypeRow(type_id=str(asset_type.type_id or uuid.uuid4()), is_readonly=False)
                session.add(row)
            elif row.is_readonly:
                raise Conflict(f"The asset type '{row.type_name}' is read-only.")
            else:
                clash = find_type_by_name(session, asset_type.type_name)
                if clash is not None and clash.type_id != row.type_id:
                    raise Conflict(f"Another asset type is already named '{asset_type.type_name}'.")
            for name in asset_type.model_fields_set - {"type_id"}:
                value = getattr(asset_type, name)
                setattr(row, name, bool(value) if name == "is_readonly" else value)
            row.type_name = asset_type.type_name
            session.flush()
            return type_to_wire(row)

        return self.db.write(work)


def _page(
    rows: list[dict[str, Any]],
    filter_text: str | None,
    orderby: str | None,
    top: int | None,
    skip: int | None,
) -> list[Any]:
    """The rows the OData options select, without null members."""
    selected = apply_query(
        rows, filter_text=filter_text, orderby=orderby, top=top, skip=skip, max_top=MAX_TOP
    )
    return [compact(row) for row in selected]


def _upsert_asset(session: Session, asset: Asset, user: str) -> AssetRow:
    sent = asset.model_fields_set
    row: AssetRow | None = None
    if asset.asset_id:
        row = session.get(AssetRow, asset.asset_id.lower())
        if row is None:
            raise NotFound(f"Asset with id '{asset.asset_id}' not found.")
    else:
        row = session.scalar(select(AssetRow).where(AssetRow.serial_number == asset.serial_number))
    creating = row is None
    if row is None:
        if asset.type_id is None:
            raise BadRequest("typeId is required to create an asset.")
        row = AssetRow(
            asset_id=str(uuid.uuid4()),
            serial_number=asset.serial_number,
            state=1,
            total_count=0,
            running_count=0,
            first_seen_date=stamp(),
            tags=[],
        )
    elif asset.serial_number != row.serial_number:
        if session.scalar(select(AssetRow.asset_id).where(AssetRow.serial_number == asset.serial_number)):
            raise Conflict(f"Another asset has the serial number '{asset.serial_number}'.")
        row.serial_number = asset.serial_number
    if asset.type_id is not None:
        if session.get(AssetTypeRow, str(asset.type_id)) is None:
            raise BadRequest(f"typeId '{asset.type_id}' is not a known asset type.")
        row.type_id = str(asset.type_id)
    if asset.state is not None:
        if asset.state not in ASSET_STATES:
            raise BadRequest(f"state must be an AssetState (0-6), got {asset.state}.")
        row.state = asset.state
    for name in _PLAIN_MEMBERS:
        if name in sent:
            setattr(row, name, getattr(asset, name))
    for name in _DATE_MEMBERS:
        if name in sent:
            setattr(row, name, naive_utc(getattr(asset, name)))
    for name in ("total_count", "running_count"):
        if name in sent and getattr(asset, name) is not None:
            setattr(row, name, getattr(asset, name))
    if asset.tags is not None:
        row.tags = [{"key": t.key, "value": t.value} for t in asset.tags]
    if creating:
        session.add(row)
        session.flush()
    _set_parent(session, row, asset)
    add_log(session, row, LogType.REGISTER if creating else LogType.UPDATE, user, None)
    session.flush()
    return row


def _set_parent(session: Session, row: AssetRow, asset: Asset) -> None:
    sent = asset.model_fields_set
    if asset.parent_asset_id or asset.parent_serial_number:
        try:
            parent = find_asset(session, asset.parent_asset_id, asset.parent_serial_number)
        except NotFound as exc:
            raise BadRequest(f"The parent asset does not exist: {exc.message}") from None
        ancestor: AssetRow | None = parent
        while ancestor is not None:
            if ancestor.asset_id == row.asset_id:
                raise BadRequest("An asset cannot be its own ancestor.")
            ancestor = session.get(AssetRow, ancestor.parent_asset_id) if ancestor.parent_asset_id else None
        row.parent_asset_id = parent.asset_id
    elif ("parent_asset_id" in sent or "parent_serial_number" in sent) and not (
        asset.parent_asset_id or asset.parent_serial_number
    ):
        row.parent_asset_id = None  # an explicit null detaches the asset
