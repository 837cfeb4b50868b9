"""Argument checks of the root-cause service: bad input fails before anything is sent."""

from __future__ import annotations

from typing import Any

from pywats.core.exceptions import ValidationError
from pywats.domains.rootcause.models import TicketPriority, TicketStatus, TicketView

__all__ = [
    "require_bytes",
    "require_priority",
    "require_single_status",
    "require_status_flags",
    "require_view",
]

_ALL_STATUS_FLAGS = sum(TicketStatus)


def _require_int(field: str, value: Any, operation: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(
            f"{field} must be an integer or enum member, got {type(value).__name__}",
            field=field,
            value=value,
            operation=operation,
        )
    return int(value)


def require_priority(value: Any, *, operation: str) -> TicketPriority:
    """A :class:`TicketPriority` (LOW, MEDIUM, HIGH or 0–2)."""
    number = _require_int("priority", value, operation)
    try:
        return TicketPriority(number)
    except ValueError:
        raise ValidationError(
            f"priority must be LOW (0), MEDIUM (1) or HIGH (2), got {value!r}",
            field="priority",
            value=value,
            operation=operation,
        ) from None


def require_view(value: Any, *, operation: str) -> TicketView:
    """A :class:`TicketView` (ASSIGNED, FOLLOWING, ALL or 0–2)."""
    number = _require_int("view", value, operation)
    try:
        return TicketView(number)
    except ValueError:
        raise ValidationError(
            f"view must be ASSIGNED (0), FOLLOWING (1) or ALL (2), got {value!r}",
            field="view",
            value=value,
            operation=operation,
        ) from None


def require_status_flags(field: str, value: Any, *, operation: str) -> TicketStatus:
    """One or more :class:`TicketStatus` flags OR-ed together (a query's status filter)."""
    number = _require_int(field, value, operation)
    if number <= 0 or number & ~_ALL_STATUS_FLAGS:
        raise ValidationError(
            f"{field} must combine TicketStatus flags (1–{_ALL_STATUS_FLAGS}), got {value!r}",
            field=field,
            value=value,
            operation=operation,
        )
    return TicketStatus(number)


def require_single_status(value: Any, *, operation: str) -> TicketStatus:
    """Exactly one :class:`TicketStatus` (a ticket is in one status at a time)."""
    status = require_status_flags("status", value, operation=operation)
    if status.bit_count() != 1:
        raise ValidationError(
            f"status must be a single TicketStatus, got {value!r}",
            field="status",
            value=value,
            operation=operation,
        )
    return status


def require_bytes(field: str, value: Any, *, operation: str) -> bytes:
    """``value`` as bytes (bytes, bytearray or memoryview)."""
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value)
    raise ValidationError(
        f"{field} must be bytes, got {type(value).__name__}", field=field, value=value, operation=operation
    )
