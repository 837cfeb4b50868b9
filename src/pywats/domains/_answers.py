"""Reading the server's answers the same way in every domain repository."""

from __future__ import annotations

from typing import Any

from pywats.core.exceptions import EmptyResponseError, InvalidResponseError

__all__ = ["mapping", "required", "rows"]


def rows(data: Any, operation: str | None = None) -> list[Any]:
    """A list answer; an empty body or ``null`` means no rows."""
    if data is None:
        return []
    if isinstance(data, list):
        return data
    raise InvalidResponseError(
        f"Expected a JSON array from the server, got {type(data).__name__}", operation=operation
    )


def mapping(data: Any, operation: str) -> dict[str, Any]:
    """An object answer (``{}`` for an empty body)."""
    if data is None:
        return {}
    if isinstance(data, dict):
        return data
    raise InvalidResponseError(
        f"Expected a JSON object from the server, got {type(data).__name__}", operation=operation
    )


def required(data: Any, operation: str) -> Any:
    """The answer to a write; an empty one leaves the outcome unknown, so it is an error in any mode."""
    if data is None or data == {}:
        raise EmptyResponseError(
            "The server accepted the request but returned nothing, so what it stored is unknown",
            operation=operation,
        )
    return data
