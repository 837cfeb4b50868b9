"""Argument checks shared by the services: bad input fails before anything is sent."""

from __future__ import annotations

from typing import Any

from pywats.core.exceptions import ValidationError

__all__ = ["require_text"]


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
