"""Asset files (the internal Blob API): the file half of ``api.asset``.

Uploads and downloads are streamed: a file given by path (or as an open binary file) is sent in
chunks, and :meth:`AsyncAssetBlobMixin.download_blob_to` writes the answer to disk in chunks, so
files far larger than memory can be transferred. ``max_size`` caps both directions.
"""
# sync-docstring: Asset files (the internal Blob API): the file half of ``api.asset``.

from __future__ import annotations

import base64
import binascii
import io
import json
import logging
import os
from uuid import UUID

from pywats.core._checks import require_guid
from pywats.core._files import AtomicFile, UploadSource, open_upload
from pywats.core.exceptions import InvalidResponseError, ValidationError
from pywats.domains.asset._args import require_filename
from pywats.domains.asset.async_blob_repository import AsyncAssetBlobRepository, json_blob_content

__all__ = ["DEFAULT_MAX_BLOB_BYTES", "AsyncAssetBlobMixin"]

logger = logging.getLogger("pywats.domains.asset")

DEFAULT_MAX_BLOB_BYTES = 2 * 1024**3
"""The largest asset file uploaded or downloaded unless ``max_size`` says otherwise (2 GiB)."""


class AsyncAssetBlobMixin:
    """Upload, download, list and delete the files attached to an asset."""

    def __init__(self, blobs: AsyncAssetBlobRepository) -> None:
        self.blobs = blobs

    async def upload_blob(
        self,
        asset_id: str | UUID,
        filename: str,
        content: UploadSource,
        *,
        max_size: int = DEFAULT_MAX_BLOB_BYTES,
    ) -> bool:
        """⚠️ INTERNAL API: attach a file named ``filename`` to an asset (replacing one of that name).

        ``content`` is the bytes themselves, the path of a file, or a file opened in binary mode
        (read from its current position). Files are streamed, never read whole into memory.
        Content larger than ``max_size`` bytes raises :class:`~pywats.ValidationError` before
        anything is sent. Returns True (False for an unknown asset in LENIENT mode).
        """
        operation = "upload_blob"
        asset = require_guid("asset_id", asset_id, operation=operation)
        name = require_filename("filename", filename, operation)
        _check_max_size(max_size, operation)
        with open_upload(content, field="content", operation=operation, max_size=max_size) as (stream, size):
            done = await self.blobs.upload(asset, name, stream, size)
        if done:
            logger.info("Uploaded asset file %s to %s", name, asset)
        return done

    async def download_blob(
        self, asset_id: str | UUID, filename: str, *, max_size: int = DEFAULT_MAX_BLOB_BYTES
    ) -> bytes | None:
        """⚠️ INTERNAL API: the exact bytes of an asset's file, in memory.

        For large files prefer :meth:`download_blob_to`, which writes to disk as it receives.
        A file larger than ``max_size`` raises :class:`~pywats.ValidationError`. Raises
        :class:`~pywats.NotFoundError` for an unknown asset or file (None in LENIENT mode).
        """
        operation = "download_blob"
        asset = require_guid("asset_id", asset_id, operation=operation)
        name = require_filename("filename", filename, operation)
        _check_max_size(max_size, operation)
        sink = io.BytesIO()
        result = await self.blobs.download(asset, name, sink, max_size)
        if result is None:
            return None
        if _is_json(result.content_type):
            return _decode_json(sink.getvalue())
        return sink.getvalue()

    async def download_blob_to(
        self,
        asset_id: str | UUID,
        filename: str,
        destination: str | os.PathLike[str],
        *,
        max_size: int = DEFAULT_MAX_BLOB_BYTES,
    ) -> int | None:
        """⚠️ INTERNAL API: save an asset's file at the path ``destination``; returns its size.

        The file is written in chunks to a temporary file beside ``destination`` and renamed onto
        it once complete, so ``destination`` never holds a partial download. A file larger than
        ``max_size`` raises :class:`~pywats.ValidationError`. Raises
        :class:`~pywats.NotFoundError` for an unknown asset or file (None in LENIENT mode).
        """
        operation = "download_blob_to"
        asset = require_guid("asset_id", asset_id, operation=operation)
        name = require_filename("filename", filename, operation)
        _check_max_size(max_size, operation)
        with AtomicFile(destination, field="destination", operation=operation) as target:
            result = await self.blobs.download(asset, name, target.stream, max_size)
            if result is None:
                return None
            size = result.size
            if _is_json(result.content_type):
                target.stream.seek(0)
                data = _decode_json(target.stream.read())
                target.stream.seek(0)
                target.stream.truncate()
                size = target.stream.write(data)
            target.keep()
        logger.info("Downloaded asset file %s of %s (%d bytes)", name, asset, size)
        return size

    async def list_blobs(self, asset_id: str | UUID) -> list[str]:
        """⚠️ INTERNAL API: the names of the files attached to an asset."""
        return await self.blobs.list_names(require_guid("asset_id", asset_id, operation="list_blobs"))

    async def delete_blobs(self, asset_id: str | UUID, filenames: list[str]) -> bool:
        """⚠️ INTERNAL API: delete the named files of an asset (names it does not have are ignored).

        Returns True (False for an unknown asset in LENIENT mode).
        """
        operation = "delete_blobs"
        asset = require_guid("asset_id", asset_id, operation=operation)
        if isinstance(filenames, str) or not isinstance(filenames, list | tuple):
            raise ValidationError(
                "filenames must be a list of file names",
                field="filenames",
                value=filenames,
                operation=operation,
            )
        names = [require_filename("filenames", name, operation) for name in filenames]
        if not names:
            return True
        return await self.blobs.delete(asset, names)

    async def upload_file(self, asset_id: str | UUID, filename: str, content: UploadSource) -> bool:
        """⚠️ INTERNAL API: the same as :meth:`upload_blob` (the older library's name)."""
        return await self.upload_blob(asset_id, filename, content)

    async def download_file(self, asset_id: str | UUID, filename: str) -> bytes | None:
        """⚠️ INTERNAL API: the same as :meth:`download_blob` (the older library's name)."""
        return await self.download_blob(asset_id, filename)

    async def list_files(self, asset_id: str | UUID) -> list[str]:
        """⚠️ INTERNAL API: the same as :meth:`list_blobs` (the older library's name)."""
        return await self.list_blobs(asset_id)

    async def delete_files(self, asset_id: str | UUID, filenames: list[str]) -> bool:
        """⚠️ INTERNAL API: the same as :meth:`delete_blobs` (the older library's name)."""
        return await self.delete_blobs(asset_id, filenames)


def _check_max_size(max_size: object, operation: str) -> None:
    if isinstance(max_size, bool) or not isinstance(max_size, int) or max_size < 0:
        raise ValidationError(
            f"max_size must be a whole number of bytes >= 0, got {max_size!r}",
            field="max_size",
            value=max_size,
            operation=operation,
        )


def _is_json(content_type: str) -> bool:
    return content_type.split(";")[0].strip().lower() in ("application/json", "text/json")


def _decode_json(raw: bytes) -> bytes:
    """The file inside the older ``{"content": "<base64>"}`` answer."""
    try:
        text = json_blob_content(json.loads(raw))
        return base64.b64decode(text, validate=True)
    except (ValueError, binascii.Error) as exc:
        raise InvalidResponseError(
            f"The server's JSON file answer is not valid base64 content: {exc}",
            operation="download_blob",
            cause=exc,
        ) from exc
