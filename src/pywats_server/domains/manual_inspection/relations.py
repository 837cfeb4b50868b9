"""Relations of definitions to products, processes and sites, and the conflicts between them.

Two definitions of different names conflict when each has a relation to the same entity (same
``EntitySchema`` ignoring case, same ``EntityName`` and ``EntityValue``): an operator inspecting
that product would not know which to run. Versions of one name never conflict (releasing one
revokes the other). The preferred conflict endpoint considers Draft, Pending and Released
definitions; the legacy one only Released ones.
"""

from __future__ import annotations

import uuid
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.orm import Session

from pywats_server.db import Database
from pywats_server.domains.manual_inspection import lifecycle
from pywats_server.domains.manual_inspection._common import relation_to_wire, require_definition
from pywats_server.domains.manual_inspection.schemas import Relation, RelationConflict
from pywats_server.domains.manual_inspection.tables import MiDefinitionRow, MiRelationRow
from pywats_server.errors import BadRequest, NotFound

ACTIVE = (lifecycle.DRAFT, lifecycle.PENDING, lifecycle.RELEASED)


class RelationBackend:
    """Relations of one server's definitions."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def list_relations(self, definition_id: UUID) -> list[Relation]:
        """The relations of a definition, in creation order."""
        return self.db.read(
            lambda s: [relation_to_wire(r) for r in require_definition(s, definition_id).relations]
        )

    def create_relation(self, body: Relation) -> Relation:
        """Add a relation to a definition that is not revoked."""
        if body.test_sequence_definition_id is None:
            raise BadRequest("TestSequenceDefinitionId is required.")
        definition_id = body.test_sequence_definition_id

        def work(session: Session) -> Relation:
            definition = require_definition(session, definition_id)
            _check_not_revoked(definition)
            row = MiRelationRow(id=str(uuid.uuid4()), definition_id=definition.id)
            _apply(row, body, creating=True)
            session.add(row)
            session.flush()
            return relation_to_wire(row)

        return self.db.write(work)

    def update_relation(self, body: Relation) -> Relation:
        """Change a relation (the members sent)."""

        def work(session: Session) -> Relation:
            row = _require(session, body)
            _check_not_revoked(row.definition)
            _apply(row, body, creating=False)
            return relation_to_wire(row)

        return self.db.write(work)

    def delete_relation(self, body: Relation) -> None:
        """Delete the relation named by ``TestSequenceRelationId``."""
        self.db.write(lambda session: session.delete(_require(session, body)))

    def conflicts(self, definition_id: UUID, *, legacy: bool) -> list[RelationConflict]:
        """Relations of other definitions on the same entities as this definition's relations."""
        statuses = (lifecycle.RELEASED,) if legacy else ACTIVE

        def work(session: Session) -> list[RelationConflict]:
            definition = require_definition(session, definition_id)
            keys = {_key(r) for r in definition.relations}
            if not keys:
                return []
            others = session.execute(
                select(MiRelationRow, MiDefinitionRow)
                .join(MiDefinitionRow, MiRelationRow.definition_id == MiDefinitionRow.id)
                .where(MiDefinitionRow.name_key != definition.name_key, MiDefinitionRow.status.in_(statuses))
                .order_by(MiRelationRow.position)
            )
            return [
                RelationConflict(
                    test_sequence_definition_id=UUID(other.id),
                    test_sequence_relation_id=UUID(relation.id),
                    name=other.name,
                    entity_name=relation.entity_name,
                    entity_value=relation.entity_value,
                    status=other.status,
                )
                for relation, other in others
                if _key(relation) in keys
            ]

        return self.db.read(work)


def _key(row: MiRelationRow) -> tuple[str, str, str | None]:
    return (row.entity_schema.casefold(), row.entity_name, row.entity_value)


def _require(session: Session, body: Relation) -> MiRelationRow:
    if body.test_sequence_relation_id is None:
        raise BadRequest("TestSequenceRelationId is required.")
    row = session.scalar(select(MiRelationRow).where(MiRelationRow.id == str(body.test_sequence_relation_id)))
    if row is None:
        raise NotFound(f"Relation '{body.test_sequence_relation_id}' not found")
    return row


def _check_not_revoked(definition: MiDefinitionRow) -> None:
    if definition.status == lifecycle.REVOKED:
        raise BadRequest("The relations of a Revoked definition cannot change.")


def _apply(row: MiRelationRow, body: Relation, *, creating: bool) -> None:
    sent = body.model_fields_set
    for member in ("entity_schema", "entity_name"):
        value = getattr(body, member)
        if creating or member in sent:
            if value is None or not value.strip():
                raise BadRequest(f"{Relation.model_fields[member].alias} is required.")
            setattr(row, member, value.strip())
    for member in ("entity_key", "entity_value", "product_name"):
        if creating or member in sent:
            setattr(row, member, getattr(body, member))
    if body.status is not None:
        row.status = body.status
    elif creating:
        row.status = 0
    if creating or "test_sequence_process_relations" in sent:
        row.processes = [
            {"id": str(uuid.uuid4()), "processId": str(p.process_id)}
            for p in body.test_sequence_process_relations or []
        ]
    if creating or "test_sequence_site_relations" in sent:
        row.sites = [
            {"id": str(uuid.uuid4()), "siteId": str(s.site_id)}
            for s in body.test_sequence_site_relations or []
        ]
