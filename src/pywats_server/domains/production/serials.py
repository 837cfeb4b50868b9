"""Serial-number pools: types, import/export, taking numbers, and the internal range tools.

A pool holds numbers of a type, each Free or Taken. Numbers enter a pool by import; ``Take`` hands out the
lowest free ones (409 when too few are left) and records the reference unit and station. Taken numbers are
referenced by what took them: ``PUT …/Free`` gives them back, ``DELETE …/Free`` removes only free numbers.
Addresses (see :mod:`.serial_formats`) define ranges and order.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from pywats_server.db import Database
from pywats_server.domains.production.schemas import SerialNumberRange, SerialNumberRecord, SerialNumberType
from pywats_server.domains.production.serial_files import read_import
from pywats_server.domains.production.serial_formats import (
    DEFAULT_TYPES,
    IDENTIFIERS,
    SerialFormat,
    format_of,
)
from pywats_server.domains.production.tables import SerialNumberRow, SerialNumberTypeRow
from pywats_server.domains.production.units import as_utc, utc_now
from pywats_server.errors import BadRequest, Conflict

logger = logging.getLogger(__name__)

FREE = "Free"
TAKEN = "Taken"
STATES = {state.casefold(): state for state in (FREE, TAKEN)}
MAX_TAKE = 10_000


def _record(row: SerialNumberRow) -> SerialNumberRecord:
    return SerialNumberRecord(
        serial_number=row.serial_number,
        serial_number_type=row.type_name,
        state=row.state,
        reference_serial_number=row.reference_serial_number,
        reference_part_number=row.reference_part_number,
        station_name=row.station_name,
        taken_utc=as_utc(row.taken_utc),
    )


def _in_dates(row: SerialNumberRow, start: datetime | None, end: datetime | None) -> bool:
    if start is None and end is None:
        return True
    taken, since, until = as_utc(row.taken_utc), as_utc(start), as_utc(end)
    if taken is None:
        return False
    return (since is None or taken >= since) and (until is None or taken <= until)


class SerialNumberBackend:
    """The serial-number pools of one server."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def ensure_types(self) -> None:
        """Seed the default types if there are none (a fresh or reset server)."""
        if self.db.read(
            lambda session: session.scalar(select(func.count()).select_from(SerialNumberTypeRow))
        ):
            return

        def seed(session: Session) -> None:
            if session.scalar(select(func.count()).select_from(SerialNumberTypeRow)):
                return
            for name, description, text, identifier in DEFAULT_TYPES:
                regex = format_of(text, identifier).regex
                session.add(
                    SerialNumberTypeRow(
                        name=name, description=description, format=text, reg_ex=regex, identifier=identifier
                    )
                )

        self.db.write(seed)

    def types(self) -> list[SerialNumberType]:
        """Every pool type."""
        self.ensure_types()

        def work(session: Session) -> list[SerialNumberType]:
            rows = session.scalars(select(SerialNumberTypeRow).order_by(SerialNumberTypeRow.name))
            return [
                SerialNumberType(
                    name=row.name,
                    description=row.description,
                    format=row.format,
                    reg_ex=row.reg_ex,
                    identifier=row.identifier,
                    identifier_name=IDENTIFIERS.get(row.identifier, ("Unknown", 10))[0],
                )
                for row in rows
            ]

        return self.db.read(work)

    def import_file(self, content: bytes, content_type: str | None) -> dict[str, int]:
        """Add a CSV/XML file's numbers as Free (or in the state the file gives); known ones are skipped."""
        self.ensure_types()
        numbers = read_import(content, content_type)

        def work(session: Session) -> dict[str, int]:
            imported = skipped = 0
            formats: dict[str, SerialFormat] = {}
            for number in numbers:
                if number.type_name not in formats:
                    formats[number.type_name] = _format(session, number.type_name)
                address = formats[number.type_name].address(number.serial_number)
                if address is None:
                    raise BadRequest(
                        f"Line {number.line}: '{number.serial_number}' is not a {number.type_name} "
                        f"(format {formats[number.type_name].text})."
                    )
                state = STATES.get((number.state or FREE).casefold())
                if state is None:
                    raise BadRequest(
                        f"Line {number.line}: unknown state '{number.state}'; use Free or Taken."
                    )
                if _find(session, number.type_name, number.serial_number) is not None:
                    skipped += 1
                    continue
                session.add(
                    SerialNumberRow(
                        type_name=number.type_name,
                        address=address,
                        serial_number=number.serial_number,
                        state=state,
                    )
                )
                session.flush()
                imported += 1
            return {"imported": imported, "skipped": skipped}

        result = self.db.write(work)
        logger.info("serial numbers imported: %s", result)
        return result

    def take(
        self, type_name: str, quantity: int, ref_sn: str | None, ref_pn: str | None, station: str | None
    ) -> list[SerialNumberRecord]:
        """Take the ``quantity`` lowest free numbers of a type; 409 if fewer are free."""
        if not 1 <= quantity <= MAX_TAKE:
            raise BadRequest(f"quantity must be between 1 and {MAX_TAKE}, got {quantity}.")
        self.ensure_types()

        def work(session: Session) -> list[SerialNumberRecord]:
            _format(session, type_name)
            rows = list(
                session.scalars(
                    select(SerialNumberRow)
                    .where(SerialNumberRow.type_name == type_name, SerialNumberRow.state == FREE)
                    .order_by(SerialNumberRow.address)
                    .limit(quantity)
                )
            )
            if len(rows) < quantity:
                raise Conflict(
                    f"Only {len(rows)} free serial number(s) of type '{type_name}' left; "
                    f"{quantity} requested. "
                    "Import more with PUT /api/Production/SerialNumbers."
                )
            now = utc_now()
            for row in rows:
                row.state, row.taken_utc, row.station_name = TAKEN, now, station
                row.reference_serial_number, row.reference_part_number = ref_sn, ref_pn
            return [_record(row) for row in rows]

        return self.db.write(work)

    def search(
        self,
        type_name: str,
        start: str | None = None,
        end: str | None = None,
        *,
        state: str | None = None,
        ref_sn: str | None = None,
        ref_pn: str | None = None,
        start_date: datetime | None = None,
        end_date: datetime | None = None,
    ) -> list[SerialNumberRecord]:
        """Numbers of a type in an address range, optionally by state, reference and date taken."""
        self.ensure_types()
        wanted_state = _state(state)

        def work(session: Session) -> list[SerialNumberRecord]:
            statement = _range(session, type_name, start, end)
            if wanted_state is not None:
                statement = statement.where(SerialNumberRow.state == wanted_state)
            if ref_sn is not None:
                statement = statement.where(SerialNumberRow.reference_serial_number == ref_sn)
            if ref_pn is not None:
                statement = statement.where(SerialNumberRow.reference_part_number == ref_pn)
            rows = session.scalars(statement.order_by(SerialNumberRow.address))
            return [_record(row) for row in rows if _in_dates(row, start_date, end_date)]

        return self.db.read(work)

    def release(self, ranges: Sequence[SerialNumberRange], *, delete_free: bool) -> dict[str, int]:
        """``delete_free=False``: make Taken numbers in the ranges Free. ``True``: delete the Free ones."""
        if not ranges:
            raise BadRequest("A list of ranges (serialNumberType, startAddress, endAddress) is required.")
        self.ensure_types()

        def work(session: Session) -> dict[str, int]:
            count = 0
            for item in ranges:
                if not item.serial_number_type:
                    raise BadRequest("Each range needs its serialNumberType.")
                statement = _range(session, item.serial_number_type, item.start_address, item.end_address)
                for row in session.scalars(
                    statement.where(SerialNumberRow.state == (FREE if delete_free else TAKEN))
                ):
                    if delete_free:
                        session.delete(row)
                    else:
                        row.state, row.taken_utc, row.station_name = FREE, None, None
                        row.reference_serial_number = row.reference_part_number = None
                    count += 1
            return {"deleted" if delete_free else "freed": count}

        return self.db.write(work)

    def ranges(self, type_name: str | None) -> list[SerialNumberRange]:
        """Runs of consecutive addresses per type, with how many of each run are free."""
        self.ensure_types()

        def work(session: Session) -> list[SerialNumberRange]:
            result: list[SerialNumberRange] = []
            for type_row in _types(session, type_name):
                rows = session.scalars(
                    select(SerialNumberRow)
                    .where(SerialNumberRow.type_name == type_row.name)
                    .order_by(SerialNumberRow.address)
                )
                run: list[SerialNumberRow] = []
                for row in [*rows, None]:
                    if run and (row is None or row.address != run[-1].address + 1):
                        result.append(
                            SerialNumberRange(
                                serial_number_type=type_row.name,
                                start_address=run[0].serial_number,
                                end_address=run[-1].serial_number,
                                count=len(run),
                                free_count=sum(1 for item in run if item.state == FREE),
                            )
                        )
                        run = []
                    if row is not None:
                        run.append(row)
            return result

        return self.db.read(work)

    def statistics(self, type_name: str | None) -> dict[str, object]:
        """Totals of free and taken numbers, per type and overall."""
        self.ensure_types()

        def work(session: Session) -> dict[str, object]:
            per_type = []
            for type_row in _types(session, type_name):
                counts = dict(
                    session.execute(
                        select(SerialNumberRow.state, func.count())
                        .where(SerialNumberRow.type_name == type_row.name)
                        .group_by(SerialNumberRow.state)
                    ).all()
                )
                free, taken = counts.get(FREE, 0), counts.get(TAKEN, 0)
                per_type.append(
                    {"serialNumberType": type_row.name, "total": free + taken, "free": free, "taken": taken}
                )
            return {
                "serialNumberType": type_name,
                "total": sum(int(str(item["total"])) for item in per_type),
                "free": sum(int(str(item["free"])) for item in per_type),
                "taken": sum(int(str(item["taken"])) for item in per_type),
                "types": per_type,
            }

        return self.db.read(work)


