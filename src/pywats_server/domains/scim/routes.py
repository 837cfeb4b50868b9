"""HTTP endpoints of SCIM (endpoints.md §11): parse the request, call the backend, answer in SCIM shapes.

Every error here is an RFC 7644 error body (``urn:ietf:params:scim:api:messages:2.0:Error`` with
``status`` and ``detail``), and bodies are read as JSON whether they are sent as
``application/json`` or ``application/scim+json``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from enum import Enum
from typing import Any, TypeVar

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ValidationError
from starlette.concurrency import run_in_threadpool

from pywats_server.domains.scim.backend import DEFAULT_COUNT, Page, ScimBackend
from pywats_server.domains.scim.patch import parse_filter
from pywats_server.domains.scim.problems import ScimProblem, problem_response
from pywats_server.domains.scim.schemas import SCIM_MEDIA_TYPE, PatchRequest, UserIn
from pywats_server.errors import WatsHTTPError
from pywats_server.identity import request_user

TAGS: list[str | Enum] = ["SCIM"]
USER_NAME_PREFIX = "username="
MAX_BODY_BYTES = 1024 * 1024
DEFAULT_TOKEN_DAYS = 90

M = TypeVar("M", bound=BaseModel)


def _answer(model: BaseModel, status_code: int = 200, headers: dict[str, str] | None = None) -> Response:
    body = model.model_dump(mode="json", by_alias=True, exclude_none=True)
    return JSONResponse(body, status_code=status_code, media_type=SCIM_MEDIA_TYPE, headers=headers)


async def _call(work: Callable[..., Any], *args: Any) -> Any:
    return await run_in_threadpool(work, *args)


def _int_param(request: Request, name: str, default: int | None) -> int | None:
    raw = next((v for k, v in request.query_params.items() if k.casefold() == name.casefold()), None)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ScimProblem(400, f"{name} must be an integer, not '{raw}'.", "invalidValue") from None


async def _body(request: Request, model: type[M]) -> M:
    raw = await request.body()
    if len(raw) > MAX_BODY_BYTES:
        raise ScimProblem(413, f"The request body exceeds {MAX_BODY_BYTES} bytes.")
    try:
        data = json.loads(raw)
    except ValueError:
        raise ScimProblem(400, "The request body is not valid JSON.", "invalidSyntax") from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first.get("loc", ())) or "body"
        raise ScimProblem(400, f"{where}: {first.get('msg', 'invalid')}", "invalidValue") from None


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def register_scim_routes(router: APIRouter, backend: ScimBackend) -> None:
    """Add the ``/api/SCIM/v2`` endpoints to ``router``."""

    @router.get("/api/SCIM/v2/Token", tags=TAGS)
    async def get_token(request: Request) -> Response:
        """A provisioning token; query ``duration`` in days (default 90)."""
        try:
            days = _int_param(request, "duration", None)
            days = DEFAULT_TOKEN_DAYS if days is None else days
            return _answer(await _call(backend.issue_token, request_user(request), days))
        except WatsHTTPError as exc:
            return problem_response(exc)

    @router.get("/api/SCIM/v2/Users", tags=TAGS)
    async def list_users(request: Request) -> Response:
        """A ListResponse page: ``startIndex`` (1-based), ``count``, optional ``filter=userName eq "x"``."""
        try:
            raw_filter = next((v for k, v in request.query_params.items() if k.casefold() == "filter"), None)
            page = Page(
                start_index=_int_param(request, "startIndex", 1) or 1,
                count=_int_param(request, "count", DEFAULT_COUNT) or 0,
                match=parse_filter(raw_filter) if raw_filter else None,
            )
            return _answer(await _call(backend.list_users, page, _base(request)))
        except WatsHTTPError as exc:
            return problem_response(exc)

    @router.post("/api/SCIM/v2/Users", tags=TAGS)
    async def create_user(request: Request) -> Response:
        """Create a user: 201 with the user and its ``Location``."""
        try:
            user = await _call(backend.create_user, await _body(request, UserIn), _base(request))
            return _answer(user, 201, headers={"Location": user.meta.location})
        except WatsHTTPError as exc:
            return problem_response(exc)

    @router.get("/api/SCIM/v2/Users/{id}", tags=TAGS)
    async def get_user(request: Request, id: str) -> Response:
        """One user by id, or by name with the path form ``Users/userName=<name>``."""
        try:
            if id.casefold().startswith(USER_NAME_PREFIX):
                name = id[len(USER_NAME_PREFIX) :]
                return _answer(await _call(backend.get_user_by_name, name, _base(request)))
            return _answer(await _call(backend.get_user, id, _base(request)))
        except WatsHTTPError as exc:
            return problem_response(exc)

    @router.patch("/api/SCIM/v2/Users/{id}", tags=TAGS)
    async def patch_user(request: Request, id: str) -> Response:
        """Apply a PatchOp request; answers the updated user."""
        try:
            body = await _body(request, PatchRequest)
            return _answer(await _call(backend.patch_user, id, body, _base(request)))
        except WatsHTTPError as exc:
            return problem_response(exc)

    @router.delete("/api/SCIM/v2/Users/{id}", tags=TAGS, status_code=204)
    async def delete_user(id: str) -> Response:
        """Delete a user: 204."""
        try:
            await _call(backend.delete_user, id)
            return Response(status_code=204)
        except WatsHTTPError as exc:
            return problem_response(exc)
