"""HTTP endpoints of Manual Inspection (endpoints.md §12) and its media (§13): parse, call, answer.

Commands that WATS answers with a bare ``true`` (deletes, XAML save) do so here too: the internal
API's clients treat an empty success body as a failure.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Any
from urllib.parse import quote
from uuid import UUID

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from pywats_server.content_store import ContentStore
from pywats_server.db import Database
from pywats_server.domains.manual_inspection.definitions import DefinitionBackend
from pywats_server.domains.manual_inspection.executions import ExecutionBackend
from pywats_server.domains.manual_inspection.media import MAX_MEDIA_BYTES, MediaBackend
from pywats_server.domains.manual_inspection.relations import RelationBackend
from pywats_server.domains.manual_inspection.schemas import (
    Definition,
    DefinitionIn,
    Instance,
    Media,
    MiscInfoIn,
    MiscInfoValidation,
    Relation,
    RelationConflict,
    Sequence,
    StringTestIn,
    XamlIn,
)
from pywats_server.identity import request_user
from pywats_server.multipart import read_file_part

MI = "/api/internal/ManualInspection/"
TAGS: list[str | Enum] = ["ManualInspection (internal)"]
DefinitionId = Annotated[UUID, Query(alias="definitionId")]
PathId = Annotated[UUID, Path(alias="id")]


@dataclass(frozen=True)
class ManualInspectionBackend:
    """The four parts of Manual Inspection, sharing one database (and the content store for media)."""

    definitions: DefinitionBackend
    relations: RelationBackend
    executions: ExecutionBackend
    media: MediaBackend

    @classmethod
    def create(cls, db: Database, store: ContentStore) -> ManualInspectionBackend:
        """All parts for one server."""
        return cls(DefinitionBackend(db), RelationBackend(db), ExecutionBackend(db), MediaBackend(db, store))


def register_manual_inspection_routes(router: APIRouter, backend: ManualInspectionBackend) -> None:
    """Add ``/api/internal/ManualInspection/*`` and ``/api/internal/Blob/mi`` to ``router``."""
    _definition_routes(router, backend.definitions)
    _relation_routes(router, backend.relations)
    _execution_routes(router, backend.executions)
    _media_routes(router, backend.media)


def _definition_routes(router: APIRouter, backend: DefinitionBackend) -> None:
    options: dict[str, Any] = {"tags": TAGS, "response_model_exclude_none": True}

    @router.get(MI + "GetTestSequenceDefinitions", **options)
    def list_definitions(is_global: Annotated[bool, Query(alias="isGlobalDefinitions")]) -> list[Definition]:
        """Local or global definitions (every version; no relations or XAML)."""
        return backend.list_definitions(is_global)

    @router.get(MI + "GetTestSequenceDefinition", **options)
    def get_definition(definition_id: DefinitionId) -> Definition:
        """One definition with its relations and XAML."""
        return backend.get_definition(definition_id)

    @router.get(MI + "GetDefinitionCopy/{id}", **options)
    def copy_definition(request: Request, definition_id: PathId) -> Definition:
        """A new Draft version copied from the definition (content, XAML, relations)."""
        return backend.copy_definition(definition_id, request_user(request))

    @router.get(MI + "GetInstancesCount/{id}", tags=TAGS)
    def instances_count(definition_id: PathId) -> int:
        """How many times the definition was executed."""
        return backend.count_instances(definition_id)

    @router.post(MI + "PostDefinition", **options)
    def post_definition(request: Request, body: DefinitionIn) -> Definition:
        """Create a Draft (the next version when the name exists)."""
        return backend.create_definition(body, request_user(request))

    @router.put(MI + "PutDefinitionNew", **options)
    def put_definition(request: Request, body: DefinitionIn) -> Definition:
        """Change members of a Draft and/or move the definition through its life cycle."""
        return backend.update_definition(body, request_user(request))

    @router.get(MI + "GetSequences", **options)
    def list_sequences() -> list[Sequence]:
        """Every definition that is not revoked: id, name, version, status."""
        return backend.list_sequences()

    @router.put(MI + "PutSequence", **options)
    def put_sequence(request: Request, body: Sequence) -> Sequence:
        """Rename a Draft or change its status."""
        return backend.put_sequence(body, request_user(request))

    @router.delete(MI + "DeleteSequence/{id}", tags=TAGS)
    def delete_sequence(definition_id: PathId) -> bool:
        """Delete a Draft that was never executed."""
        backend.delete_sequence(definition_id)
        return True

    @router.get(MI + "GetTestSequenceDefinitionXaml", tags=TAGS)
    def get_xaml(definition_id: DefinitionId) -> str | None:
        """The XAML as a JSON string (null when there is none)."""
        return backend.get_xaml(definition_id)

    @router.put(MI + "PutTestSequenceDefinitionXaml", tags=TAGS)
    def put_xaml(request: Request, body: XamlIn) -> bool:
        """Replace the XAML of a Draft."""
        backend.put_xaml(body, request_user(request))
        return True

    @router.get(MI + "GetWatswwfContent/{id}", tags=TAGS, response_class=Response)
    def get_workflow(definition_id: PathId) -> Response:
        """The workflow content (the XAML document) as bytes."""
        return Response(backend.get_workflow(definition_id), media_type="application/xaml+xml")


def _relation_routes(router: APIRouter, backend: RelationBackend) -> None:
    options: dict[str, Any] = {"tags": TAGS, "response_model_exclude_none": True}

    @router.get(MI + "GetRelations/{id}", **options)
    def list_relations(definition_id: PathId) -> list[Relation]:
        """The relations of a definition."""
        return backend.list_relations(definition_id)

    @router.get(MI + "GetRelationConflicts/{id}", **options)
    def legacy_conflicts(definition_id: PathId) -> list[RelationConflict]:
        """Conflicting relations of Released definitions (older endpoint)."""
        return backend.conflicts(definition_id, legacy=True)

    @router.get(MI + "GetRelationConflictsNew/{id}", **options)
    def conflicts(definition_id: PathId) -> list[RelationConflict]:
        """Conflicting relations of Draft, Pending and Released definitions."""
        return backend.conflicts(definition_id, legacy=False)

    @router.post(MI + "PostRelation", **options)
    def post_relation(body: Relation) -> Relation:
        """Bind a definition to an entity."""
        return backend.create_relation(body)

    @router.put(MI + "PutRelation", **options)
    def put_relation(body: Relation) -> Relation:
        """Change a relation."""
        return backend.update_relation(body)

    @router.put(MI + "DeleteRelationNew", tags=TAGS)
    def delete_relation(body: Relation) -> bool:
        """Delete a relation (a delete sent as PUT, named by ``TestSequenceRelationId``)."""
        backend.delete_relation(body)
        return True


def _execution_routes(router: APIRouter, backend: ExecutionBackend) -> None:
    options: dict[str, Any] = {"tags": TAGS, "response_model_exclude_none": True}

    @router.get(MI + "GetMiDetails/{id}", **options)
    def legacy_details(unit_or_instance_id: PathId) -> Instance:
        """The latest inspection of a unit (older endpoint)."""
        return backend.get_details(unit_or_instance_id)

    @router.get(MI + "GetMiDetailsNew/{id}", **options)
    def details(unit_or_instance_id: PathId) -> Instance:
        """The latest inspection of a unit, or an inspection by its id."""
        return backend.get_details(unit_or_instance_id)

    @router.put(MI + "PutStringTest", **options)
    def put_string_test(request: Request, body: StringTestIn) -> Instance:
        """Record a string-test value for a unit under a Released definition."""
        return backend.put_string_test(body, request_user(request))

    @router.put(MI + "ValidateMiscInfo", **options)
    def validate_misc_info(body: MiscInfoIn) -> MiscInfoValidation:
        """Check misc-info entries."""
        return backend.validate_misc_info(body)


def _media_routes(router: APIRouter, backend: MediaBackend) -> None:
    @router.get("/api/internal/Blob/mi", tags=TAGS, response_model=None)
    def get_media(
        definition_id: DefinitionId,
        media_id: Annotated[UUID | None, Query(alias="mediaId")] = None,
        download: bool = False,
    ) -> Response:
        """The media list of a definition; with ``mediaId`` one entry, with ``download=true`` its bytes."""
        if media_id is None:
            items = [m.model_dump(mode="json", by_alias=True) for m in backend.list_media(definition_id)]
            return JSONResponse(items)
        found = backend.get_media(definition_id, media_id)
        if download:
            disposition = f"attachment; filename*=UTF-8''{quote(found.file_name, safe='')}"
            return Response(
                found.data, media_type=found.content_type, headers={"Content-Disposition": disposition}
            )
        item = next(m for m in backend.list_media(definition_id) if m.id == media_id)
        return JSONResponse(item.model_dump(mode="json", by_alias=True))

    @router.post("/api/internal/Blob/mi", tags=TAGS, status_code=201)
    async def upload_media(request: Request, definition_id: DefinitionId) -> Media:
        """Attach a file (multipart part ``file``) to a definition."""
        part = await read_file_part(request, max_bytes=MAX_MEDIA_BYTES)
        user = request_user(request)
        return await run_in_threadpool(
            backend.add_media, definition_id, part.filename or "", part.content_type, part.data, user
        )

    @router.delete("/api/internal/Blob/mi", tags=TAGS, status_code=204)
    def delete_media(
        definition_id: DefinitionId, media_id: Annotated[UUID, Query(alias="mediaId")]
    ) -> Response:
        """Remove a file from a definition."""
        backend.delete_media(definition_id, media_id)
        return Response(status_code=204)
