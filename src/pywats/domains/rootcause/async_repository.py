"""Root-cause data access: the HTTP calls of ``/api/RootCause`` (endpoints.md §10)."""

from __future__ import annotations

from uuid import UUID

from pywats.core._async_transport import AsyncTransport
from pywats.core.exceptions import ErrorMode, InvalidResponseError
from pywats.domains._answers import required as _required
from pywats.domains._answers import rows as _rows
from pywats.domains.rootcause.models import Ticket, TicketStatus, TicketView

__all__ = ["AsyncRootCauseRepository"]

# The history is the server's record; sending it back on a save would only cost bandwidth.
_NOT_SENT = {"history"}


class AsyncRootCauseRepository:
    """The ticket endpoints, one method per call."""

    def __init__(self, transport: AsyncTransport) -> None:
        self._transport = transport

    async def get_ticket(self, ticket_id: str) -> Ticket | None:
        """``GET /api/RootCause/Ticket?ticketId=…``: one ticket with its history."""
        data = await self._transport.request(
            "GET",
            "/api/RootCause/Ticket",
            operation="get_ticket",
            params={"ticketId": ticket_id},
            resource=("Ticket", ticket_id),
            expect_data=True,
        )
        return None if data is None else Ticket.from_wire(data, operation="get_ticket")

    async def get_tickets(
        self, status: TicketStatus | int, view: TicketView | int, search_string: str | None
    ) -> list[Ticket]:
        """``GET /api/RootCause/Tickets``: tickets whose status is one of the ``status`` flags."""
        data = await self._transport.request(
            "GET",
            "/api/RootCause/Tickets",
            operation="get_tickets",
            params={"status": int(status), "view": int(view), "searchString": search_string},
        )
        return [Ticket.from_wire(row, operation="get_tickets") for row in _rows(data, "get_tickets")]

    async def create_ticket(self, ticket: Ticket) -> Ticket:
        """``POST /api/RootCause/Ticket``: create a ticket; the answer carries its id and number."""
        data = await self._transport.request(
            "POST",
            "/api/RootCause/Ticket",
            operation="create_ticket",
            json_body=ticket.to_wire(exclude=_NOT_SENT),
        )
        return Ticket.from_wire(_required(data, "create_ticket"), operation="create_ticket")

    async def update_ticket(self, ticket: Ticket) -> Ticket:
        """``PUT /api/RootCause/Ticket``: save a whole ticket (and append ``ticket.update``)."""
        data = await self._transport.request(
            "PUT",
            "/api/RootCause/Ticket",
            operation="update_ticket",
            json_body=ticket.to_wire(exclude=_NOT_SENT),
        )
        return Ticket.from_wire(_required(data, "update_ticket"), operation="update_ticket")

    async def archive_tickets(self, ticket_ids: list[str]) -> None:
        """``POST /api/RootCause/ArchiveTickets``: archive solved or closed tickets."""
        body = ("[" + ",".join(f'"{ticket_id}"' for ticket_id in ticket_ids) + "]").encode()
        await self._transport.request(
            "POST", "/api/RootCause/ArchiveTickets", operation="archive_tickets", json_body=body
        )

    async def get_attachment(self, attachment_id: str, filename: str | None) -> bytes | None:
        """``GET /api/RootCause/Attachment``: the bytes of an attachment."""
        data = await self._transport.request(
            "GET",
            "/api/RootCause/Attachment",
            operation="get_attachment",
            params={"attachmentId": attachment_id, "fileName": filename},
            resource=("TicketAttachment", attachment_id),
            raw=True,
        )
        if data is None and self._transport.config.error_mode is ErrorMode.STRICT:
            return b""  # an empty file; in LENIENT mode None also stands for "not found"
        return data if data is None else bytes(data)

    async def upload_attachment(self, content: bytes, filename: str, content_type: str) -> UUID:
        """``POST /api/RootCause/Attachment`` (multipart, part ``file``): the new attachment's GUID."""
        data = await self._transport.request(
            "POST",
            "/api/RootCause/Attachment",
            operation="upload_attachment",
            files={"file": (filename, content, content_type)},
        )
        try:
            return UUID(str(_required(data, "upload_attachment")).strip())
        except ValueError as exc:
            raise InvalidResponseError(
                f"The server answered the upload with {data!r}, not an attachment GUID",
                operation="upload_attachment",
                cause=exc,
            ) from exc


