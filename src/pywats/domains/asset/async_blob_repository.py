"""Asset file data access: the internal Blob API (``/api/internal/Blob``), streamed both ways."""

from __future__ import annotations

import json
from typing import Any, BinaryIO

from pywats.core._async_transport import AsyncTransport, TransferResult
from pywats.core._http import segment
from pywats.core.exceptions import InvalidResponseError

__all__ = ["AsyncAssetBlobRepository"]

_MISSING = object()  # what a command returns for a 404 in LENIENT mode


class AsyncAssetBlobRepository:
    """The asset file endpoints, one method per call."""

    def __init__(self, transport: AsyncTransport) -> None:
        self._transport = transport

    async def upload(self, asset_id: str, filename: str, source: BinaryIO, size: int | None) -> bool:
        """``POST /api/internal/Blob/Asset``: store ``source`` (read in chunks) as a file of the asset."""
        data = await self._transport.upload(
            "POST",
            "/api/internal/Blob/Asset",
            operation="upload_blob",
            source=source,
            size=size,
            params={"assetId": asset_id, "filename": filename},
            internal=True,
            not_found=_MISSING,
        )
        return data is not _MISSING

    async def download(
        self, asset_id: str, filename: str, sink: BinaryIO, max_bytes: int | None
    ) -> TransferResult | None:
        """``GET /api/internal/Blob/Asset``: write the file into ``sink`` (in chunks)."""
        return await self._transport.download(
            "GET",
            "/api/internal/Blob/Asset",
            operation="download_blob",
            sink=sink,
            max_bytes=max_bytes,
            params={"assetId": asset_id, "filename": filename},
            internal=True,
            resource=("AssetFile", f"{asset_id}/{filename}"),
        )

    async def list_names(self, asset_id: str) -> list[str]:
        """``GET /api/internal/Blob/Asset/List/{assetId}``: the asset's file names."""
        data = await self._transport.request(
            "GET",
            "/api/internal/Blob/Asset/List/" + segment(asset_id),
            operation="list_blobs",
            internal=True,
            resource=("Asset", asset_id),
        )
        if data is None:
            return []
        if not isinstance(data, list) or not all(isinstance(name, str) for name in data):
            raise InvalidResponseError("Expected a JSON array of file names", operation="list_blobs")
        return data

    async def delete(self, asset_id: str, filenames: list[str]) -> bool:
        """``DELETE /api/internal/Blob/Assets``: delete the named files (a JSON array body)."""
        data = await self._transport.request(
            "DELETE",
            "/api/internal/Blob/Assets",
            operation="delete_blobs",
            params={"assetId": asset_id},
            json_body=json.dumps(filenames).encode(),
            internal=True,
            resource=("Asset", asset_id),
            not_found=_MISSING,
        )
        return data is not _MISSING


def json_blob_content(data: Any) -> str:
    """The base64 text of a ``{"content": "<base64>"}`` download answer (the older wire form)."""
    if isinstance(data, dict):
        for key in ("content", "Content"):
            value = data.get(key)
            if isinstance(value, str):
                return value
    raise InvalidResponseError(
        "The server answered the file download with JSON that holds no 'content'", operation="download_blob"
    )
