"""Media files of definitions (endpoints.md §13, ``/api/internal/Blob/mi``): names in the database,
bytes in the content store under their SHA-256."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.orm import Session

from pywats_server.content_store import ContentStore
from pywats_server.db import Database
from pywats_server.domains.manual_inspection._common import require_definition, utc
from pywats_server.domains.manual_inspection.schemas import Media
from pywats_server.domains.manual_inspection.tables import MiMediaRow
from pywats_server.errors import BadRequest, NotFound

logger = logging.getLogger(__name__)

MAX_MEDIA_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class MediaFile:
    """A media file to send back."""

    file_name: str
    content_type: str
    data: bytes


class MediaBackend:
    """Media of one server's definitions."""

    def __init__(self, db: Database, store: ContentStore) -> None:
        self.db = db
        self.store = store

    def list_media(self, definition_id: UUID) -> list[Media]:
        """The files of a definition, oldest first."""

        def work(session: Session) -> list[Media]:
            definition = require_definition(session, definition_id)
            rows = session.scalars(
                select(MiMediaRow)
                .where(MiMediaRow.definition_id == definition.id)
                .order_by(MiMediaRow.created)
            )
            return [_to_wire(row) for row in rows]

        return self.db.read(work)

    def add_media(
        self, definition_id: UUID, file_name: str, content_type: str, data: bytes, user: str
    ) -> Media:
        """Store a file for a definition."""
        if not file_name.strip():
            raise BadRequest("The uploaded file needs a file name.")
        self.db.read(lambda session: require_definition(session, definition_id))
        stored = self.store.put_bytes(data)
        row = MiMediaRow(
            id=str(uuid.uuid4()),
            definition_id=str(definition_id),
            file_name=file_name,
            content_type=content_type,
            size=stored.size,
            sha256=stored.sha256,
            created=datetime.now(UTC),
            created_by=user,
        )

        def work(session: Session) -> Media:
            require_definition(session, definition_id)  # still there after the upload
            session.add(row)
            return _to_wire(row)

        media = self.db.write(work)
        logger.info("MI media %s (%d bytes) added to %s", file_name, stored.size, definition_id)
        return media

    def describe_media(self, definition_id: UUID, media_id: UUID) -> Media:
        """One file's record."""
        return self.db.read(lambda session: _to_wire(_require(session, definition_id, media_id)))

    def get_media(self, definition_id: UUID, media_id: UUID) -> MediaFile:
        """A file's name, type and bytes."""
        row = self.db.read(lambda session: _require(session, definition_id, media_id))
        if not self.store.exists(row.sha256):
            raise NotFound(f"The content of media '{media_id}' is missing")
        return MediaFile(row.file_name, row.content_type, self.store.read_bytes(row.sha256))

    def delete_media(self, definition_id: UUID, media_id: UUID) -> None:
        """Remove a file from a definition (the bytes stay while other records share them)."""
        self.db.write(lambda session: session.delete(_require(session, definition_id, media_id)))


def _require(session: Session, definition_id: UUID, media_id: UUID) -> MiMediaRow:
    row = session.get(MiMediaRow, str(media_id))
    if row is None or row.definition_id != str(definition_id):
        raise NotFound(f"Media '{media_id}' of definition '{definition_id}' not found")
    return row


def _to_wire(row: MiMediaRow) -> Media:
    return Media(
        id=UUID(row.id),
        file_name=row.file_name,
        content_type=row.content_type,
        size=row.size,
        created=utc(row.created),
        created_by=row.created_by,
        sha256=row.sha256,
    )