def _format(session: Session, type_name: str) -> SerialFormat:
    row = session.get(SerialNumberTypeRow, type_name)
    if row is None:
        raise BadRequest(f"Unknown serial number type '{type_name}'.")
    return format_of(row.format, row.identifier)


def _types(session: Session, type_name: str | None) -> list[SerialNumberTypeRow]:
    if type_name is None:
        return list(session.scalars(select(SerialNumberTypeRow).order_by(SerialNumberTypeRow.name)))
    _format(session, type_name)
    return [session.get_one(SerialNumberTypeRow, type_name)]


def _find(session: Session, type_name: str, serial: str) -> SerialNumberRow | None:
    return session.scalar(
        select(SerialNumberRow).where(
            SerialNumberRow.type_name == type_name, SerialNumberRow.serial_number == serial
        )
    )


def _range(session: Session, type_name: str, start: str | None, end: str | None) -> Select[SerialNumberRow]:
    """A SELECT of a type's numbers between two numbers (inclusive; either end open)."""
    serial_format = _format(session, type_name)
    statement = select(SerialNumberRow).where(SerialNumberRow.type_name == type_name)
    for bound, value in (("start", start), ("end", end)):
        if value is None:
            continue
        address = serial_format.address(value)
        if address is None:
            raise BadRequest(f"'{value}' is not a {type_name} (format {serial_format.text}).")
        statement = statement.where(
            SerialNumberRow.address >= address if bound == "start" else SerialNumberRow.address <= address
        )
    return statement


def _state(state: str | None) -> str | None:
    if state is None:
        return None
    known = STATES.get(state.casefold())
    if known is None:
        raise BadRequest(f"Unknown state '{state}'; use Free or Taken.")
    return known
