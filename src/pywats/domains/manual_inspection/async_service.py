"""Manual-inspection services: what ``api.manual_inspection`` offers on :class:`~pywats.AsyncWATS`.

⚠️ INTERNAL API: manual inspection exists only on internal WATS endpoints, which may change
without notice. The sync twin, ``service.py``, is generated from this file by ``tools/gen_sync.py``.
"""
# sync-docstring: Manual-inspection services: ``api.manual_inspection`` on :class:`~pywats.pyWATS`.

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any
from uuid import UUID

from pywats.core._checks import require_guid, require_text
from pywats.core.exceptions import ValidationError
from pywats.domains.manual_inspection._payloads import wire_fields, wire_payload
from pywats.domains.manual_inspection.async_repository import AsyncManualInspectionRepository
from pywats.domains.manual_inspection.models import (
    DefinitionStatus,
    MiMedia,
    MiscInfoValidation,
    MiSequence,
    RelationConflict,
    RepairOnFailed,
    TestSequenceDefinition,
    TestSequenceInstance,
    TestSequenceRelation,
)

__all__ = ["AsyncManualInspectionService"]

logger = logging.getLogger("pywats.domains.manual_inspection")

Id = UUID | str


class AsyncManualInspectionService:
    """⚠️ INTERNAL API: manual-inspection definitions, relations, sequences, executions and media.

    A definition moves DRAFT ⇄ PENDING → RELEASED → REVOKED. Releasing a version revokes the
    previously released version of the same name; creating a definition with an existing name
    creates its next version.
    """

    def __init__(self, repository: AsyncManualInspectionRepository) -> None:
        self.repository = repository

    # -- definitions ---------------------------------------------------------------------------

    async def list_definitions(self, is_global: bool = False) -> list[TestSequenceDefinition]:
        """⚠️ INTERNAL API: the local definitions, or the global ones with ``is_global=True``."""
        _require_bool("is_global", is_global, "list_definitions")
        return await self.repository.get_definitions(is_global)

    async def get_definition(self, definition_id: Id) -> TestSequenceDefinition | None:
        """⚠️ INTERNAL API: one definition with its relations and XAML.

        Raises :class:`~pywats.NotFoundError` if unknown (None in LENIENT mode).
        """
        return await self.repository.get_definition(_guid("definition_id", definition_id, "get_definition"))

    async def create_definition(
        self,
        name: str,
        description: str | None = None,
        is_global: bool = False,
        on_fail_goto_cleanup: bool = False,
        on_fail_require_submit: bool = False,
        on_fail_require_repair: RepairOnFailed | int = RepairOnFailed.DISABLED,
        add_child_units: bool = False,
        **extra_fields: Any,
    ) -> TestSequenceDefinition:
        """⚠️ INTERNAL API: create a DRAFT definition (the next version if ``name`` exists).

        ``extra_fields`` are further members, by Python name (``log_operator=False``) or wire
        name (``LogOperator=False``).
        """
        operation = "create_definition"
        require_text("name", name, operation=operation)
        for field, flag in (
            ("is_global", is_global),
            ("on_fail_goto_cleanup", on_fail_goto_cleanup),
            ("on_fail_require_submit", on_fail_require_submit),
            ("add_child_units", add_child_units),
        ):
            _require_bool(field, flag, operation)
        body = wire_fields(TestSequenceDefinition, extra_fields, operation=operation)
        body.update(
            Name=name,
            IsGlobal=is_global,
            OnFailGotoCleanup=on_fail_goto_cleanup,
            OnFailRequireSubmit=on_fail_require_submit,
            OnFailRequireRepair=_repair_mode(on_fail_require_repair, operation),
            AddChildUnits=add_child_units,
        )
        if description is not None:
            body["Description"] = description
        created = await self.repository.post_definition(body)
        logger.info("Created inspection definition %s v%s", created.name, created.version)
        return created

    async def update_definition(self, definition_id: Id, **fields: Any) -> TestSequenceDefinition:
        """⚠️ INTERNAL API: change members of a definition (Python or PascalCase names).

        Only a DRAFT can be edited; ``status=`` moves it through its life cycle.
        """
        operation = "update_definition"
        key = _guid("definition_id", definition_id, operation)
        if not fields:
            raise ValidationError("Give at least one member to change", field="fields", operation=operation)
        body = wire_fields(TestSequenceDefinition, fields, operation=operation)
        body["TestSequenceDefinitionId"] = key
        return await self.repository.put_definition(body)

    async def copy_definition(self, definition_id: Id) -> TestSequenceDefinition | None:
        """⚠️ INTERNAL API: a server-side copy of a definition, as the next DRAFT version."""
        key = _guid("definition_id", definition_id, "copy_definition")
        return await self.repository.copy_definition(key)

    async def get_instances_count(self, definition_id: Id) -> int | None:
        """⚠️ INTERNAL API: how many times a definition has been executed."""
        key = _guid("definition_id", definition_id, "get_instances_count")
        return await self.repository.get_instances_count(key)

    # -- the guide's life-cycle vocabulary ------------------------------------------------------

    async def create_inspection(
        self,
        name: str,
        description: str | None = None,
        is_global: bool = False,
        on_fail_goto_cleanup: bool = False,
        on_fail_require_submit: bool = False,
        on_fail_require_repair: RepairOnFailed | int = RepairOnFailed.DISABLED,
        add_child_units: bool = False,
        **extra_fields: Any,
    ) -> TestSequenceDefinition:
        """⚠️ INTERNAL API: the same as :meth:`create_definition`."""
        return await self.create_definition(
            name,
            description,
            is_global,
            on_fail_goto_cleanup,
            on_fail_require_submit,
            on_fail_require_repair,
            add_child_units,
            **extra_fields,
        )

    async def get_inspection(self, definition_id: Id) -> TestSequenceDefinition | None:
        """⚠️ INTERNAL API: the same as :meth:`get_definition`."""
        return await self.get_definition(definition_id)

    async def copy_inspection(self, definition_id: Id) -> TestSequenceDefinition | None:
        """⚠️ INTERNAL API: the same as :meth:`copy_definition`."""
        return await self.copy_definition(definition_id)

    async def move_to_pending(self, definition_id: Id) -> TestSequenceDefinition:
        """⚠️ INTERNAL API: submit a DRAFT for release (status PENDING)."""
        return await self._set_status(definition_id, DefinitionStatus.PENDING)

    async def move_to_draft(self, definition_id: Id) -> TestSequenceDefinition:
        """⚠️ INTERNAL API: take a PENDING definition back to DRAFT for editing."""
        return await self._set_status(definition_id, DefinitionStatus.DRAFT)

    async def release_inspection(self, definition_id: Id) -> TestSequenceDefinition:
        """⚠️ INTERNAL API: release a PENDING definition; the previous release of the name is revoked."""
        return await self._set_status(definition_id, DefinitionStatus.RELEASED)

    async def revoke_inspection(self, definition_id: Id) -> TestSequenceDefinition:
        """⚠️ INTERNAL API: withdraw a RELEASED definition (status REVOKED, final)."""
        return await self._set_status(definition_id, DefinitionStatus.REVOKED)

    # -- relations -----------------------------------------------------------------------------

    async def list_relations(self, definition_id: Id) -> list[TestSequenceRelation]:
        """⚠️ INTERNAL API: the products, processes or sites a definition is bound to."""
        return await self.repository.get_relations(_guid("definition_id", definition_id, "list_relations"))

    async def get_relation_conflicts(
        self, definition_id: Id, *, legacy: bool = False
    ) -> list[RelationConflict]:
        """⚠️ INTERNAL API: other definitions bound to the same entities as this one.

        ``legacy=True`` uses the older endpoint, which only reports RELEASED definitions.
        """
        key = _guid("definition_id", definition_id, "get_relation_conflicts")
        if legacy:
            return await self.repository.get_relation_conflicts_legacy(key)
        return await self.repository.get_relation_conflicts(key)

    async def create_relation(
        self,
        definition_id: Id,
        entity_schema: str,
        entity_name: str,
        entity_key: str | None = None,
        entity_value: str | None = None,
        **extra_fields: Any,
    ) -> TestSequenceRelation:
        """⚠️ INTERNAL API: bind a definition to an entity, e.g. ``("Product", "WIDGET-001")``."""
        operation = "create_relation"
        key = _guid("definition_id", definition_id, operation)
        require_text("entity_schema", entity_schema, operation=operation)
        require_text("entity_name", entity_name, operation=operation)
        body = wire_fields(TestSequenceRelation, extra_fields, operation=operation)
        body.update(TestSequenceDefinitionId=key, EntitySchema=entity_schema, EntityName=entity_name)
        if entity_key is not None:
            body["EntityKey"] = entity_key
        if entity_value is not None:
            body["EntityValue"] = entity_value
        return await self.repository.post_relation(body)

    async def update_relation(
        self, payload: TestSequenceRelation | Mapping[str, Any]
    ) -> TestSequenceRelation:
        """⚠️ INTERNAL API: save a changed relation (it must carry its ``TestSequenceRelationId``)."""
        body = wire_payload(TestSequenceRelation, payload, operation="update_relation")
        _require_member(body, "TestSequenceRelationId", "update_relation")
        return await self.repository.put_relation(body)

    async def delete_relation(self, payload: TestSequenceRelation | Mapping[str, Any]) -> None:
        """⚠️ INTERNAL API: delete a relation, named by its ``TestSequenceRelationId``."""
        body = wire_payload(TestSequenceRelation, payload, operation="delete_relation")
        _require_member(body, "TestSequenceRelationId", "delete_relation")
        await self.repository.delete_relation(body)

    # -- sequences -----------------------------------------------------------------------------

    async def list_sequences(self) -> list[MiSequence]:
        """⚠️ INTERNAL API: every definition that is not revoked, as name, version and status."""
        return await self.repository.get_sequences()

    async def update_sequence(self, payload: MiSequence | Mapping[str, Any]) -> MiSequence | None:
        """⚠️ INTERNAL API: rename a DRAFT sequence or change its status (same rules as definitions)."""
        body = wire_payload(MiSequence, payload, operation="update_sequence")
        _require_member(body, "TestSequenceDefinitionId", "update_sequence")
        return await self.repository.put_sequence(body)

    async def delete_sequence(self, sequence_id: Id) -> None:
        """⚠️ INTERNAL API: delete a DRAFT definition that was never executed."""
        await self.repository.delete_sequence(_guid("sequence_id", sequence_id, "delete_sequence"))

    # -- executions and content ----------------------------------------------------------------

    async def get_mi_details(self, unit_id: Id, *, legacy: bool = False) -> TestSequenceInstance | None:
        """⚠️ INTERNAL API: the latest inspection of a unit (by unit id or instance id)."""
        key = _guid("unit_id", unit_id, "get_mi_details")
        return await self.repository.get_mi_details(key, legacy=legacy)

    async def get_xaml(self, definition_id: Id) -> str | None:
        """⚠️ INTERNAL API: the XAML (step layout) of a definition; None if it has none."""
        return await self.repository.get_xaml(_guid("definition_id", definition_id, "get_xaml"))

    async def put_xaml(self, payload: Mapping[str, Any]) -> None:
        """⚠️ INTERNAL API: save XAML: ``{"TestSequenceDefinitionId": ..., "XAML": "<...>"}``."""
        body = wire_payload(TestSequenceDefinition, payload, operation="put_xaml")
        _require_member(body, "TestSequenceDefinitionId", "put_xaml")
        await self.repository.put_xaml(body)

    async def set_xaml(self, definition_id: Id, xaml: str) -> None:
        """⚠️ INTERNAL API: save the XAML of a DRAFT definition."""
        key = _guid("definition_id", definition_id, "set_xaml")
        if not isinstance(xaml, str):
            raise ValidationError("xaml must be a string", field="xaml", value=xaml, operation="set_xaml")
        await self.repository.put_xaml({"TestSequenceDefinitionId": key, "XAML": xaml})

    async def get_wwf_content(self, definition_id: Id) -> bytes | None:
        """⚠️ INTERNAL API: the workflow content of a definition, as bytes."""
        return await self.repository.get_wwf_content(_guid("definition_id", definition_id, "get_wwf_content"))

    async def validate_misc_info(self, payload: Mapping[str, Any]) -> MiscInfoValidation:
        """⚠️ INTERNAL API: check misc-info entries before they are used.

        ``{"MiscInfo": [{"Description": ..., "Text": ..., "AllowedValues": "a;b"}]}``.
        """
        if not isinstance(payload, Mapping):
            raise ValidationError(
                "payload must be a dict", field="payload", value=payload, operation="validate_misc_info"
            )
        return await self.repository.validate_misc_info(dict(payload))

    async def put_string_test(self, payload: Mapping[str, Any]) -> TestSequenceInstance | None:
        """⚠️ INTERNAL API: record a string-test value of a RELEASED definition for a unit.

        ``{"TestSequenceDefinitionId", "SerialNumber", "PartNumber", "StepName", "Value"}``;
        returns the unit's inspection instance.
        """
        body = wire_payload(TestSequenceInstance, payload, operation="put_string_test")
        _require_member(body, "TestSequenceDefinitionId", "put_string_test")
        return await self.repository.put_string_test(body)

    # -- media ---------------------------------------------------------------------------------

    async def list_media(self, definition_id: Id) -> list[MiMedia]:
        """⚠️ INTERNAL API: the files attached to a definition."""
        return await self.repository.list_media(_guid("definition_id", definition_id, "list_media"))

    async def upload_media(
        self,
        definition_id: Id,
        content: bytes,
        filename: str,
        *,
        content_type: str = "application/octet-stream",
    ) -> MiMedia | None:
        """⚠️ INTERNAL API: attach a file (work instruction, picture, PDF) to a definition."""
        operation = "upload_media"
        key = _guid("definition_id", definition_id, operation)
        if not isinstance(content, bytes | bytearray | memoryview):
            raise ValidationError(
                "content must be bytes", field="content", value=content, operation=operation
            )
        require_text("filename", filename, operation=operation)
        media = await self.repository.upload_media(key, filename, bytes(content), content_type)
        logger.info("Uploaded %s (%d bytes) to definition %s", filename, len(content), key)
        return media

    async def download_media(self, definition_id: Id, media_id: Id) -> bytes | None:
        """⚠️ INTERNAL API: the bytes of a definition's file.

        Raises :class:`~pywats.NotFoundError` if unknown (None in LENIENT mode).
        """
        key = _guid("definition_id", definition_id, "download_media")
        return await self.repository.download_media(key, _guid("media_id", media_id, "download_media"))

    async def delete_media(self, definition_id: Id, media_id: Id) -> None:
        """⚠️ INTERNAL API: remove a file from a definition."""
        key = _guid("definition_id", definition_id, "delete_media")
        await self.repository.delete_media(key, _guid("media_id", media_id, "delete_media"))

    # -- helpers -------------------------------------------------------------------------------

    async def _set_status(self, definition_id: Id, status: DefinitionStatus) -> TestSequenceDefinition:
        key = _guid("definition_id", definition_id, "update_definition")
        saved = await self.repository.put_definition({"TestSequenceDefinitionId": key, "Status": int(status)})
        logger.info("Inspection definition %s is now %s", key, status.name)
        return saved


def _guid(field: str, value: Any, operation: str) -> str:
    return require_guid(field, value, operation=operation)


def _require_bool(field: str, value: Any, operation: str) -> None:
    if not isinstance(value, bool):
        raise ValidationError(f"{field} must be True or False", field=field, value=value, operation=operation)


def _repair_mode(value: Any, operation: str) -> int:
    try:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(value)
        return int(RepairOnFailed(value))
    except ValueError:
        raise ValidationError(
            "on_fail_require_repair must be DISABLED (0), OPTIONAL (1) or REQUIRED (2)",
            field="on_fail_require_repair",
            value=value,
            operation=operation,
        ) from None


def _require_member(body: Mapping[str, Any], member: str, operation: str) -> None:
    if not body.get(member):
        raise ValidationError(f"payload must contain {member}", field=member, operation=operation)
