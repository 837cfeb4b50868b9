"""Argument checks shared by the services: bad input fails before anything is sent."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from pywats.core.exceptions import ValidationError

__all__ = ["require_guid", "require_text"]


def require_text(field: str, value: Any, *, operation: str) -> str:
    """``value`` if it is a non-blank string, else a :class:`ValidationError` naming ``field``."""
    if not isinstance(value, str):
        raise ValidationError(
            f"{field} must be a string, got {type(value).__name__}",
            field=field,
            value=value,
            operation=operation,
        )
    if not value.strip():
        raise ValidationError(f"{field} must not be empty", field=field, value=value, operation=operation)
    return value


def require_guid(field: str, value: Any, *, operation: str) -> str:
    """``value`` (a UUID or GUID text) in canonical form, else a :class:`ValidationError` naming ``field``."""
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, str):
        try:
            return str(UUID(value.strip()))
        except ValueError:
            pass
    raise ValidationError(
        f"{field} must be a GUID (8-4-4-4-12 hex digits), got {value!r}",
        field=field,
        value=value,
        operation=operation,
    )
