"""Units: registration (upsert), lookups, phases, processes, and the change feed they produce.

Referential rules, as WATS keeps them: a unit's part number and revision must exist as a product and a
revision; a phase must be one of :data:`~.phases.UNIT_PHASES`; a process code must be one of the server's
processes. Every change of a unit's part number, revision, phase or parent is appended to the change feed
(``GET /api/Production/Units/Changes``) until a client acknowledges it, and phase/process changes to the
unit's state history.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import pydantic
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.orm.interfaces import ORMOption

from pywats_server.db import Database
from pywats_server.domains.process.backend import ProcessBackend, find_process
from pywats_server.domains.product.backend import (
    find_revision,
    product_to_wire,
    revision_to_wire,
    stored_tags,
    tags_to_wire,
)
from pywats_server.domains.product.tables import ProductRevisionRow, ProductRow
from pywats_server.domains.production.phases import PHASES_BY_ID, UNDER_PRODUCTION, phase_name
from pywats_server.domains.production.schemas import Unit, UnitChange
from pywats_server.domains.production.tables import UnitChangeRow, UnitHistoryRow, UnitRow
from pywats_server.errors import BadRequest, Conflict, NotFound

logger = logging.getLogger(__name__)

# Sub-unit trees deeper than this are cut (only a bug could build one).
MAX_TREE_DEPTH = 32


def utc_now() -> datetime:
    """Now, in UTC."""
    return datetime.now(UTC)


def as_utc(value: datetime | None) -> datetime | None:
    """A stored time as an aware UTC time (SQLite hands them back naive)."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# What unit_to_wire reads, fetched with the unit in one joined query instead of a lazy load per
# relationship (get_unit is the hottest lookup of a station). Sub-units of sub-units still load lazily.
FOR_WIRE: tuple[ORMOption, ...] = (
    joinedload(UnitRow.product),
    joinedload(UnitRow.revision),
    joinedload(UnitRow.parent),
    joinedload(UnitRow.children),
)


def find_unit(
    session: Session, serial_number: str, part_number: str, loads: Sequence[ORMOption] = ()
) -> UnitRow | None:
    """The unit with this serial and part number, or None; ``loads`` (:data:`FOR_WIRE`) come with it."""
    query = select(UnitRow).where(UnitRow.serial_number == serial_number, UnitRow.part_number == part_number)
    # unique(): a joined collection repeats the unit once per sub-unit.
    return session.scalars(query.options(*loads)).unique().one_or_none()


def require_unit(
    session: Session, serial_number: str, part_number: str, loads: Sequence[ORMOption] = ()
) -> UnitRow:
    """The unit with this serial and part number; :class:`NotFound` if there is none."""
    row = find_unit(session, serial_number, part_number, loads)
    if row is None:
        raise NotFound(f"Unit '{serial_number}' of product '{part_number}' not found")
    return row


def require_phase(phase_id: int) -> int:
    """``phase_id`` if it is one of the server's phases, else :class:`BadRequest`."""
    if phase_id not in PHASES_BY_ID:
        known = ", ".join(str(phase) for phase in PHASES_BY_ID)
        raise BadRequest(f"Unknown unit phase {phase_id}; the phases are {known}.")
    return phase_id


def require_process(session: Session, code: int) -> int:
    """``code`` if the server has a process with it, else :class:`BadRequest`."""
    if find_process(session, code) is None:
        raise BadRequest(f"Unknown process code {code}.")
    return code


def record_change(
    session: Session,
    unit: UnitRow,
    *,
    parent: str | None = None,
    part_number: str | None = None,
    revision: str | None = None,
    phase: int | None = None,
) -> None:
    """Append an entry to the change feed."""
    session.add(
        UnitChangeRow(
            unit_serial_number=unit.serial_number,
            unit_part_number=unit.part_number,
            new_parent_serial_number=parent,
            new_part_number=part_number,
            new_revision=revision,
            new_unit_phase_id=phase,
            changed_utc=utc_now(),
        )
    )


