"""Errors and values in words an operator understands (no Qt here, so it is easy to test)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pywats.core.exceptions import (
    AuthenticationError,
    AuthorizationError,
    ConnectionError,
    InvalidResponseError,
    NotFoundError,
    PyWATSError,
    ServerError,
    TimeoutError,
    ValidationError,
)
from pywats_client.api.client import ManagementError

__all__ = ["FIELD_LABELS", "ago", "explain", "when"]

FIELD_LABELS = {
    "service_address": "Server URL",
    "api_token": "API Token",
    "station_name": "Station Name",
    "location": "Location",
    "purpose": "Purpose",
}
"""The Setup tab's names of configuration keys."""


def explain(exc: BaseException, url: str = "") -> str:
    """One or two sentences: what went wrong and what to check."""
    where = url or "the server"
    status = exc.details.get("status_code") if isinstance(exc, PyWATSError) else None
    code = f" (HTTP {status})" if status else ""
    if isinstance(exc, AuthenticationError):
        return (
            f"{where} refused the API token{code}. Check the token: it is the Base64 of "
            "'user:password', or the token created for this station on the server."
        )
    if isinstance(exc, AuthorizationError):
        return f"The token is valid, but its user is not allowed to do this on {where}{code}."
    if isinstance(exc, NotFoundError):
        return (
            f"{where} answered, but there is no WATS API at this address{code}. Check the URL: "
            "it is the server's address without '/api' at the end."
        )
    if isinstance(exc, InvalidResponseError):
        return f"Something answers at {where}, but it is not a WATS server. Check the URL."
    if isinstance(exc, ServerError):
        return f"{where} had an internal problem{code}. Try again later, or ask its administrator."
    if isinstance(exc, TimeoutError):
        return f"{where} did not answer in time. Check the network, or try again when it is less busy."
    if isinstance(exc, ConnectionError):
        return (
            f"Could not reach {where}. Check the address, the network connection and that the "
            f"server is running. ({exc.message})"
        )
    if isinstance(exc, ValidationError):
        label = FIELD_LABELS.get(str(exc.details.get("field") or ""), "")
        text = exc.message
        return f"{label}: {text}" if label and not text.startswith(label) else text
    if isinstance(exc, ManagementError):
        if exc.status is None:
            return "The station service does not answer: it is not running, or runs without --api."
        return f"The station service refused the request: {exc}"
    if isinstance(exc, PyWATSError):
        return exc.message
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc}" + (f": {exc.filename}" if exc.filename else "")
    return f"Unexpected error: {type(exc).__name__}: {exc}"


def when(stamp: Any) -> str:
    """A Unix time as local ``YYYY-MM-DD HH:MM:SS``; ``-`` for nothing."""
    if not isinstance(stamp, int | float) or isinstance(stamp, bool) or stamp <= 0:
        return "-"
    return datetime.fromtimestamp(stamp).strftime("%Y-%m-%d %H:%M:%S")


def ago(stamp: Any, now: float) -> str:
    """``"42 s ago"``, ``"5 min ago"``, ``"3 h ago"``, or the date for older times."""
    if not isinstance(stamp, int | float) or isinstance(stamp, bool) or stamp <= 0:
        return "never"
    seconds = max(now - stamp, 0)
    if seconds < 90:
        return f"{seconds:.0f} s ago"
    if seconds < 90 * 60:
        return f"{seconds / 60:.0f} min ago"
    if seconds < 36 * 3600:
        return f"{seconds / 3600:.0f} h ago"
    return when(stamp)
