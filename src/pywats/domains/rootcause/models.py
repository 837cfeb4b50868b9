"""Root-cause ticket models (endpoints.md §10, enums §15.5)."""

from __future__ import annotations

from datetime import datetime
from enum import IntEnum, IntFlag
from typing import Annotated
from uuid import UUID

from pydantic import Field

from pywats.core.model import WATSModel
from pywats.domains._enums import known_enum
from pywats.domains.product.models import Setting

__all__ = [
    "Setting",
    "Ticket",
    "TicketAttachment",
    "TicketPriority",
    "TicketStatus",
    "TicketUpdate",
    "TicketUpdateType",
    "TicketView",
]


class TicketStatus(IntFlag):
    """Where a ticket is in its life. Flags: queries may combine them (``OPEN | IN_PROGRESS``)."""

    OPEN = 1
    IN_PROGRESS = 2
    ON_HOLD = 4
    SOLVED = 8
    CLOSED = 16
    ARCHIVED = 32


class TicketPriority(IntEnum):
    """How urgent a ticket is."""

    LOW = 0
    MEDIUM = 1
    HIGH = 2


class TicketView(IntEnum):
    """Whose tickets a listing shows: assigned to the caller, followed by the caller, or all."""

    ASSIGNED = 0
    FOLLOWING = 1
    ALL = 2


class TicketUpdateType(IntEnum):
    """What a history entry records."""

    CONTENT = 0
    PROGRESS = 1
    PROPERTIES = 2
    NOTIFICATION = 3


Priority = Annotated[TicketPriority | int, known_enum(TicketPriority)]
UpdateType = Annotated[TicketUpdateType | int, known_enum(TicketUpdateType)]


class TicketAttachment(WATSModel):
    """A file attached to a ticket update (uploaded first with ``upload_attachment``)."""

    attachment_id: UUID | None = None
    filename: str | None = None


class TicketUpdate(WATSModel):
    """One entry of a ticket's history, or (as ``Ticket.update``) the entry a save appends."""

    update_id: UUID | None = None
    update_utc: datetime | None = None
    update_user: str | None = None
    content: str | None = None
    update_type: UpdateType | None = None
    attachments: list[TicketAttachment] | None = None


class Ticket(WATSModel):
    """A root-cause ticket.

    The server does not return ``assignee``; the service fills it in from what this client
    last sent for the ticket, because every save that moves a ticket out of OPEN must carry it.
    """

    ticket_id: UUID | None = None
    ticket_number: int | None = None
    subject: str | None = None
    status: TicketStatus | None = None
    priority: Priority | None = None
    assignee: str | None = None
    owner: str | None = None
    progress: str | None = None
    team: str | None = None
    origin: str | None = None
    report_uuid: UUID | None = None
    created_utc: datetime | None = None
    updated_utc: datetime | None = None
    tags: list[Setting] | None = None
    history: list[TicketUpdate] = Field(default_factory=list)
    update: TicketUpdate | None = None
