"""What happens to an asset in use: state changes, usage counts, calibration, maintenance, messages.

Counting: ``incrementBy`` adds to both running and total count; ``totalCount`` sets the total
to an absolute value and adds the difference to the running count; neither means one use.
``incrementChildren`` applies the same increment to every descendant. Setting a count to a
chosen value needs the "Edit Total count" permission. A calibration restarts the running count
and moves the next calibration one interval past it; a maintenance moves the next maintenance.
An external record sets both dates explicitly. Every change except plain counting is logged.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from pywats_server.db import Database
from pywats_server.domains.asset.lookup import (
    LogType,
    add_log,
    asset_to_wire,
    find_asset,
    log_to_wire,
    naive_utc,
    now,
)
from pywats_server.domains.asset.rules import due_date, utc
from pywats_server.domains.asset.schemas import ASSET_STATES, Asset, AssetLog, AssetMessage
from pywats_server.domains.asset.tables import AssetRow, AssetTypeRow
from pywats_server.errors import BadRequest, NotFound
from pywats_server.permissions import EDIT_TOTAL_COUNT, Permissions

Service = Literal["calibration", "maintenance"]


class AssetActivity:
    """State, counters, service records and messages of the assets of one server."""

    def __init__(self, db: Database, permissions: Permissions) -> None:
        self.db = db
        self.permissions = permissions

    def set_state(self, asset_id: str | None, serial_number: str | None, state: int, user: str) -> Asset:
        """Put an asset in ``state`` (0-6)."""
        if state not in ASSET_STATES:
            raise BadRequest(f"state must be an AssetState (0-6), got {state}.")

        def work(session: Session) -> Asset:
            row = find_asset(session, asset_id, serial_number)
            if row.state != state:
                add_log(
                    session, row, LogType.STATE_CHANGE, user, f"State changed from {row.state} to {state}"
                )
                row.state = state
            return asset_to_wire(session, row)

        return self.db.write(work)

    def count(
        self,
        asset_id: str | None,
        serial_number: str | None,
        *,
        total_count: int | None,
        increment_by: int | None,
        increment_children: bool,
    ) -> Asset:
        """Record uses of an asset (and, if asked, of its descendants)."""
        if total_count is not None and increment_by is not None:
            raise BadRequest("Send either incrementBy or totalCount, not both.")
        if (increment_by is not None and increment_by < 1) or (total_count is not None and total_count < 0):
            raise BadRequest("incrementBy must be at least 1 and totalCount must not be negative.")

        def work(session: Session) -> Asset:
            row = find_asset(session, asset_id, serial_number)
            if total_count is not None:
                if total_count < row.total_count:
                    raise BadRequest(
                        f"totalCount {total_count} is below the current total {row.total_count}; "
                        "use SetTotalCount to lower it."
                    )
                step = total_count - row.total_count
            else:
                step = 1 if increment_by is None else increment_by
            targets = [row, *(_descendants(session, row) if increment_children else [])]
            for target in targets:
                target.total_count += step
                target.running_count += step
            return asset_to_wire(session, row)

        return self.db.write(work)

    def reset_running_count(
        self, asset_id: str | None, serial_number: str | None, comment: str | None, user: str
    ) -> Asset:
        """Set the running count to 0."""

        def work(session: Session) -> Asset:
            row = find_asset(session, asset_id, serial_number)
            add_log(
                session,
                row,
                LogType.RESET_COUNT,
                user,
                comment or f"Running count reset from {row.running_count}",
            )
            row.running_count = 0
            return asset_to_wire(session, row)

        return self.db.write(work)

    def set_count(
        self,
        which: Literal["running", "total"],
        asset_id: str | None,
        serial_number: str | None,
        value: int,
        user: str,
    ) -> Asset:
        """Set the running or total count to ``value``; needs the "Edit Total count" permission."""
        self.permissions.require(user, EDIT_TOTAL_COUNT)
        if value < 0:
            raise BadRequest(f"{which}Count must not be negative.")

        def work(session: Session) -> Asset:
            row = find_asset(session, asset_id, serial_number)
            member = "running_count" if which == "running" else "total_count"
            add_log(
                session,
                row,
                LogType.UPDATE,
                user,
                f"{which.capitalize()} count set from {getattr(row, member)} to {value}",
            )
            setattr(row, member, value)
            return asset_to_wire(session, row)

        return self.db.write(work)

    def record_service(
        self,
        service: Service,
        asset_id: str | None,
        serial_number: str | None,
        date_time: datetime | None,
        comment: str | None,
        user: str,
    ) -> Asset:
        """Record a calibration or maintenance done at ``date_time`` (default: now)."""
        done = utc(date_time) or now()

        def work(session: Session) -> Asset:
            row = find_asset(session, asset_id, serial_number)
            kind = session.get(AssetTypeRow, row.type_id)
            interval = None
            if kind is not None:
                interval = (
                    kind.calibration_interval if service == "calibration" else kind.maintenance_interval
                )
            _apply_service(row, service, done, due_date(done, interval))
            add_log(session, row, _LOG_TYPES[service], user, comment or f"{service.capitalize()} recorded")
            return asset_to_wire(session, row)

        return self.db.write(work)

    def record_external(
        self,
        service: Service,
        asset_id: str | None,
        serial_number: str | None,
        from_date: datetime | None,
        to_date: datetime | None,
        comment: str | None,
        user: str,
    ) -> Asset:
        """Record a calibration or maintenance managed elsewhere, valid from ``from_date`` to ``to_date``."""
        start, end = utc(from_date), utc(to_date)
        if start is None or end is None:
            raise BadRequest("fromDate and toDate are required.")
        if end < start:
            raise BadRequest("toDate must not be before fromDate.")

        def work(session: Session) -> Asset:
            row = find_asset(session, asset_id, serial_number)
            _apply_service(row, service, start, end)
            text = comment or f"External {service} valid until {end.isoformat()}"
            add_log(session, row, _LOG_TYPES[service], user, text)
            return asset_to_wire(session, row)

        return self.db.write(work)

    def add_message(self, message: AssetMessage, user: str) -> AssetLog:
        """Append a message to an asset's log (as ``message.user`` if given, else the caller)."""

        def work(session: Session) -> AssetLog:
            row = session.get(AssetRow, message.asset_id.lower())
            if row is None:
                raise NotFound(f"Asset with id '{message.asset_id}' not found.")
            entry = add_log(session, row, LogType.MESSAGE, message.user or user, message.comment)
            session.flush()
            return log_to_wire(entry)

        return self.db.write(work)


_LOG_TYPES = {"calibration": LogType.CALIBRATION, "maintenance": LogType.MAINTENANCE}


def _apply_service(row: AssetRow, service: Service, done: datetime, due: datetime | None) -> None:
    if service == "calibration":
        row.last_calibration_date, row.next_calibration_date = naive_utc(done), naive_utc(due)
        row.running_count = 0
    else:
        row.last_maintenance_date, row.next_maintenance_date = naive_utc(done), naive_utc(due)


def _descendants(session: Session, root: AssetRow) -> list[AssetRow]:
    found: list[AssetRow] = []
    parents = [root.asset_id]
    while parents:
        children = list(session.scalars(select(AssetRow).where(AssetRow.parent_asset_id.in_(parents))))
        found.extend(children)
        parents = [child.asset_id for child in children]
    return found
