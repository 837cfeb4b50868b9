"""Pure helpers of the transport: building paths, reading bodies, mapping failures to exceptions."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from pywats.core.exceptions import (
    AuthenticationError,
    AuthorizationError,
    ConflictError,
    InvalidResponseError,
    NotFoundError,
    PyWATSError,
    ServerError,
    ValidationError,
)

__all__ = ["decode_body", "error_from_status", "error_text", "segment"]

# Members in which servers put their error text: ASP.NET Web API, ProblemDetails, and others.
_MESSAGE_KEYS = ("Message", "message", "detail", "title", "error", "errors", "ExceptionMessage")
_EXCERPT_CHARS = 200


def segment(value: object) -> str:
    """Percent-encode one path segment so that ``/``, ``#``, ``?``, ``%`` and spaces arrive intact.

    A segment of only dots is encoded too: ``.`` and ``..`` would otherwise be resolved away by
    URL normalisation before the request leaves.
    """
    text = quote(str(value), safe="")
    return text.replace(".", "%2E") if text.strip(".") == "" else text


def decode_body(content: bytes, content_type: str | None, status_code: int, *, operation: str | None) -> Any:
    """The parsed JSON body of a 2xx response; ``None`` for an empty body.

    A non-empty body that is not JSON raises :class:`InvalidResponseError` naming what came back.
    """
    if not content or content.isspace():
        return None
    try:
        return json.loads(content)
    except ValueError as exc:
        kind = (content_type or "unknown content type").split(";")[0]
        raise InvalidResponseError(
            f"The server answered {status_code} with a body that is not JSON ({kind}); "
            "is base_url the address of a WATS server?",
            status_code=status_code,
            response_body=_excerpt(content),
            operation=operation,
            details={"content_type": kind, "body_excerpt": _excerpt(content)},
            cause=exc,
        ) from exc


def error_text(content: bytes) -> tuple[str | None, Any]:
    """The server's error message and the parsed error body (or None) from an error response."""
    if not content:
        return None, None
    try:
        data = json.loads(content)
    except ValueError:
        text = content.decode("utf-8", "replace").strip()
        # An HTML error page says nothing useful in its markup: keep it short.
        return (_excerpt(content) if text else None), None
    if isinstance(data, str):
        return data, data
    if isinstance(data, dict):
        for key in _MESSAGE_KEYS:
            value = data.get(key)
            if isinstance(value, str) and value:
                return value, data
            if isinstance(value, dict | list) and value:
                return json.dumps(value, ensure_ascii=False)[:_EXCERPT_CHARS], data
    return None, data


def error_from_status(
    status_code: int,
    reason: str,
    content: bytes,
    *,
    operation: str | None,
    method: str,
    path: str,
    resource: tuple[str, str] | None = None,
) -> PyWATSError:
    """The exception for an HTTP error status, carrying the server's own words."""
    server_text, data = error_text(content)
    details: dict[str, Any] = {"status_code": status_code, "method": method, "path": path}
    if server_text:
        details["server_message"] = server_text
    if isinstance(data, dict):
        model_state = data.get("ModelState") or data.get("modelState") or data.get("errors")
        if isinstance(model_state, dict):
            details["field_errors"] = model_state
    summary = server_text or reason or f"HTTP {status_code}"
    if status_code == 400:
        field = _first_field(details.get("field_errors"))
        return ValidationError(
            f"Invalid request: {summary}", field=field, operation=operation, details=details
        )
    if status_code == 401:
        return AuthenticationError(
            f"Authentication failed: {summary} (check the token)", operation=operation, details=details
        )
    if status_code == 403:
        return AuthorizationError(f"Permission denied: {summary}", operation=operation, details=details)
    if status_code == 404:
        if resource is not None:
            return NotFoundError(
                f"{resource[0]} '{resource[1]}' not found",
                resource_type=resource[0],
                identifier=resource[1],
                operation=operation,
                details=details,
            )
        return NotFoundError(f"Not found: {summary}", operation=operation, details=details)
    if status_code == 409:
        return ConflictError(f"Conflict: {summary}", operation=operation, details=details)
    if status_code == 413:
        return ValidationError(
            f"The request is larger than the server accepts: {summary}", operation=operation, details=details
        )
    if status_code >= 500:
        return ServerError(
            f"Server error {status_code}: {summary}",
            status_code=status_code,
            response_body=_excerpt(content) if content else None,
            operation=operation,
            details=details,
        )
    err = PyWATSError(f"HTTP {status_code}: {summary}", operation=operation, details=details)
    return err


def _first_field(field_errors: Any) -> str | None:
    if isinstance(field_errors, dict) and field_errors:
        name = str(next(iter(field_errors)))
        return name.rsplit(".", 1)[-1] or None
    return None


def _excerpt(content: bytes) -> str:
    text = content.decode("utf-8", "replace").strip()
    return text if len(text) <= _EXCERPT_CHARS else text[:_EXCERPT_CHARS] + "…"
