"""HTTP endpoints of the RootCause domain (endpoints.md §10): parse the request, call the backend, answer."""

from __future__ import annotations

from enum import Enum
from typing import Annotated
from urllib.parse import quote
from uuid import UUID

from fastapi import APIRouter, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from pywats_server.domains.rootcause.backend import MAX_ATTACHMENT_BYTES, RootCauseBackend
from pywats_server.domains.rootcause.schemas import TicketIn, TicketOut
from pywats_server.identity import request_user
from pywats_server.multipart import read_file_part

TAGS: list[str | Enum] = ["RootCause"]


def register_rootcause_routes(router: APIRouter, backend: RootCauseBackend) -> None:
    """Add the ``/api/RootCause`` endpoints to ``router``."""

    @router.get("/api/RootCause/Ticket", tags=TAGS, response_model_exclude_none=True)
    def get_ticket(ticket_id: Annotated[UUID, Query(alias="ticketId")]) -> TicketOut:
        """One ticket with its history (the assignee is never returned)."""
        return backend.get_ticket(ticket_id)

    @router.get("/api/RootCause/Tickets", tags=TAGS, response_model_exclude_none=True)
    def get_tickets(
        request: Request,
        status: Annotated[int, Query()],
        view: Annotated[int, Query()],
        search_string: Annotated[str | None, Query(alias="searchString")] = None,
    ) -> list[TicketOut]:
        """Tickets in any of the ``status`` flags; ``view`` 0 assigned to me, 1 following, 2 all."""
        return backend.get_tickets(status, view, search_string, request_user(request))

    @router.post("/api/RootCause/Ticket", tags=TAGS, response_model_exclude_none=True)
    def create_ticket(request: Request, ticket: TicketIn) -> TicketOut:
        """Create a ticket owned by the caller; ``update.content`` is its first comment."""
        return backend.create_ticket(ticket, request_user(request))

    @router.put("/api/RootCause/Ticket", tags=TAGS, response_model_exclude_none=True)
    def update_ticket(request: Request, ticket: TicketIn) -> TicketOut:
        """Save a ticket: change status/assignee/…, append ``update`` (a comment) to the history."""
        return backend.update_ticket(ticket, request_user(request))

    @router.post("/api/RootCause/ArchiveTickets", tags=TAGS, status_code=204)
    def archive_tickets(ticket_ids: list[UUID]) -> Response:
        """Archive Solved or Closed tickets (body: JSON array of ticket ids); all or none."""
        backend.archive_tickets(ticket_ids)
        return Response(status_code=204)

    @router.get("/api/RootCause/Attachment", tags=TAGS, response_class=Response)
    def get_attachment(
        attachment_id: Annotated[UUID, Query(alias="attachmentId")],
        file_name: Annotated[str | None, Query(alias="fileName")] = None,
    ) -> Response:
        """The bytes of an attachment."""
        found = backend.get_attachment(attachment_id)
        name = file_name or found.filename
        return Response(
            content=found.data,
            media_type=found.content_type,
            headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name, safe='')}"},
        )

    @router.post("/api/RootCause/Attachment", tags=TAGS)
    async def upload_attachment(request: Request) -> str:
        """Upload one file (multipart part ``file``); answers the new attachment id as a JSON string."""
        part = await read_file_part(request, max_bytes=MAX_ATTACHMENT_BYTES)
        attachment_id = await run_in_threadpool(
            backend.save_attachment, part.filename or "", part.content_type, part.data, request_user(request)
        )
        return str(attachment_id)
