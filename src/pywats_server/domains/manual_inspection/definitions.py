"""Definitions, their versions and life cycle, the sequence view of them, and their XAML.

A definition is named; each ``PostDefinition`` with a name that exists creates the next version
(``Version`` + 1) as a new Draft. ``PutDefinitionNew`` changes the members it is sent: content
members only while the definition is a Draft, ``Status`` along the life cycle of
:mod:`.lifecycle`. Releasing a version revokes the previously released version of the same name.
"""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime
from typing import Any
from uuid import UUID
from xml.etree import ElementTree

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pywats_server.db import Database
from pywats_server.domains.manual_inspection import lifecycle
from pywats_server.domains.manual_inspection._common import (
    definition_to_wire,
    instances_count,
    require_definition,
)
from pywats_server.domains.manual_inspection.schemas import Definition, DefinitionIn, Sequence, XamlIn
from pywats_server.domains.manual_inspection.tables import MiDefinitionRow, MiRelationRow
from pywats_server.errors import BadRequest, Conflict, NotFound

logger = logging.getLogger(__name__)

_CONTENT_MEMBERS = {"virtual_folder_id", "name", "description", "is_global", "repair_process_id"}
_STRUCTURE_MARKERS = ("<!DOCTYPE", "<!ENTITY")


class DefinitionBackend:
    """Definitions of one server."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def list_definitions(self, is_global: bool) -> list[Definition]:
        """Local or global definitions, every version, by name and version."""

        def work(session: Session) -> list[Definition]:
            rows = session.scalars(
                select(MiDefinitionRow)
                .where(MiDefinitionRow.is_global == is_global)
                .order_by(MiDefinitionRow.name_key, MiDefinitionRow.version)
            )
            return [definition_to_wire(session, row, full=False) for row in rows]

        return self.db.read(work)

    def get_definition(self, definition_id: UUID) -> Definition:
        """One definition with relations and XAML."""
        return self.db.read(lambda s: definition_to_wire(s, require_definition(s, definition_id), full=True))

    def count_instances(self, definition_id: UUID) -> int:
        """How many executions the definition has."""
        return self.db.read(lambda s: instances_count(s, require_definition(s, definition_id).id))

    def create_definition(self, body: DefinitionIn, user: str) -> Definition:
        """A new Draft (the next version of its name)."""
        name = (body.name or "").strip()
        if not name:
            raise BadRequest("Name is required to create a definition.")
        if body.status not in (None, lifecycle.DRAFT):
            raise BadRequest("A new definition is a Draft; send Status 0 or leave it out.")

        def work(session: Session) -> Definition:
            row = MiDefinitionRow(
                id=str(uuid.uuid4()),
                name=name,
                name_key=name.casefold(),
                version=_next_version(session, name),
                status=lifecycle.DRAFT,
                created=datetime.now(UTC),
                created_by=user,
                flags={},
                relations=[],
            )
            _apply_content(row, body)
            session.add(row)
            session.flush()
            return definition_to_wire(session, row, full=True)

        created = self.db.write(work)
        logger.info("MI definition %s v%d created by %s", created.name, created.version, user)
        return created

    def update_definition(self, body: DefinitionIn, user: str) -> Definition:
        """Change the members sent; see the module docstring."""
        if body.test_sequence_definition_id is None:
            raise BadRequest("TestSequenceDefinitionId is required.")
        definition_id = body.test_sequence_definition_id

        def work(session: Session) -> Definition:
            row = require_definition(session, definition_id)
            sent = body.model_fields_set - {"test_sequence_definition_id", "status"}
            if sent:
                lifecycle.check_editable(
                    row.status, ", ".join(sorted(DefinitionIn.model_fields[m].alias or m for m in sent))
                )
                if body.name is not None and body.name.strip().casefold() != row.name_key:
                    _check_name_free(session, body.name.strip())
                _apply_content(row, body)
            if body.status is not None:
                _move(session, row, body.status, user)
            row.modified, row.modified_by = datetime.now(UTC), user
            return definition_to_wire(session, row, full=True)

        return self.db.write(work)

    def copy_definition(self, definition_id: UUID, user: str) -> Definition:
        """A new Draft version with the content, XAML and relations of ``definition_id``."""

        def work(session: Session) -> Definition:
            source = require_definition(session, definition_id)
            copy = MiDefinitionRow(
                id=str(uuid.uuid4()),
                name=source.name,
                name_key=source.name_key,
                version=_next_version(session, source.name),
                status=lifecycle.DRAFT,
                description=source.description,
                virtual_folder_id=source.virtual_folder_id,
                is_global=source.is_global,
                flags=dict(source.flags),
                repair_process_id=source.repair_process_id,
                xaml=source.xaml,
                created=datetime.now(UTC),
                created_by=user,
                relations=[_copy_relation(r) for r in source.relations],
            )
            session.add(copy)
            session.flush()
            return definition_to_wire(session, copy, full=True)

        return self.db.write(work)

    # -- the sequence view -------------------------------------------------------------------------

    def list_sequences(self) -> list[Sequence]:
        """Every definition that is not revoked, by name and version."""

        def work(session: Session) -> list[Sequence]:
            rows = session.scalars(
                select(MiDefinitionRow)
                .where(MiDefinitionRow.status != lifecycle.REVOKED)
                .order_by(MiDefinitionRow.name_key, MiDefinitionRow.version)
            )
            return [_sequence(row) for row in rows]

        return self.db.read(work)

    def put_sequence(self, body: Sequence, user: str) -> Sequence:
        """Rename a Draft or move it through the life cycle."""
        if body.test_sequence_definition_id is None:
            raise BadRequest("TestSequenceDefinitionId is required.")
        changes: dict[str, Any] = {"TestSequenceDefinitionId": body.test_sequence_definition_id}
        if body.name is not None:
            changes["Name"] = body.name
        if body.status is not None:
            changes["Status"] = body.status
        update = DefinitionIn.model_validate(changes)
        saved = self.update_definition(update, user)
        return Sequence(
            test_sequence_definition_id=saved.test_sequence_definition_id,
            name=saved.name,
            version=saved.version,
            status=saved.status,
        )

    def delete_sequence(self, definition_id: UUID) -> None:
        """Delete a Draft that was never executed."""

        def work(session: Session) -> None:
            row = require_definition(session, definition_id)
            lifecycle.check_editable(row.status, "delete")
            if instances_count(session, row.id):
                raise BadRequest("A definition that has been executed cannot be deleted.")
            session.delete(row)

        self.db.write(work)

    # -- XAML --------------------------------------------------------------------------------------

    def get_xaml(self, definition_id: UUID) -> str | None:
        """The XAML of a definition (None if it has none)."""
        return self.db.read(lambda s: require_definition(s, definition_id).xaml)

    def put_xaml(self, body: XamlIn, user: str) -> None:
        """Replace the XAML of a Draft; it must be well-formed XML without a DTD."""
        xaml = body.xaml or None
        if xaml is not None:
            _check_xaml(xaml)

        def work(session: Session) -> None:
            row = require_definition(session, body.test_sequence_definition_id)
            lifecycle.check_editable(row.status, "XAML")
            row.xaml = xaml
            row.modified, row.modified_by = datetime.now(UTC), user

        self.db.write(work)

    def get_workflow(self, definition_id: UUID) -> bytes:
        """The workflow content (the XAML document as bytes); :class:`NotFound` if there is none."""
        xaml = self.get_xaml(definition_id)
        if not xaml:
            raise NotFound(f"Test sequence definition '{definition_id}' has no workflow content")
        return xaml.encode("utf-8")


# -- helpers ---------------------------------------------------------------------------------------


def _next_version(session: Session, name: str) -> int:
    latest = session.scalar(
        select(func.max(MiDefinitionRow.version)).where(MiDefinitionRow.name_key == name.casefold())
    )
    return (latest or 0) + 1


def _check_name_free(session: Session, name: str) -> None:
    taken = session.scalar(
        select(MiDefinitionRow.id).where(MiDefinitionRow.name_key == name.casefold()).limit(1)
    )
    if taken is not None:
        raise Conflict(f"A definition named '{name}' exists; create a new version of it instead of renaming.")


def _apply_content(row: MiDefinitionRow, body: DefinitionIn) -> None:
    sent = body.model_fields_set
    if "name" in sent and body.name is not None:
        if not body.name.strip():
            raise BadRequest("Name must not be empty.")
        row.name, row.name_key = body.name.strip(), body.name.strip().casefold()
    if "description" in sent:
        row.description = body.description
    if "is_global" in sent and body.is_global is not None:
        row.is_global = body.is_global
    if "virtual_folder_id" in sent:
        row.virtual_folder_id = str(body.virtual_folder_id) if body.virtual_folder_id else None
    if "repair_process_id" in sent:
        row.repair_process_id = str(body.repair_process_id) if body.repair_process_id else None
    flags: dict[str, Any] = dict(row.flags)
    for member in sent - _CONTENT_MEMBERS - {"status", "test_sequence_definition_id"}:
        value = getattr(body, member)
        if value is None:
            continue
        if member == "on_fail_require_repair":
            lifecycle.check_repair_mode(value)
        flags[DefinitionIn.model_fields[member].alias or member] = value
    row.flags = flags


def _move(session: Session, row: MiDefinitionRow, status: int, user: str) -> None:
    lifecycle.check_transition(row.status, status)
    if status == row.status:
        return
    now = datetime.now(UTC)
    if status == lifecycle.RELEASED:
        previous = session.scalars(
            select(MiDefinitionRow).where(
                MiDefinitionRow.name_key == row.name_key,
                MiDefinitionRow.status == lifecycle.RELEASED,
                MiDefinitionRow.id != row.id,
            )
        )
        for old in previous:
            old.status, old.revoked, old.revoked_by = lifecycle.REVOKED, now, user
            logger.info(
                "MI definition %s v%d revoked by the release of v%d", old.name, old.version, row.version
            )
        row.released, row.released_by = now, user
    elif status == lifecycle.REVOKED:
        row.revoked, row.revoked_by = now, user
    row.status = status


def _copy_relation(source: MiRelationRow) -> MiRelationRow:
    return MiRelationRow(
        id=str(uuid.uuid4()),
        entity_schema=source.entity_schema,
        entity_name=source.entity_name,
        entity_key=source.entity_key,
        entity_value=source.entity_value,
        status=source.status,
        product_name=source.product_name,
        processes=[{**p, "id": str(uuid.uuid4())} for p in source.processes],
        sites=[{**s, "id": str(uuid.uuid4())} for s in source.sites],
    )


def _sequence(row: MiDefinitionRow) -> Sequence:
    return Sequence(
        test_sequence_definition_id=UUID(row.id), name=row.name, version=row.version, status=row.status
    )


def _check_xaml(xaml: str) -> None:
    # A DTD can define entities that expand without bound; XAML never needs one, so refuse it outright.
    upper = xaml.upper()
    if any(marker in upper for marker in _STRUCTURE_MARKERS):
        raise BadRequest("XAML must not contain a DOCTYPE or ENTITY declaration.")
    try:
        ElementTree.fromstring(xaml)
    except ElementTree.ParseError as exc:
        raise BadRequest(f"XAML is not well-formed XML: {exc}") from None
