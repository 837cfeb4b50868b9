"""Wire shapes of the RootCause domain (endpoints.md §10)."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pywats_server.domains.wire import WireModel


class Setting(WireModel):
    """A ticket tag: ``key`` with an optional ``value``."""

    key: str
    value: str | None = None


class AttachmentRef(WireModel):
    """An uploaded attachment referenced by a ticket update."""

    attachment_id: UUID
    filename: str | None = None


class TicketUpdateIn(WireModel):
    """``Ticket.update`` on a write: the comment (and attachments) to append to the history."""

    content: str | None = None
    update_type: int | None = None
    attachments: list[AttachmentRef] | None = None


class TicketUpdateOut(WireModel):
    """One history entry."""

    update_id: UUID
    update_utc: datetime
    update_user: str
    content: str | None = None
    update_type: int
    attachments: list[AttachmentRef] | None = None


class TicketIn(WireModel):
    """A ticket as a client sends it (server-managed members such as ``history`` are ignored)."""

    ticket_id: UUID | None = None
    subject: str | None = None
    status: int | None = None
    priority: int | None = None
    assignee: str | None = None
    progress: str | None = None
    team: str | None = None
    origin: str | None = None
    report_uuid: UUID | None = None
    tags: list[Setting] | None = None
    update: TicketUpdateIn | None = None


class TicketOut(WireModel):
    """A ticket as the server answers it. Like WATS, the answer never includes ``assignee``."""

    ticket_id: UUID
    ticket_number: int
    subject: str
    status: int
    priority: int
    owner: str
    progress: str | None = None
    team: str | None = None
    origin: str | None = None
    report_uuid: UUID | None = None
    created_utc: datetime
    updated_utc: datetime
    tags: list[Setting]
    history: list[TicketUpdateOut]
