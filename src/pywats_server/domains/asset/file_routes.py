"""HTTP endpoints of asset files, the internal Blob API (endpoints.md §5.5).

Bodies are streamed in both directions. A download answers the raw bytes when the client
accepts ``application/octet-stream`` (pyWATS does), and otherwise the older JSON form
``{"content": "<base64>"}``, which is streamed too.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from typing import Annotated, BinaryIO
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from pywats_server.domains.asset.files import AssetFiles
from pywats_server.errors import BadRequest
from pywats_server.identity import request_user
from pywats_server.multipart import declared_length

READ_CHUNK_BYTES = 256 * 1024
_BASE64_CHUNK_BYTES = 3 * 64 * 1024  # a multiple of 3: the pieces' base64 texts join seamlessly


def register_asset_file_routes(router: APIRouter, files: AssetFiles) -> None:
    """Add the internal ``/api/internal/Blob`` asset endpoints to ``router``."""

    @router.post("/api/internal/Blob/Asset", tags=["Asset files (internal)"])
    async def upload(
        request: Request,
        asset_id: Annotated[str, Query(alias="assetId")],
        filename: Annotated[str | None, Query()] = None,
    ) -> dict[str, object]:
        """Store the raw request body as a file of the asset (replacing one of that name)."""
        size = declared_length(request)
        name = await run_in_threadpool(files.check_upload, asset_id, filename, size)
        return await files.upload(asset_id, name, request.stream(), request_user(request))

    @router.get("/api/internal/Blob/Asset", tags=["Asset files (internal)"])
    async def download(
        request: Request,
        asset_id: Annotated[str | None, Query(alias="assetId")] = None,
        filename: Annotated[str | None, Query()] = None,
    ) -> Response:
        """The file: raw bytes, or ``{"content": "<base64>"}`` for clients that accept only JSON."""
        path, size = await run_in_threadpool(files.locate, asset_id, filename)
        # Opened before answering: a file deleted meanwhile stays readable through the open handle.
        handle = await run_in_threadpool(path.open, "rb")
        if _wants_json(request.headers.get("accept", "")):
            return StreamingResponse(_json_chunks(handle), media_type="application/json")
        disposition = f"attachment; filename*=UTF-8''{quote(filename or '', safe='')}"
        return StreamingResponse(
            _raw_chunks(handle),
            media_type="application/octet-stream",
            headers={"Content-Length": str(size), "Content-Disposition": disposition},
        )

    @router.get("/api/internal/Blob/Asset/List/{assetId}", tags=["Asset files (internal)"])
    def list_files(asset_id: Annotated[str, Path(alias="assetId")]) -> list[str]:
        """The asset's file names."""
        return files.list_names(asset_id)

    @router.delete("/api/internal/Blob/Assets", tags=["Asset files (internal)"])
    async def delete(
        request: Request,
        asset_id: Annotated[str | None, Query(alias="assetId")] = None,
        filename: Annotated[list[str] | None, Query()] = None,
    ) -> dict[str, int]:
        """Delete files of an asset, named by a JSON array body or ``filename`` parameters."""
        names = list(filename or [])
        body = await request.body()
        if body.strip():
            try:
                parsed = json.loads(body)
            except ValueError:
                raise BadRequest("The request body is not valid JSON.") from None
            if not isinstance(parsed, list) or not all(isinstance(item, str) for item in parsed):
                raise BadRequest("The body must be a JSON array of file names.")
            names.extend(parsed)
        deleted = await run_in_threadpool(files.delete, asset_id, names, request_user(request))
        return {"deleted": deleted}


def _wants_json(accept: str) -> bool:
    kinds = {part.split(";")[0].strip().lower() for part in accept.split(",")}
    return "application/json" in kinds and not kinds & {"application/octet-stream", "*/*"}


def _raw_chunks(handle: BinaryIO) -> Iterator[bytes]:
    with handle:
        while chunk := handle.read(READ_CHUNK_BYTES):
            yield chunk


def _json_chunks(handle: BinaryIO) -> Iterator[bytes]:
    yield b'{"content":"'
    with handle:
        while chunk := handle.read(_BASE64_CHUNK_BYTES):
            yield base64.b64encode(chunk)
    yield b'"}'
