"""Lookups and conversions shared by the Manual Inspection backends."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from pywats_server.domains.manual_inspection.schemas import (
    Definition,
    ProcessRelation,
    Relation,
    SiteRelation,
)
from pywats_server.domains.manual_inspection.tables import MiDefinitionRow, MiInstanceRow, MiRelationRow
from pywats_server.errors import NotFound

# Options stored in MiDefinitionRow.flags, by wire name, with their defaults.
FLAG_DEFAULTS: dict[str, bool | int] = {
    "OnFailGotoCleanup": False,
    "OnFailRequireSubmit": False,
    "OnFailRequireRepair": 0,
    "LogOperator": True,
    "LogDescription": False,
    "CreateUnsubmittedReportOnFailedStep": False,
    "AddChildUnits": False,
    "IncludeUURMiscInfoInUUT": False,
    "LoadPreviousMiscInfo": False,
}


def utc(value: datetime) -> datetime:
    """A stored time as UTC (SQLite keeps no time zone; every stored time is UTC)."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def utc_or_none(value: datetime | None) -> datetime | None:
    """:func:`utc` for optional times."""
    return None if value is None else utc(value)


def require_definition(session: Session, definition_id: UUID | str) -> MiDefinitionRow:
    """The definition, or :class:`NotFound`."""
    row = session.scalar(
        select(MiDefinitionRow)
        .where(MiDefinitionRow.id == str(definition_id))
        .options(selectinload(MiDefinitionRow.relations))
    )
    if row is None:
        raise NotFound(f"Test sequence definition '{definition_id}' not found")
    return row


def instances_count(session: Session, definition_id: str) -> int:
    """How many executions a definition has."""
    query = (
        select(func.count()).select_from(MiInstanceRow).where(MiInstanceRow.definition_id == definition_id)
    )
    return session.scalar(query) or 0


def relation_to_wire(row: MiRelationRow) -> Relation:
    """A relation as the API answers it."""
    return Relation(
        test_sequence_relation_id=UUID(row.id),
        test_sequence_definition_id=UUID(row.definition_id),
        entity_schema=row.entity_schema,
        entity_name=row.entity_name,
        entity_key=row.entity_key,
        entity_value=row.entity_value,
        status=row.status,
        product_name=row.product_name,
        test_sequence_process_relations=[
            ProcessRelation(
                test_sequence_process_relation_id=UUID(p["id"]),
                test_sequence_relation_id=UUID(row.id),
                process_id=UUID(p["processId"]),
            )
            for p in row.processes
        ],
        test_sequence_site_relations=[
            SiteRelation(
                test_sequence_site_relation_id=UUID(s["id"]),
                test_sequence_relation_id=UUID(row.id),
                site_id=UUID(s["siteId"]),
            )
            for s in row.sites
        ],
    )


def definition_to_wire(session: Session, row: MiDefinitionRow, *, full: bool) -> Definition:
    """A definition; ``full`` adds its relations and XAML (lists leave them out)."""
    flags = {**FLAG_DEFAULTS, **row.flags}
    return Definition.model_validate(
        {
            **flags,
            "TestSequenceDefinitionId": row.id,
            "VirtualFolderId": row.virtual_folder_id,
            "Name": row.name,
            "Version": row.version,
            "Description": row.description,
            "Status": row.status,
            "IsGlobal": row.is_global,
            "RepairProcessId": row.repair_process_id,
            "Created": utc(row.created),
            "CreatedBy": row.created_by,
            "Modified": utc_or_none(row.modified),
            "ModifiedBy": row.modified_by,
            "Released": utc_or_none(row.released),
            "ReleasedBy": row.released_by,
            "Revoked": utc_or_none(row.revoked),
            "RevokedBy": row.revoked_by,
            "InstancesCount": instances_count(session, row.id),
            "Relations": [relation_to_wire(r) for r in row.relations] if full else None,
            "XAML": row.xaml if full else None,
        }
    )
