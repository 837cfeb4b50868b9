"""The root-cause domain: tickets, their history, attachments and archive."""

from pywats.domains.rootcause.async_repository import AsyncRootCauseRepository
from pywats.domains.rootcause.async_service import AsyncRootCauseService
from pywats.domains.rootcause.models import (
    Setting,
    Ticket,
    TicketAttachment,
    TicketPriority,
    TicketStatus,
    TicketUpdate,
    TicketUpdateType,
    TicketView,
)
from pywats.domains.rootcause.repository import RootCauseRepository
from pywats.domains.rootcause.service import RootCauseService

__all__ = [
    "AsyncRootCauseRepository",
    "AsyncRootCauseService",
    "RootCauseRepository",
    "RootCauseService",
    "Setting",
    "Ticket",
    "TicketAttachment",
    "TicketPriority",
    "TicketStatus",
    "TicketUpdate",
    "TicketUpdateType",
    "TicketView",
]