def record_history(session: Session, unit: UnitRow, comment: str | None) -> None:
    """Append the unit's current phase and process to its state history."""
    session.add(
        UnitHistoryRow(
            unit_id=unit.unit_id,
            changed_utc=utc_now(),
            unit_phase_id=unit.unit_phase_id,
            process_code=unit.process_code,
            comment=comment,
        )
    )


def unit_to_wire(row: UnitRow, depth: int = MAX_TREE_DEPTH) -> Unit:
    """The unit with its product, revision and (recursively) its sub-units."""
    product = product_to_wire(row.product, with_revisions=False)
    return Unit(
        serial_number=row.serial_number,
        part_number=row.part_number,
        revision=row.revision.revision if row.revision else None,
        parent_serial_number=row.parent.serial_number if row.parent else None,
        batch_number=row.batch_number,
        serial_date=as_utc(row.serial_date),
        current_location=row.current_location,
        xml_data=row.xml_data,
        unit_phase_id=row.unit_phase_id,
        unit_phase=phase_name(row.unit_phase_id),
        process_code=row.process_code,
        tags=tags_to_wire(row.tags),
        product_revision=revision_to_wire(row.revision, row.product) if row.revision else None,
        product=product,
        sub_units=[unit_to_wire(child, depth - 1) for child in row.children] if depth > 0 else [],
    )


class UnitBackend:
    """Units of one server."""

    def __init__(self, db: Database, processes: ProcessBackend) -> None:
        self.db = db
        self.processes = processes

    def get_unit(self, serial_number: str, part_number: str) -> Unit:
        """One unit with its product, revision and sub-units."""
        return self.db.read(
            lambda session: unit_to_wire(require_unit(session, serial_number, part_number, FOR_WIRE))
        )

    def put_units(self, units: Sequence[Unit]) -> list[Unit]:
        """Create or update units (keyed by serial and part number) in one transaction."""
        self.processes.ensure_defaults()

        def work(session: Session) -> list[Unit]:
            rows = [_upsert(session, unit) for unit in units]
            return [unit_to_wire(row) for row in rows]

        return self.db.write(work)

    def create_unit(
        self,
        serial_number: str,
        part_number: str,
        revision: str,
        batch_number: str | None,
        unit_phase: int | None,
    ) -> Unit:
        """Create one unit (internal ``CreateUnit``); 409 if it exists already."""

        def work(session: Session) -> Unit:
            if find_unit(session, serial_number, part_number) is not None:
                raise Conflict(f"Unit '{serial_number}' of product '{part_number}' already exists.")
            try:
                unit = Unit(
                    serial_number=serial_number,
                    part_number=part_number,
                    revision=revision,
                    batch_number=batch_number,
                    unit_phase_id=unit_phase,
                )
            except pydantic.ValidationError as exc:  # an empty serial or part number, say: the caller's error
                problem = exc.errors()[0]
                where = ".".join(str(part) for part in problem["loc"])
                raise BadRequest(
                    f"Invalid unit: {where}: {problem['msg'].removeprefix('Value error, ')}"
                ) from exc
            return unit_to_wire(_upsert(session, unit))

        return self.db.write(work)

    def set_phase(self, serial_number: str, part_number: str, phase: int, comment: str | None) -> None:
        """Move a unit to another phase."""
        require_phase(phase)

        def work(session: Session) -> None:
            row = require_unit(session, serial_number, part_number)
            if row.unit_phase_id != phase:
                row.unit_phase_id = phase
                record_change(session, row, phase=phase)
            record_history(session, row, comment)

        self.db.write(work)

    def set_process(
        self, serial_number: str, part_number: str, process_code: int | None, comment: str | None
    ) -> None:
        """Set (or, with None, clear) a unit's current process."""
        self.processes.ensure_defaults()

        def work(session: Session) -> None:
            row = require_unit(session, serial_number, part_number)
            row.process_code = None if process_code is None else require_process(session, process_code)
            record_history(session, row, comment)

        self.db.write(work)

    def changes(
        self, serial_number: str | None, part_number: str | None, top: int | None, skip: int | None
    ) -> list[UnitChange]:
        """Pending change-feed entries, oldest first."""

        def work(session: Session) -> list[UnitChange]:
            statement = select(UnitChangeRow).order_by(UnitChangeRow.id)
            if serial_number is not None:
                statement = statement.where(UnitChangeRow.unit_serial_number == serial_number)
            if part_number is not None:
                statement = statement.where(UnitChangeRow.unit_part_number == part_number)
            statement = statement.offset(skip or 0)
            if top is not None:
                statement = statement.limit(top)
            return [_change_to_wire(row) for row in session.scalars(statement)]

        return self.db.read(work)

    def delete_change(self, change_id: int) -> None:
        """Acknowledge (delete) one change-feed entry."""

        def work(session: Session) -> None:
            row = session.get(UnitChangeRow, change_id)
            if row is None:
                raise NotFound(f"Unit change {change_id} not found")
            session.delete(row)

        self.db.write(work)


