"""Root-cause ticket services: what ``api.rootcause`` offers on :class:`~pywats.AsyncWATS`.

The sync twin, ``service.py``, is generated from this file by ``tools/gen_sync.py``.
"""
# sync-docstring: Root-cause ticket services: what ``api.rootcause`` offers on :class:`~pywats.pyWATS`.

from __future__ import annotations

import logging
from collections.abc import Sequence
from uuid import UUID

from pywats.core._checks import require_guid, require_text
from pywats.core.exceptions import ValidationError
from pywats.domains.rootcause._assignees import AssigneeMemory
from pywats.domains.rootcause._checks import (
    require_bytes,
    require_priority,
    require_single_status,
    require_status_flags,
    require_view,
)
from pywats.domains.rootcause.async_repository import AsyncRootCauseRepository
from pywats.domains.rootcause.models import (
    Setting,
    Ticket,
    TicketAttachment,
    TicketPriority,
    TicketStatus,
    TicketUpdate,
    TicketView,
)

__all__ = ["AsyncRootCauseService"]

logger = logging.getLogger("pywats.domains.rootcause")


class AsyncRootCauseService:
    """Root-cause tickets: create, comment, assign, move through statuses, attach files, archive.

    Changes other than :meth:`create_ticket` and :meth:`update_ticket` read the ticket first and
    save it whole, as the server expects. The server never returns a ticket's assignee, so the
    service remembers the assignee it last sent for each ticket and fills it in.
    """

    def __init__(self, repository: AsyncRootCauseRepository) -> None:
        self.repository = repository
        self._assignees = AssigneeMemory()

    # -- reading -------------------------------------------------------------------------------

    async def get_ticket(self, ticket_id: UUID | str) -> Ticket | None:
        """One ticket with its history.

        Raises :class:`~pywats.NotFoundError` if there is none (returns None in LENIENT mode).
        """
        key = require_guid("ticket_id", ticket_id, operation="get_ticket")
        ticket = await self.repository.get_ticket(key)
        return None if ticket is None else self._fill_assignee(ticket)

    async def get_tickets(
        self,
        status: TicketStatus | int = TicketStatus.OPEN,
        view: TicketView | int = TicketView.ASSIGNED,
        search_string: str | None = None,
    ) -> list[Ticket]:
        """Tickets in any of the ``status`` flags (e.g. ``OPEN | IN_PROGRESS``).

        ``view``: ASSIGNED to you, FOLLOWING (created or commented by you), or ALL (needs the
        "Manage All Tickets" permission). ``search_string`` matches subject, tags and tag values.
        """
        flags = require_status_flags("status", status, operation="get_tickets")
        chosen = require_view(view, operation="get_tickets")
        if search_string is not None and not isinstance(search_string, str):
            raise ValidationError(
                "search_string must be a string",
                field="search_string",
                value=search_string,
                operation="get_tickets",
            )
        tickets = await self.repository.get_tickets(flags, chosen, search_string or None)
        logger.debug("Retrieved %d tickets (status=%d, view=%d)", len(tickets), flags, chosen)
        return [self._fill_assignee(ticket) for ticket in tickets]

    async def get_open_tickets(self, view: TicketView | int = TicketView.ASSIGNED) -> list[Ticket]:
        """Tickets with status OPEN."""
        return await self.get_tickets(TicketStatus.OPEN, view)

    async def get_active_tickets(self, view: TicketView | int = TicketView.ASSIGNED) -> list[Ticket]:
        """Tickets that are OPEN or IN_PROGRESS."""
        return await self.get_tickets(TicketStatus.OPEN | TicketStatus.IN_PROGRESS, view)

    # -- changing ------------------------------------------------------------------------------

    async def create_ticket(
        self,
        subject: str,
        priority: TicketPriority | int = TicketPriority.MEDIUM,
        assignee: str | None = None,
        team: str | None = None,
        report_uuid: UUID | str | None = None,
        initial_comment: str | None = None,
        *,
        tags: dict[str, str] | None = None,
    ) -> Ticket:
        """Create an OPEN ticket and return it with its server-assigned id and number."""
        require_text("subject", subject, operation="create_ticket")
        ticket = Ticket(
            subject=subject,
            priority=require_priority(priority, operation="create_ticket"),
            status=TicketStatus.OPEN,
            assignee=_optional_text("assignee", assignee, "create_ticket"),
            team=_optional_text("team", team, "create_ticket"),
            report_uuid=(
                None
                if report_uuid is None
                else UUID(require_guid("report_uuid", report_uuid, operation="create_ticket"))
            ),
            tags=[Setting(key=k, value=v) for k, v in (tags or {}).items()] or None,
            update=None if initial_comment is None else _comment(initial_comment, None, "create_ticket"),
        )
        created = await self.repository.create_ticket(ticket)
        if created.ticket_id is not None:
            self._assignees.remember(str(created.ticket_id), ticket.assignee)
        logger.info("Created ticket #%s: %s", created.ticket_number, subject)
        return self._fill_assignee(created)

    async def update_ticket(self, ticket: Ticket) -> Ticket:
        """Save a changed :class:`Ticket` (a comment goes in ``ticket.update``) and return it.

        If ``ticket.assignee`` was never set, the assignee this client last sent is re-sent.
        A ticket outside OPEN without an assignee is refused by the server
        (:class:`~pywats.ValidationError`).
        """
        if not isinstance(ticket, Ticket):
            raise ValidationError(
                f"ticket must be a Ticket, got {type(ticket).__name__}",
                field="ticket",
                value=ticket,
                operation="update_ticket",
            )
        key = require_guid("ticket.ticket_id", ticket.ticket_id, operation="update_ticket")
        if "assignee" not in ticket.model_fields_set:
            ticket = ticket.model_copy(update={"assignee": self._assignees.get(key)})
        saved = await self.repository.update_ticket(ticket)
        self._assignees.remember(key, ticket.assignee)
        logger.info("Saved ticket #%s", saved.ticket_number)
        return self._fill_assignee(saved)

    async def add_comment(
        self,
        ticket_id: UUID | str,
        comment: str,
        assignee: str | None = None,
        *,
        attachments: Sequence[TicketAttachment] | None = None,
    ) -> Ticket:
        """Append a comment (optionally with uploaded attachments) and return the ticket."""
        update = _comment(comment, attachments, "add_comment")
        ticket = await self._load(ticket_id, "add_comment")
        return await self._save(ticket, update=update, assignee=assignee)

    async def change_status(
        self,
        ticket_id: UUID | str,
        status: TicketStatus | int,
        assignee: str | None = None,
    ) -> Ticket:
        """Move a ticket to ``status``; any status but OPEN needs an assignee (given or remembered)."""
        new_status = require_single_status(status, operation="change_status")
        ticket = await self._load(ticket_id, "change_status")
        ticket.status = new_status
        return await self._save(ticket, assignee=assignee)

    async def assign_ticket(self, ticket_id: UUID | str, assignee: str) -> Ticket:
        """Give a ticket to ``assignee`` (a user name)."""
        require_text("assignee", assignee, operation="assign_ticket")
        ticket = await self._load(ticket_id, "assign_ticket")
        return await self._save(ticket, assignee=assignee)

    async def archive_tickets(self, ticket_ids: Sequence[UUID | str]) -> None:
        """Archive tickets (each must be SOLVED or CLOSED); all of them or none."""
        if isinstance(ticket_ids, str | bytes) or not isinstance(ticket_ids, Sequence):
            raise ValidationError(
                "ticket_ids must be a list of ticket GUIDs",
                field="ticket_ids",
                value=ticket_ids,
                operation="archive_tickets",
            )
        keys = [require_guid("ticket_ids", item, operation="archive_tickets") for item in ticket_ids]
        if not keys:
            return
        await self.repository.archive_tickets(keys)
        logger.info("Archived %d tickets", len(keys))

    # -- attachments ---------------------------------------------------------------------------

    async def upload_attachment(
        self,
        file_content: bytes,
        filename: str,
        *,
        content_type: str = "application/octet-stream",
    ) -> UUID:
        """Upload a file and return its attachment GUID, to reference in a ticket update."""
        content = require_bytes("file_content", file_content, operation="upload_attachment")
        require_text("filename", filename, operation="upload_attachment")
        attachment_id = await self.repository.upload_attachment(content, filename, content_type)
        logger.info("Uploaded attachment %s (%d bytes)", filename, len(content))
        return attachment_id

    async def get_attachment(self, attachment_id: UUID | str, filename: str | None = None) -> bytes | None:
        """The bytes of an attachment.

        Raises :class:`~pywats.NotFoundError` if there is none (returns None in LENIENT mode).
        """
        key = require_guid("attachment_id", attachment_id, operation="get_attachment")
        return await self.repository.get_attachment(key, filename)

    async def attach_file(
        self,
        ticket_id: UUID | str,
        file_content: bytes,
        filename: str,
        *,
        comment: str | None = None,
        assignee: str | None = None,
    ) -> Ticket:
        """Upload a file and add it to the ticket's history (with an optional comment)."""
        ticket = await self._load(ticket_id, "attach_file")
        attachment_id = await self.upload_attachment(file_content, filename)
        update = TicketUpdate(
            content=comment,
            attachments=[TicketAttachment(attachment_id=attachment_id, filename=filename)],
        )
        return await self._save(ticket, update=update, assignee=assignee)

    # -- helpers -------------------------------------------------------------------------------

    async def _load(self, ticket_id: UUID | str, operation: str) -> Ticket:
        key = require_guid("ticket_id", ticket_id, operation=operation)
        ticket = await self.repository.get_ticket(key)
        if ticket is None:  # LENIENT mode: a missing ticket cannot be changed
            raise ValidationError(
                f"Ticket '{key}' does not exist", field="ticket_id", value=ticket_id, operation=operation
            )
        return ticket

    async def _save(
        self, ticket: Ticket, *, update: TicketUpdate | None = None, assignee: str | None = None
    ) -> Ticket:
        key = str(ticket.ticket_id)
        who = _optional_text("assignee", assignee, "update_ticket") or self._assignees.get(key)
        if who is None and ticket.status not in (None, TicketStatus.OPEN):
            raise ValidationError(
                f"Ticket '{key}' is not OPEN, so the server requires an assignee, and none is known "
                "to this client: pass assignee=...",
                field="assignee",
                operation="update_ticket",
            )
        ticket.assignee = who
        ticket.update = update
        return await self.update_ticket(ticket)

    def _fill_assignee(self, ticket: Ticket) -> Ticket:
        if ticket.assignee is None and ticket.ticket_id is not None:
            remembered = self._assignees.get(str(ticket.ticket_id))
            if remembered is not None:
                ticket.assignee = remembered
        return ticket


def _comment(text: str, attachments: Sequence[TicketAttachment] | None, operation: str) -> TicketUpdate:
    require_text("comment", text, operation=operation)
    items = list(attachments or [])
    for item in items:
        if not isinstance(item, TicketAttachment) or item.attachment_id is None:
            raise ValidationError(
                "attachments must be TicketAttachment objects with an attachment_id",
                field="attachments",
                value=item,
                operation=operation,
            )
    return TicketUpdate(content=text, attachments=items or None)


def _optional_text(field: str, value: str | None, operation: str) -> str | None:
    if value is None:
        return None
    return require_text(field, value, operation=operation)
