"""The internal read-only views of a unit (``/api/internal/Production/GetUnit…``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pywats_server.db import Database
from pywats_server.domains.process.backend import ProcessBackend, find_process
from pywats_server.domains.product.backend import require_revision
from pywats_server.domains.product.bom import BomBackend
from pywats_server.domains.production.assembly import compliance
from pywats_server.domains.production.phases import PHASES_BY_ID, phase_name
from pywats_server.domains.production.schemas import Unit, UnitPhase
from pywats_server.domains.production.tables import UnitHistoryRow, UnitRow
from pywats_server.domains.production.units import (
    FOR_WIRE,
    MAX_TREE_DEPTH,
    as_utc,
    require_unit,
    unit_to_wire,
)
from pywats_server.errors import BadRequest, NotFound


def phase_to_wire(phase_id: int) -> UnitPhase:
    """A phase in the ``GetUnitPhases`` shape."""
    phase = PHASES_BY_ID[phase_id]
    return UnitPhase(
        unit_phase_id=phase.phase_id, code=phase.code, name=phase.name, description=phase.description
    )


def _node(row: UnitRow, depth: int) -> dict[str, Any]:
    return {
        "serialNumber": row.serial_number,
        "partNumber": row.part_number,
        "revision": row.revision.revision if row.revision else None,
        "unitPhaseId": row.unit_phase_id,
        "unitPhase": phase_name(row.unit_phase_id),
        "subUnits": [_node(child, depth - 1) for child in row.children] if depth > 0 else [],
    }


class UnitQueries:
    """Unit lookups by serial number alone, info, hierarchy, state history, phase, process, contents."""

    def __init__(self, db: Database, processes: ProcessBackend, bom: BomBackend) -> None:
        self.db = db
        self.processes = processes
        self.bom = bom

    def find(self, serial_number: str, part_number: str | None) -> Unit:
        """The unit with this serial number (and part number, needed when several products share it)."""

        def work(session: Session) -> Unit:
            if part_number is not None:
                return unit_to_wire(require_unit(session, serial_number, part_number, FOR_WIRE))
            rows = list(session.scalars(select(UnitRow).where(UnitRow.serial_number == serial_number)))
            if not rows:
                raise NotFound(f"Unit '{serial_number}' not found")
            if len(rows) > 1:
                products = ", ".join(sorted(row.part_number for row in rows))
                raise BadRequest(
                    f"Serial number '{serial_number}' is used by several products ({products}); name one."
                )
            return unit_to_wire(rows[0])

        return self.db.read(work)

    def info(self, serial_number: str, part_number: str) -> dict[str, Any]:
        """The unit without its sub-unit tree, plus counts, dates and names."""
        self.processes.ensure_defaults()

        def work(session: Session) -> dict[str, Any]:
            row = require_unit(session, serial_number, part_number)
            unit = unit_to_wire(row, depth=0).model_dump(mode="json", by_alias=True, exclude_none=True)
            process = find_process(session, row.process_code) if row.process_code is not None else None
            unit.pop("subUnits", None)
            return {
                **unit,
                "processName": process.name if process else None,
                "subUnitCount": len(row.children),
                "createdUtc": as_utc(row.created_utc),
            }

        return self.db.read(work)

    def hierarchy(self, serial_number: str, part_number: str) -> dict[str, Any]:
        """The whole tree the unit belongs to, from its top-most parent down."""

        def work(session: Session) -> dict[str, Any]:
            top = require_unit(session, serial_number, part_number)
            while top.parent is not None:
                top = top.parent
            return _node(top, MAX_TREE_DEPTH)

        return self.db.read(work)

    def state_history(self, serial_number: str, part_number: str) -> list[dict[str, Any]]:
        """The unit's phase/process changes, oldest first."""

        def work(session: Session) -> list[dict[str, Any]]:
            row = require_unit(session, serial_number, part_number)
            history = session.scalars(
                select(UnitHistoryRow)
                .where(UnitHistoryRow.unit_id == row.unit_id)
                .order_by(UnitHistoryRow.id)
            )
            return [
                {
                    "changedUtc": as_utc(item.changed_utc),
                    "unitPhaseId": item.unit_phase_id,
                    "unitPhase": phase_name(item.unit_phase_id),
                    "processCode": item.process_code,
                    "comment": item.comment,
                }
                for item in history
            ]

        return self.db.read(work)

    def phase(self, serial_number: str, part_number: str) -> UnitPhase:
        """The unit's current phase."""
        return self.db.read(
            lambda session: phase_to_wire(require_unit(session, serial_number, part_number).unit_phase_id)
        )

    def process(self, serial_number: str, part_number: str) -> dict[str, Any]:
        """The unit's current process (code and name; both null when none is set)."""
        self.processes.ensure_defaults()

        def work(session: Session) -> dict[str, Any]:
            row = require_unit(session, serial_number, part_number)
            process = find_process(session, row.process_code) if row.process_code is not None else None
            return {"processCode": row.process_code, "processName": process.name if process else None}

        return self.db.read(work)

    def contents(self, serial_number: str, part_number: str, revision: str) -> dict[str, Any]:
        """What the unit should contain (BOM, box-build lines) and what is mounted in it."""
        bom = self.bom.get_bom(part_number, revision)

        def work(session: Session) -> dict[str, Any]:
            row = require_unit(session, serial_number, part_number)
            template = require_revision(session, part_number, revision)
            return {
                "serialNumber": row.serial_number,
                "partNumber": row.part_number,
                "revision": revision,
                "bom": [item.model_dump(mode="json", by_alias=True, exclude_none=True) for item in bom],
                "boxBuild": compliance(session, row, template.product_revision_id, revision),
                "subUnits": [_node(child, 0) for child in row.children],
            }

        return self.db.read(work)