def _upsert(session: Session, unit: Unit) -> UnitRow:
    product = session.scalar(select(ProductRow).where(ProductRow.part_number == unit.part_number))
    if product is None:
        raise BadRequest(
            f"Product '{unit.part_number}' does not exist; create it before registering units of it."
        )
    sent = unit.model_fields_set
    revision = _revision(session, product, unit.revision) if unit.revision is not None else None
    row = find_unit(session, unit.serial_number, unit.part_number)
    created = row is None
    if row is None:
        phase = require_phase(unit.unit_phase_id) if unit.unit_phase_id is not None else UNDER_PRODUCTION
        row = UnitRow(
            unit_id=str(uuid.uuid4()),
            serial_number=unit.serial_number,
            part_number=unit.part_number,
            product=product,
            unit_phase_id=phase,
            tags=[],
            created_utc=utc_now(),
        )
        session.add(row)
        logger.info("registering unit %r of %r", unit.serial_number, unit.part_number)
    new_revision_id = revision.product_revision_id if revision else None
    if "revision" in sent and new_revision_id != row.product_revision_id:
        row.revision = revision
        if not created:
            record_change(session, row, revision=revision.revision if revision else None)
    for name in ("batch_number", "serial_date", "current_location", "xml_data"):
        if name in sent:
            setattr(row, name, getattr(unit, name))
    history = created
    if unit.unit_phase_id is not None and unit.unit_phase_id != row.unit_phase_id:
        row.unit_phase_id = require_phase(unit.unit_phase_id)
        record_change(session, row, phase=row.unit_phase_id)
        history = True
    if unit.process_code is not None and unit.process_code != row.process_code:
        row.process_code = require_process(session, unit.process_code)
        history = True
    if unit.tags is not None:
        row.tags = stored_tags(unit.tags)
    session.flush()
    if created:
        record_change(
            session,
            row,
            part_number=row.part_number,
            revision=revision.revision if revision else None,
            phase=row.unit_phase_id,
        )
    if history:
        record_history(session, row, "Registered" if created else None)
    return row


def _revision(session: Session, product: ProductRow, revision: str) -> ProductRevisionRow:
    row = find_revision(session, product, revision)
    if row is None:
        raise BadRequest(f"Revision '{revision}' of product '{product.part_number}' does not exist.")
    return row


def _change_to_wire(row: UnitChangeRow) -> UnitChange:
    return UnitChange(
        id=row.id,
        unit_serial_number=row.unit_serial_number,
        new_parent_serial_number=row.new_parent_serial_number,
        new_part_number=row.new_part_number,
        new_revision=row.new_revision,
        new_unit_phase_id=row.new_unit_phase_id,
    )


def process_in_use(session: Session, code: int) -> str | None:
    """Why the process with this code may not be removed: a unit is at it."""
    unit = session.scalar(select(UnitRow).where(UnitRow.process_code == code).limit(1))
    if unit is None:
        return None
    return f"Process {code} is the current process of unit '{unit.serial_number}' ({unit.part_number})."
