"""Small helpers of the software repositories for reading answers (pure; shared by both twins)."""

from __future__ import annotations

from typing import Any

from pywats.core.exceptions import EmptyResponseError, InvalidResponseError

__all__ = ["MISSING", "required", "rows"]

MISSING = object()
"""What a command's request returns for a 404 in LENIENT mode (the command then returns False)."""


def rows(data: Any, operation: str) -> list[Any]:
    """A list answer; an empty body means no rows."""
    if data is None:
        return []
    if isinstance(data, list):
        return data
    raise InvalidResponseError(
        f"Expected a JSON array from the server, got {type(data).__name__}", operation=operation
    )


def required(data: Any, operation: str) -> Any:
    """The answer to a write; an empty one leaves the outcome unknown, so it is an error in any mode."""
    if data is None or data == {}:
        raise EmptyResponseError(
            "The server accepted the request but returned nothing, so what it stored is unknown",
            operation=operation,
        )
    return data
