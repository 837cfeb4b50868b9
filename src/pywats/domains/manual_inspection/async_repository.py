"""Manual-inspection data access: ``/api/internal/ManualInspection`` and ``/api/internal/Blob/mi``.

⚠️ INTERNAL API: every call here uses internal WATS endpoints (endpoints.md §12, §13) that may
change without notice.
"""

from __future__ import annotations

import json
from typing import Any

from pywats.core._async_transport import AsyncTransport
from pywats.core._http import segment
from pywats.core.exceptions import EmptyResponseError, ErrorMode, InvalidResponseError
from pywats.domains._answers import rows as _rows
from pywats.domains.manual_inspection.models import (
    MiMedia,
    MiscInfoValidation,
    MiSequence,
    RelationConflict,
    TestSequenceDefinition,
    TestSequenceInstance,
    TestSequenceRelation,
)

__all__ = ["AsyncManualInspectionRepository"]

Payload = dict[str, Any]


class AsyncManualInspectionRepository:
    """The manual-inspection endpoints, one method per call; payloads use PascalCase keys."""

    def __init__(self, transport: AsyncTransport) -> None:
        self._transport = transport

    # -- definitions ---------------------------------------------------------------------------

    async def get_definitions(self, is_global: bool) -> list[TestSequenceDefinition]:
        """⚠️ INTERNAL API: ``GET GetTestSequenceDefinitions?isGlobalDefinitions=…``."""
        data = await self._transport.request(
            "GET",
            "/api/internal/ManualInspection/GetTestSequenceDefinitions",
            operation="list_definitions",
            params={"isGlobalDefinitions": is_global},
            internal=True,
        )
        return [TestSequenceDefinition.from_wire(r, operation="list_definitions") for r in _rows(data)]

    async def get_definition(self, definition_id: str) -> TestSequenceDefinition | None:
        """⚠️ INTERNAL API: ``GET GetTestSequenceDefinition?definitionId=…``."""
        data = await self._transport.request(
            "GET",
            "/api/internal/ManualInspection/GetTestSequenceDefinition",
            operation="get_definition",
            params={"definitionId": definition_id},
            internal=True,
            resource=("TestSequenceDefinition", definition_id),
            expect_data=True,
        )
        return None if data is None else TestSequenceDefinition.from_wire(data, operation="get_definition")

    async def copy_definition(self, definition_id: str) -> TestSequenceDefinition | None:
        """⚠️ INTERNAL API: ``GET GetDefinitionCopy/{id}`` (a new DRAFT version)."""
        data = await self._transport.request(
            "GET",
            "/api/internal/ManualInspection/GetDefinitionCopy/" + segment(definition_id),
            operation="copy_definition",
            internal=True,
            resource=("TestSequenceDefinition", definition_id),
            expect_data=True,
        )
        return None if data is None else TestSequenceDefinition.from_wire(data, operation="copy_definition")

    async def get_instances_count(self, definition_id: str) -> int | None:
        """⚠️ INTERNAL API: ``GET GetInstancesCount/{id}``."""
        data = await self._transport.request(
            "GET",
            "/api/internal/ManualInspection/GetInstancesCount/" + segment(definition_id),
            operation="get_instances_count",
            internal=True,
            resource=("TestSequenceDefinition", definition_id),
        )
        if data is None:
            return None if self._transport.config.error_mode is ErrorMode.LENIENT else 0
        if isinstance(data, bool) or not isinstance(data, int):
            raise InvalidResponseError(
                f"Expected an instance count, got {data!r}", operation="get_instances_count"
            )
        return data

    async def post_definition(self, payload: Payload) -> TestSequenceDefinition:
        """⚠️ INTERNAL API: ``POST PostDefinition``."""
        data = await self._transport.request(
            "POST",
            "/api/internal/ManualInspection/PostDefinition",
            operation="create_definition",
            json_body=_json(payload),
            internal=True,
        )
        return TestSequenceDefinition.from_wire(
            _required(data, "create_definition"), operation="create_definition"
        )

    async def put_definition(self, payload: Payload) -> TestSequenceDefinition:
        """⚠️ INTERNAL API: ``PUT PutDefinitionNew``."""
        data = await self._transport.request(
            "PUT",
            "/api/internal/ManualInspection/PutDefinitionNew",
            operation="update_definition",
            json_body=_json(payload),
            internal=True,
        )
        return TestSequenceDefinition.from_wire(
            _required(data, "update_definition"), operation="update_definition"
        )

    # -- relations -----------------------------------------------------------------------------

    async def get_relations(self, definition_id: str) -> list[TestSequenceRelation]:
        """⚠️ INTERNAL API: ``GET GetRelations/{id}``."""
        data = await self._transport.request(
            "GET",
            "/api/internal/ManualInspection/GetRelations/" + segment(definition_id),
            operation="list_relations",
            internal=True,
        )
        return [TestSequenceRelation.from_wire(r, operation="list_relations") for r in _rows(data)]

    async def get_relation_conflicts(self, definition_id: str) -> list[RelationConflict]:
        """⚠️ INTERNAL API: ``GET GetRelationConflictsNew/{id}``."""
        data = await self._transport.request(
            "GET",
            "/api/internal/ManualInspection/GetRelationConflictsNew/" + segment(definition_id),
            operation="get_relation_conflicts",
            internal=True,
        )
        return [RelationConflict.from_wire(r, operation="get_relation_conflicts") for r in _rows(data)]

    async def get_relation_conflicts_legacy(self, definition_id: str) -> list[RelationConflict]:
        """⚠️ INTERNAL API: ``GET GetRelationConflicts/{id}`` (older servers)."""
        data = await self._transport.request(
            "GET",
            "/api/internal/ManualInspection/GetRelationConflicts/" + segment(definition_id),
            operation="get_relation_conflicts",
            internal=True,
        )
        return [RelationConflict.from_wire(r, operation="get_relation_conflicts") for r in _rows(data)]

    async def post_relation(self, payload: Payload) -> TestSequenceRelation:
        """⚠️ INTERNAL API: ``POST PostRelation``."""
        data = await self._transport.request(
            "POST",
            "/api/internal/ManualInspection/PostRelation",
            operation="create_relation",
            json_body=_json(payload),
            internal=True,
        )
        return TestSequenceRelation.from_wire(_required(data, "create_relation"), operation="create_relation")

    async def put_relation(self, payload: Payload) -> TestSequenceRelation:
        """⚠️ INTERNAL API: ``PUT PutRelation``."""
        data = await self._transport.request(
            "PUT",
            "/api/internal/ManualInspection/PutRelation",
            operation="update_relation",
            json_body=_json(payload),
            internal=True,
        )
        return TestSequenceRelation.from_wire(_required(data, "update_relation"), operation="update_relation")

    async def delete_relation(self, payload: Payload) -> None:
        """⚠️ INTERNAL API: ``PUT DeleteRelationNew`` (a delete sent as PUT)."""
        await self._transport.request(
            "PUT",
            "/api/internal/ManualInspection/DeleteRelationNew",
            operation="delete_relation",
            json_body=_json(payload),
            internal=True,
        )

    # -- sequences -----------------------------------------------------------------------------

    async def get_sequences(self) -> list[MiSequence]:
        """⚠️ INTERNAL API: ``GET GetSequences``."""
        data = await self._transport.request(
            "GET", "/api/internal/ManualInspection/GetSequences", operation="list_sequences", internal=True
        )
        return [MiSequence.from_wire(r, operation="list_sequences") for r in _rows(data)]

    async def put_sequence(self, payload: Payload) -> MiSequence | None:
        """⚠️ INTERNAL API: ``PUT PutSequence``."""
        data = await self._transport.request(
            "PUT",
            "/api/internal/ManualInspection/PutSequence",
            operation="update_sequence",
            json_body=_json(payload),
            internal=True,
        )
        return MiSequence.from_wire(data, operation="update_sequence") if isinstance(data, dict) else None

    async def delete_sequence(self, sequence_id: str) -> None:
        """⚠️ INTERNAL API: ``DELETE DeleteSequence/{id}``."""
        await self._transport.request(
            "DELETE",
            "/api/internal/ManualInspection/DeleteSequence/" + segment(sequence_id),
            operation="delete_sequence",
            internal=True,
            resource=("MiSequence", sequence_id),
        )

    # -- executions and content ----------------------------------------------------------------

    async def get_mi_details(self, unit_id: str, *, legacy: bool = False) -> TestSequenceInstance | None:
        """⚠️ INTERNAL API: ``GET GetMiDetailsNew/{id}`` (``GetMiDetails/{id}`` if ``legacy``)."""
        if legacy:
            data = await self._transport.request(
                "GET",
                "/api/internal/ManualInspection/GetMiDetails/" + segment(unit_id),
                operation="get_mi_details",
                internal=True,
                resource=("TestSequenceInstance", unit_id),
                expect_data=True,
            )
        else:
            data = await self._transport.request(
                "GET",
                "/api/internal/ManualInspection/GetMiDetailsNew/" + segment(unit_id),
                operation="get_mi_details",
                internal=True,
                resource=("TestSequenceInstance", unit_id),
                expect_data=True,
            )
        return None if data is None else TestSequenceInstance.from_wire(data, operation="get_mi_details")

    async def get_xaml(self, definition_id: str) -> str | None:
        """⚠️ INTERNAL API: ``GET GetTestSequenceDefinitionXaml?definitionId=…``."""
        data = await self._transport.request(
            "GET",
            "/api/internal/ManualInspection/GetTestSequenceDefinitionXaml",
            operation="get_xaml",
            params={"definitionId": definition_id},
            internal=True,
            resource=("TestSequenceDefinition", definition_id),
        )
        if isinstance(data, dict):  # some servers wrap it: {"XAML": "..."}
            data = next((v for k, v in data.items() if k.casefold() == "xaml"), None)
        if data is not None and not isinstance(data, str):
            raise InvalidResponseError(f"Expected XAML text, got {type(data).__name__}", operation="get_xaml")
        return data

    async def put_xaml(self, payload: Payload) -> None:
        """⚠️ INTERNAL API: ``PUT PutTestSequenceDefinitionXaml``."""
        await self._transport.request(
            "PUT",
            "/api/internal/ManualInspection/PutTestSequenceDefinitionXaml",
            operation="put_xaml",
            json_body=_json(payload),
            internal=True,
        )

    async def get_wwf_content(self, definition_id: str) -> bytes | None:
        """⚠️ INTERNAL API: ``GET GetWatswwfContent/{id}`` (raw workflow content)."""
        data = await self._transport.request(
            "GET",
            "/api/internal/ManualInspection/GetWatswwfContent/" + segment(definition_id),
            operation="get_wwf_content",
            internal=True,
            resource=("TestSequenceDefinition", definition_id),
            raw=True,
        )
        return None if data is None else bytes(data)

    async def validate_misc_info(self, payload: Payload) -> MiscInfoValidation:
        """⚠️ INTERNAL API: ``PUT ValidateMiscInfo``."""
        data = await self._transport.request(
            "PUT",
            "/api/internal/ManualInspection/ValidateMiscInfo",
            operation="validate_misc_info",
            json_body=_json(payload),
            internal=True,
        )
        if isinstance(data, bool):  # a bare true/false answer
            return MiscInfoValidation(is_valid=data)
        return MiscInfoValidation.from_wire(
            _required(data, "validate_misc_info"), operation="validate_misc_info"
        )

    async def put_string_test(self, payload: Payload) -> TestSequenceInstance | None:
        """⚠️ INTERNAL API: ``PUT PutStringTest``."""
        data = await self._transport.request(
            "PUT",
            "/api/internal/ManualInspection/PutStringTest",
            operation="put_string_test",
            json_body=_json(payload),
            internal=True,
        )
        return (
            TestSequenceInstance.from_wire(data, operation="put_string_test")
            if isinstance(data, dict)
            else None
        )

    # -- media (⚠️ seen only in the WATS web UI, endpoints.md §13) -----------------------------

    async def list_media(self, definition_id: str) -> list[MiMedia]:
        """⚠️ INTERNAL API: ``GET /api/internal/Blob/mi?definitionId=…``."""
        data = await self._transport.request(
            "GET",
            "/api/internal/Blob/mi",
            operation="list_media",
            params={"definitionId": definition_id},
            internal=True,
        )
        return [MiMedia.from_wire(r, operation="list_media") for r in _rows(data)]

    async def download_media(self, definition_id: str, media_id: str) -> bytes | None:
        """⚠️ INTERNAL API: ``GET /api/internal/Blob/mi?definitionId=…&mediaId=…&download=true``."""
        data = await self._transport.request(
            "GET",
            "/api/internal/Blob/mi",
            operation="download_media",
            params={"definitionId": definition_id, "mediaId": media_id, "download": True},
            internal=True,
            resource=("MiMedia", media_id),
            raw=True,
        )
        if data is None and self._transport.config.error_mode is ErrorMode.STRICT:
            return b""
        return None if data is None else bytes(data)

    async def upload_media(
        self, definition_id: str, filename: str, content: bytes, content_type: str
    ) -> MiMedia | None:
        """⚠️ INTERNAL API: ``POST /api/internal/Blob/mi?definitionId=…`` (multipart, part ``file``)."""
        data = await self._transport.request(
            "POST",
            "/api/internal/Blob/mi",
            operation="upload_media",
            params={"definitionId": definition_id},
            files={"file": (filename, content, content_type)},
            internal=True,
        )
        return MiMedia.from_wire(data, operation="upload_media") if isinstance(data, dict) else None

    async def delete_media(self, definition_id: str, media_id: str) -> None:
        """⚠️ INTERNAL API: ``DELETE /api/internal/Blob/mi?definitionId=…&mediaId=…``."""
        await self._transport.request(
            "DELETE",
            "/api/internal/Blob/mi",
            operation="delete_media",
            params={"definitionId": definition_id, "mediaId": media_id},
            internal=True,
            resource=("MiMedia", media_id),
        )


def _json(payload: Payload) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()



def _required(data: Any, operation: str) -> Any:
    if data is None or data == {} or data is True:
        raise EmptyResponseError(
            "The server accepted the request but did not return the stored object",
            operation=operation,
        )
    return data
