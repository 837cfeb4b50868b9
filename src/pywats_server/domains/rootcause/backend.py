"""The RootCause domain's behaviour: tickets, their history, attachments and archive.

Rules are in :mod:`.rules`. A save (``PUT``) names the ticket by ``ticketId``; members that are
absent or null keep their stored value, except ``assignee``, which is always taken from the
request (absent = unassigned), as the WATS server does. Every change of status, assignee,
priority, subject or team adds a "properties" entry to the history, a new ``progress`` text a
"progress" entry, and ``update`` (a comment and/or attachments) a "content" entry.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from pywats_server.content_store import ContentStore
from pywats_server.db import Database
from pywats_server.domains.rootcause import rules
from pywats_server.domains.rootcause.schemas import (
    AttachmentRef,
    Setting,
    TicketIn,
    TicketOut,
    TicketUpdateIn,
    TicketUpdateOut,
)
from pywats_server.domains.rootcause.tables import TicketAttachmentRow, TicketRow, TicketUpdateRow
from pywats_server.errors import BadRequest, NotFound

logger = logging.getLogger(__name__)

MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024
_TRACKED = ("status", "assignee", "priority", "subject", "team")


@dataclass(frozen=True)
class AttachmentFile:
    """An attachment to send back: its name, content type and bytes."""

    filename: str
    content_type: str
    data: bytes


class RootCauseBackend:
    """Tickets of one server; attachment bytes go to ``store``."""

    def __init__(self, db: Database, store: ContentStore) -> None:
        self.db = db
        self.store = store

    # -- tickets -----------------------------------------------------------------------------------

    def get_ticket(self, ticket_id: UUID) -> TicketOut:
        """One ticket with its history; :class:`NotFound` if unknown."""
        return self.db.read(lambda session: _to_wire(_require(session, ticket_id)))

    def get_tickets(self, status: int, view: int, search: str | None, user: str) -> list[TicketOut]:
        """Tickets in any of the ``status`` flags, seen from ``user`` through ``view``."""
        rules.check_status_filter(status)
        rules.check_view(view)

        def work(session: Session) -> list[TicketOut]:
            rows = session.scalars(
                select(TicketRow).options(selectinload(TicketRow.history)).order_by(TicketRow.ticket_number)
            )
            return [
                _to_wire(row)
                for row in rows
                if row.status & status
                and _in_view(row, view, user)
                and (not search or rules.matches_search(search, row.subject, row.tags or []))
            ]

        return self.db.read(work)

    def create_ticket(self, ticket: TicketIn, user: str) -> TicketOut:
        """Create a ticket owned by ``user``; it starts Open unless told otherwise."""
        subject = (ticket.subject or "").strip()
        if not subject:
            raise BadRequest("subject is required to create a ticket.")
        status = rules.check_new_status(ticket.status if ticket.status is not None else rules.OPEN)
        priority = rules.check_priority(
            ticket.priority if ticket.priority is not None else rules.DEFAULT_PRIORITY
        )
        assignee = ticket.assignee or None
        rules.check_assignee(status, assignee)
        now = datetime.now(UTC)

        def work(session: Session) -> TicketOut:
            row = TicketRow(
                ticket_id=str(ticket.ticket_id or uuid.uuid4()),
                subject=subject,
                status=status,
                priority=priority,
                assignee=assignee,
                owner=user,
                progress=ticket.progress,
                team=ticket.team,
                origin=ticket.origin,
                report_uuid=str(ticket.report_uuid) if ticket.report_uuid else None,
                created_utc=now,
                updated_utc=now,
                tags=_tags(ticket.tags),
                history=[],
            )
            session.add(row)
            if ticket.update is not None:
                _append_update(session, row, ticket.update, user, now)
            session.flush()  # assigns the ticket number
            return _to_wire(row)

        created = self.db.write(work)
        logger.info("ticket #%d created by %s", created.ticket_number, user)
        return created

    def update_ticket(self, ticket: TicketIn, user: str) -> TicketOut:
        """Save a ticket (see the module docstring for what changes)."""
        if ticket.ticket_id is None:
            raise BadRequest("ticketId is required to update a ticket.")
        ticket_id = ticket.ticket_id
        now = datetime.now(UTC)

        def work(session: Session) -> TicketOut:
            row = _require(session, ticket_id)
            rules.check_changeable(row.ticket_number, row.status)
            before = {key: getattr(row, key) for key in _TRACKED}
            status = rules.check_new_status(ticket.status) if ticket.status is not None else row.status
            assignee = ticket.assignee or None
            rules.check_assignee(status, assignee)
            if ticket.subject is not None:
                if not ticket.subject.strip():
                    raise BadRequest("subject must not be empty.")
                row.subject = ticket.subject.strip()
            if ticket.priority is not None:
                row.priority = rules.check_priority(ticket.priority)
            row.status, row.assignee = status, assignee
            for name in ("team", "origin"):
                if getattr(ticket, name) is not None:
                    setattr(row, name, getattr(ticket, name))
            if ticket.report_uuid is not None:
                row.report_uuid = str(ticket.report_uuid)
            if ticket.tags is not None:
                row.tags = _tags(ticket.tags)
            changed = False
            text = rules.describe_changes(before, {key: getattr(row, key) for key in _TRACKED})
            if text:
                _add_history(session, row, user, now, rules.UPDATE_PROPERTIES, text, [])
                changed = True
            if ticket.progress is not None and ticket.progress != row.progress:
                row.progress = ticket.progress
                _add_history(session, row, user, now, rules.UPDATE_PROGRESS, ticket.progress, [])
                changed = True
            if ticket.update is not None:
                changed = _append_update(session, row, ticket.update, user, now) or changed
            if changed or ticket.tags is not None:
                row.updated_utc = now
            return _to_wire(row)

        return self.db.write(work)

    def archive_tickets(self, ticket_ids: Sequence[UUID]) -> int:
        """Archive Solved or Closed tickets, all of them or none; returns how many."""

        def work(session: Session) -> int:
            rows = [_require(session, ticket_id) for ticket_id in dict.fromkeys(ticket_ids)]
            for row in rows:
                rules.check_archivable(row.ticket_number, row.status)
            now = datetime.now(UTC)
            for row in rows:
                row.status = rules.ARCHIVED
                row.updated_utc = now
            return len(rows)

        count = self.db.write(work)
        logger.info("archived %d ticket(s)", count)
        return count

    # -- attachments -------------------------------------------------------------------------------

    def save_attachment(self, filename: str, content_type: str, data: bytes, user: str) -> UUID:
        """Store an uploaded file; returns the new attachment id."""
        if not filename.strip():
            raise BadRequest("The uploaded file needs a file name.")
        stored = self.store.put_bytes(data)
        attachment_id = uuid.uuid4()
        row = TicketAttachmentRow(
            attachment_id=str(attachment_id),
            filename=filename,
            content_type=content_type,
            size=stored.size,
            sha256=stored.sha256,
            uploaded_by=user,
            uploaded_utc=datetime.now(UTC),
        )
        self.db.write(lambda session: session.add(row))
        logger.info("attachment %s stored (%d bytes)", attachment_id, stored.size)
        return attachment_id

    def get_attachment(self, attachment_id: UUID) -> AttachmentFile:
        """An attachment's name, type and bytes; :class:`NotFound` if unknown."""
        row = self.db.read(lambda session: session.get(TicketAttachmentRow, str(attachment_id)))
        if row is None or not self.store.exists(row.sha256):
            raise NotFound(f"Attachment '{attachment_id}' not found")
        return AttachmentFile(row.filename, row.content_type, self.store.read_bytes(row.sha256))


