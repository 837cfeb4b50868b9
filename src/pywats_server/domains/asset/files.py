"""Files attached to assets (the internal Blob API).

Contents live on disk in a :class:`~pywats_server.content_store.ContentStore` of their own,
named by SHA-256; the database keeps (asset, file name) → hash and size. An upload streams the
request body into a temporary file and renames it into place when complete, so nothing is ever
held whole in memory and no reader sees half a file. A content is deleted from disk when the
last file naming it is deleted, inside the same (serialised) write transaction, so an upload
that reuses it concurrently either sees it gone and is told to retry (409), or keeps it alive.
The control-plane reset deletes every content; any left over otherwise (a database emptied by other
means) is swept by the next upload into an empty store.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from pywats_server.content_refs import release_unreferenced, sweep_when_unreferenced
from pywats_server.content_store import ContentStore, ContentTooLarge
from pywats_server.db import Database
from pywats_server.domains.asset.lookup import LogType, add_log, stamp
from pywats_server.domains.asset.tables import AssetFileRow, AssetRow
from pywats_server.errors import BadRequest, Conflict, NotFound, WatsHTTPError

logger = logging.getLogger(__name__)

MAX_FILENAME_CHARS = 255
_BAD_FILENAME_CHARS = frozenset('/\\:*?"<>|')


class PayloadTooLarge(WatsHTTPError):
    """413: the body is larger than the server accepts."""

    status_code = 413


def check_filename(filename: str | None) -> str:
    """A plain file name, or 400."""
    name = (filename or "").strip()
    if (
        not name
        or name in (".", "..")
        or len(name) > MAX_FILENAME_CHARS
        or set(name) & _BAD_FILENAME_CHARS
        or any(ord(c) < 32 for c in name)
    ):
        raise BadRequest(f"filename must be a plain file name without a directory part, got {filename!r}.")
    return name


class AssetFiles:
    """Upload, download, list and delete the files of assets."""

    def __init__(self, db: Database, store: ContentStore, max_bytes: int) -> None:
        self.db = db
        self.store = store
        self.max_bytes = max_bytes

    def check_upload(self, asset_id: str, filename: str | None, declared_size: int | None) -> str:
        """Refuse an upload before its body is read: unknown asset (404), bad name (400), too large (413)."""
        name = check_filename(filename)
        self._require_asset(asset_id)
        if declared_size is not None and declared_size > self.max_bytes:
            raise PayloadTooLarge(f"The file is larger than the server accepts ({self.max_bytes} bytes).")
        return name

    async def upload(
        self, asset_id: str, filename: str, chunks: AsyncIterator[bytes], user: str
    ) -> dict[str, object]:
        """Store the streamed file under ``filename`` (replacing one of that name)."""
        try:
            stored = await self.store.put_stream(chunks, max_bytes=self.max_bytes)
        except ContentTooLarge:
            raise PayloadTooLarge(
                f"The file is larger than the server accepts ({self.max_bytes} bytes)."
            ) from None

        def work(session: Session) -> dict[str, object]:
            asset = session.get(AssetRow, asset_id.lower())
            if asset is None:
                raise NotFound(f"Asset with id '{asset_id}' not found.")
            sweep_when_unreferenced(session, self.store, AssetFileRow.sha256, keep={stored.sha256})
            if not self.store.exists(stored.sha256):
                raise Conflict("The file was removed while it was uploaded; send it again.")
            row = session.scalar(
                select(AssetFileRow).where(
                    AssetFileRow.asset_id == asset.asset_id, AssetFileRow.filename == filename
                )
            )
            replaced = None
            if row is None:
                row = AssetFileRow(asset_id=asset.asset_id, filename=filename)
                session.add(row)
            else:
                replaced = row.sha256
            row.sha256, row.size, row.uploaded = stored.sha256, stored.size, stamp()
            add_log(session, asset, LogType.UPDATE, user, f"File '{filename}' uploaded ({stored.size} bytes)")
            session.flush()
            if replaced and replaced != stored.sha256:
                release_unreferenced(session, self.store, [replaced], AssetFileRow.sha256)
            return {
                "assetId": asset.asset_id,
                "filename": filename,
                "size": stored.size,
                "sha256": stored.sha256,
            }

        result = await run_in_threadpool(self.db.write, work)
        logger.info("stored file %s of asset %s (%d bytes)", filename, asset_id, stored.size)
        return result

    def locate(self, asset_id: str | None, filename: str | None) -> tuple[Path, int]:
        """Where a file's content is on disk, and its size; 404 if the asset or file is unknown."""
        if not asset_id:
            raise BadRequest("assetId is required.")
        name = check_filename(filename)

        def work(session: Session) -> tuple[Path, int]:
            row = session.scalar(
                select(AssetFileRow).where(
                    AssetFileRow.asset_id == asset_id.lower(), AssetFileRow.filename == name
                )
            )
            if row is None:
                self._require_asset(asset_id, session)
                raise NotFound(f"The asset '{asset_id}' has no file '{name}'.")
            return self.store.path(row.sha256), row.size

        return self.db.read(work)

    def list_names(self, asset_id: str) -> list[str]:
        """The asset's file names, sorted."""

        def work(session: Session) -> list[str]:
            self._require_asset(asset_id, session)
            rows = session.scalars(
                select(AssetFileRow.filename)
                .where(AssetFileRow.asset_id == asset_id.lower())
                .order_by(AssetFileRow.filename)
            )
            return list(rows)

        return self.db.read(work)

    def delete(self, asset_id: str | None, filenames: list[str], user: str) -> int:
        """Delete the named files of an asset (unknown names are ignored); returns how many went."""
        if not asset_id:
            raise BadRequest("assetId is required.")
        if not filenames:
            raise BadRequest(
                "Name the files to delete: a JSON array of file names in the body, or filename=…."
            )
        names = [check_filename(name) for name in filenames]

        def work(session: Session) -> int:
            asset = self._require_asset(asset_id, session)
            rows = list(
                session.scalars(
                    select(AssetFileRow).where(
                        AssetFileRow.asset_id == asset.asset_id, AssetFileRow.filename.in_(names)
                    )
                )
            )
            for row in rows:
                session.delete(row)
                add_log(session, asset, LogType.UPDATE, user, f"File '{row.filename}' deleted")
            session.flush()
            release_unreferenced(session, self.store, [row.sha256 for row in rows], AssetFileRow.sha256)
            return len(rows)

        return self.db.write(work)

    def delete_all(self, session: Session, asset_id: str) -> None:
        """Delete every file of an asset (part of deleting the asset, inside its transaction)."""
        rows = list(session.scalars(select(AssetFileRow).where(AssetFileRow.asset_id == asset_id)))
        for row in rows:
            session.delete(row)
        session.flush()
        release_unreferenced(session, self.store, [row.sha256 for row in rows], AssetFileRow.sha256)

    def _require_asset(self, asset_id: str, session: Session | None = None) -> AssetRow:
        if session is None:
            return self.db.read(lambda s: self._require_asset(asset_id, s))
        row = session.get(AssetRow, asset_id.lower())
        if row is None:
            raise NotFound(f"Asset with id '{asset_id}' not found.")
        return row
