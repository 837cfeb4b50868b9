"""The Process domain's behaviour: the process list, its filters, and repair configurations.

The list starts as :mod:`.defaults` on a fresh (or reset) server; the operator can replace it through the
control plane. Every reader calls :meth:`ProcessBackend.ensure_defaults` first, which seeds an empty table.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from pywats_server.db import Database
from pywats_server.domains.process.defaults import DEFAULT_PROCESSES, default_repair_config, process_guid
from pywats_server.domains.process.schemas import InternalProcessInfo, ProcessDefinition, ProcessInfo
from pywats_server.domains.process.tables import ProcessRow, RepairConfigRow
from pywats_server.errors import BadRequest, Conflict, NotFound

logger = logging.getLogger(__name__)

ReferenceCheck = Callable[[Session, int], str | None]
"""Why the process with this code may not be removed (something uses it), or None."""


def find_process(session: Session, code: int) -> ProcessRow | None:
    """The process with this code, or None (call :meth:`ProcessBackend.ensure_defaults` before)."""
    return session.scalar(select(ProcessRow).where(ProcessRow.code == code))


class ProcessBackend:
    """Processes of one server."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.reference_checks: list[ReferenceCheck] = []

    def ensure_defaults(self) -> None:
        """Seed the default process list if the table is empty (a fresh or reset server)."""
        if self.db.read(lambda session: session.scalar(select(func.count()).select_from(ProcessRow))):
            return

        def seed(session: Session) -> None:
            if session.scalar(select(func.count()).select_from(ProcessRow)):
                return  # another request seeded it meanwhile
            for index, (code, name, description, test, repair, wip) in enumerate(DEFAULT_PROCESSES, start=1):
                row = _new_row(code, name, description, test, repair, wip, index, process_guid(code))
                session.add(row)
                if repair:
                    session.add(
                        RepairConfigRow(process_id=row.process_id, config=default_repair_config(code, name))
                    )
            logger.info("seeded %d default processes", len(DEFAULT_PROCESSES))

        self.db.write(seed)

    def list_public(
        self, *, test: bool = True, repair: bool = True, wip: bool = True, inactive: bool = False
    ) -> list[ProcessInfo]:
        """The processes of the kinds asked for, by process index."""
        self.ensure_defaults()

        def wanted(row: ProcessRow) -> bool:
            if row.state != 1 and not inactive:
                return False
            return (
                (test and row.is_test_operation)
                or (repair and row.is_repair_operation)
                or (wip and row.is_wip_operation)
            )

        return [_public(row) for row in self.db.read(_all_rows) if wanted(row)]

    def list_internal(self) -> list[InternalProcessInfo]:
        """Every process with full detail."""
        self.ensure_defaults()
        return [_internal(row) for row in self.db.read(_all_rows)]

    def get_internal(self, process_id: uuid.UUID) -> InternalProcessInfo:
        """One process by GUID; :class:`NotFound` if unknown."""
        self.ensure_defaults()
        return self.db.read(lambda session: _internal(_require(session, process_id)))

    def repair_configs(self) -> dict[str, dict[str, Any]]:
        """Every repair operation's configuration, keyed by its code as a string."""
        self.ensure_defaults()

        def work(session: Session) -> dict[str, dict[str, Any]]:
            statement = select(ProcessRow.code, RepairConfigRow.config).join(
                RepairConfigRow, RepairConfigRow.process_id == ProcessRow.process_id
            )
            return {
                str(code): config for code, config in session.execute(statement.order_by(ProcessRow.code))
            }

        return self.db.read(work)

    def repair_config(self, process_id: uuid.UUID, process_code: int | None) -> dict[str, Any]:
        """The repair configuration of one repair operation."""
        self.ensure_defaults()

        def work(session: Session) -> dict[str, Any]:
            row = _require(session, process_id)
            if process_code is not None and process_code != row.code:
                raise BadRequest(f"Process '{process_id}' has code {row.code}, not {process_code}.")
            config = session.get(RepairConfigRow, row.process_id)
            if config is None:
                raise NotFound(f"Process {row.code} '{row.name}' is not a repair operation")
            return config.config

        return self.db.read(work)

    def define(self, definitions: Sequence[ProcessDefinition]) -> list[InternalProcessInfo]:
        """Replace the process list (control plane). A code still in use cannot be dropped (409)."""
        codes = [definition.code for definition in definitions]
        if len(set(codes)) != len(codes):
            raise BadRequest("Process codes must be unique.")
        self.ensure_defaults()

        def work(session: Session) -> list[InternalProcessInfo]:
            existing = {row.code: row for row in session.scalars(select(ProcessRow))}
            for code in set(existing) - set(codes):
                for check in self.reference_checks:
                    reason = check(session, code)
                    if reason is not None:
                        raise Conflict(reason)
            session.execute(delete(RepairConfigRow))
            session.execute(delete(ProcessRow))
            session.flush()
            rows = []
            for index, item in enumerate(definitions, start=1):
                kept = existing.get(item.code)
                guid = uuid.UUID(kept.process_id) if kept else process_guid(item.code)
                row = _new_row(
                    item.code,
                    item.name,
                    item.description,
                    item.is_test_operation,
                    item.is_repair_operation,
                    item.is_wip_operation,
                    item.process_index if item.process_index is not None else index,
                    guid,
                )
                row.state, row.properties = item.state, item.properties
                session.add(row)
                if item.is_repair_operation:
                    config = item.repair_config or default_repair_config(item.code, item.name)
                    session.add(RepairConfigRow(process_id=row.process_id, config=config))
                rows.append(row)
            return [_internal(row) for row in rows]

        return self.db.write(work)


def _all_rows(session: Session) -> list[ProcessRow]:
    return list(session.scalars(select(ProcessRow).order_by(ProcessRow.process_index, ProcessRow.code)))


def _require(session: Session, process_id: uuid.UUID) -> ProcessRow:
    row = session.get(ProcessRow, str(process_id))
    if row is None:
        raise NotFound(f"Process '{process_id}' not found")
    return row


def _new_row(
    code: int,
    name: str,
    description: str | None,
    test: bool,
    repair: bool,
    wip: bool,
    index: int,
    guid: uuid.UUID,
) -> ProcessRow:
    return ProcessRow(
        process_id=str(guid),
        code=code,
        name=name,
        description=description,
        process_index=index,
        state=1,
        is_test_operation=test,
        is_repair_operation=repair,
        is_wip_operation=wip,
    )


def _public(row: ProcessRow) -> ProcessInfo:
    return ProcessInfo(
        code=row.code,
        name=row.name,
        description=row.description,
        is_test_operation=row.is_test_operation,
        is_repair_operation=row.is_repair_operation,
        is_wip_operation=row.is_wip_operation,
        process_index=row.process_index,
        state=row.state,
    )


def _internal(row: ProcessRow) -> InternalProcessInfo:
    return InternalProcessInfo(
        code=row.code,
        name=row.name,
        description=row.description,
        process_id=uuid.UUID(row.process_id),
        process_index=row.process_index,
        state=row.state,
        properties=row.properties,
        is_test_operation=row.is_test_operation,
        is_repair_operation=row.is_repair_operation,
        is_wip_operation=row.is_wip_operation,
    )
