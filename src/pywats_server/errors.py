"""Error responses in the shape WATS (an ASP.NET Web API application) uses: ``{"Message": "<text>"}``.

Backends raise :class:`WatsHTTPError` subclasses; :func:`install_error_handlers` turns them, FastAPI's routing
errors and request-validation errors into that shape. Request-validation failures are answered with 400 (not
FastAPI's 422), and the message names the offending member(s) so a client can show something useful.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

logger = logging.getLogger(__name__)

INTERNAL_ERROR_MESSAGE = "An error has occurred."
UNAUTHORIZED_MESSAGE = "Authorization has been denied for this request."


class WatsHTTPError(Exception):
    """An error that becomes an HTTP response ``{"Message": message}`` with ``status_code``."""

    status_code = 500

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BadRequest(WatsHTTPError):
    """400: the request is malformed or violates a rule of the API."""

    status_code = 400


class NotFound(WatsHTTPError):
    """404: the addressed entity does not exist."""

    status_code = 404


class Conflict(WatsHTTPError):
    """409: the request conflicts with the stored state."""

    status_code = 409


def error_response(status_code: int, message: str, headers: Mapping[str, str] | None = None) -> JSONResponse:
    """Build the ``{"Message": ...}`` response every error of this server uses."""
    return JSONResponse({"Message": message}, status_code=status_code, headers=headers)


def not_found_message(raw_path: str) -> str:
    """ASP.NET's text for a URL that no route matches."""
    return f"No HTTP resource was found that matches the request URI '{raw_path}'."


def describe_validation_errors(errors: Sequence[Mapping[str, Any]]) -> str:
    """Turn pydantic/FastAPI validation errors into one sentence that names each wrong member.

    ``loc`` is e.g. ``("body", "partNumber")``, ``("body", 2, "state")`` or ``("query", "revision")``; the
    leading source is dropped and list positions are written as ``[2]`` so the text reads like a JSON path.
    """
    if any(error.get("type") == "json_invalid" for error in errors):
        return "The request body is not valid JSON."
    parts: list[str] = []
    for error in errors:
        location = _format_location(error.get("loc", ()))
        # pydantic prefixes messages of custom validators with "Value error, ", which reads badly here.
        text = str(error.get("msg", "is invalid")).removeprefix("Value error, ")
        parts.append(f"{location}: {text}" if location else text)
    return "The request is invalid. " + "; ".join(parts) + "."


def _format_location(loc: Sequence[object]) -> str:
    items = list(loc)
    if items == ["body"]:
        return "body"  # the body as a whole: missing, or not an object/array
    if items and items[0] in ("body", "query", "path", "header"):
        items = items[1:]
    text = ""
    for item in items:
        if isinstance(item, int):
            text += f"[{item}]"
        else:
            text += f".{item}" if text else str(item)
    return text


async def _on_wats_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, WatsHTTPError)
    return error_response(exc.status_code, exc.message)


async def _on_validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    return error_response(400, describe_validation_errors(exc.errors()))


async def _on_http_exception(request: Request, exc: Exception) -> Response:
    # Raised by the router itself (no route, wrong method) or by FastAPI while reading the body.
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 404:
        message = not_found_message(raw_request_path(request))
    elif exc.status_code == 405:
        message = f"The requested resource does not support http method '{request.method}'."
    else:
        message = str(exc.detail)
    return error_response(exc.status_code, message, headers=exc.headers)


async def _on_unhandled_error(request: Request, exc: Exception) -> Response:
    # Last resort for failures outside a route (routes catch their own, see routing.WatsRoute); uvicorn logs
    # the traceback as well because Starlette re-raises after answering.
    return error_response(500, INTERNAL_ERROR_MESSAGE)


def raw_request_path(request: Request) -> str:
    """The path exactly as the client sent it (still percent-encoded)."""
    raw = request.scope.get("raw_path")
    if isinstance(raw, bytes):
        return raw.decode("latin-1")
    return request.url.path


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers that give every error response the ``{"Message": ...}`` shape."""
    app.add_exception_handler(WatsHTTPError, _on_wats_error)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_exception)
    app.add_exception_handler(Exception, _on_unhandled_error)