# -- helpers ---------------------------------------------------------------------------------------


def _require(session: Session, ticket_id: UUID) -> TicketRow:
    row = session.scalar(
        select(TicketRow)
        .where(TicketRow.ticket_id == str(ticket_id))
        .options(selectinload(TicketRow.history))
    )
    if row is None:
        raise NotFound(f"Ticket '{ticket_id}' not found")
    return row


def _in_view(row: TicketRow, view: int, user: str) -> bool:
    if view == rules.VIEW_ALL:
        return True
    if view == rules.VIEW_ASSIGNED:
        return row.assignee == user
    return row.owner == user or row.assignee == user or any(h.update_user == user for h in row.history)


def _tags(tags: list[Setting] | None) -> list[dict[str, object]]:
    return [{"key": tag.key, "value": tag.value} for tag in tags or []]


def _append_update(
    session: Session, row: TicketRow, update: TicketUpdateIn, user: str, now: datetime
) -> bool:
    """Add the comment/attachments of ``update``; False if it carries neither."""
    refs = []
    for ref in update.attachments or []:
        stored = session.get(TicketAttachmentRow, str(ref.attachment_id))
        if stored is None:
            raise BadRequest(f"Attachment '{ref.attachment_id}' does not exist; upload it first.")
        refs.append({"attachmentId": str(ref.attachment_id), "filename": ref.filename or stored.filename})
    if not (update.content or refs):
        return False
    kind = update.update_type if update.update_type in rules.UPDATE_TYPES else rules.UPDATE_CONTENT
    _add_history(session, row, user, now, kind or rules.UPDATE_CONTENT, update.content, refs)
    return True


def _add_history(
    session: Session,
    row: TicketRow,
    user: str,
    now: datetime,
    kind: int,
    content: str | None,
    attachments: list[dict[str, str]],
) -> None:
    entry = TicketUpdateRow(
        update_id=str(uuid.uuid4()),
        update_utc=now,
        update_user=user,
        content=content,
        update_type=kind,
        attachments=attachments,
    )
    row.history.append(entry)
    session.add(entry)


def _utc(value: datetime) -> datetime:
    # SQLite keeps no time zone; every stored time is UTC.
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _to_wire(row: TicketRow) -> TicketOut:
    return TicketOut(
        ticket_id=UUID(row.ticket_id),
        ticket_number=row.ticket_number,
        subject=row.subject,
        status=row.status,
        priority=row.priority,
        owner=row.owner,
        progress=row.progress,
        team=row.team,
        origin=row.origin,
        report_uuid=UUID(row.report_uuid) if row.report_uuid else None,
        created_utc=_utc(row.created_utc),
        updated_utc=_utc(row.updated_utc),
        tags=[Setting.model_validate(tag) for tag in row.tags or []],
        history=[
            TicketUpdateOut(
                update_id=UUID(h.update_id),
                update_utc=_utc(h.update_utc),
                update_user=h.update_user,
                content=h.content,
                update_type=h.update_type,
                attachments=[AttachmentRef.model_validate(a) for a in h.attachments] or None,
            )
            for h in row.history
        ],
    )
