"""URL matching the way the WATS server (ASP.NET) does it.

Starlette matches the *decoded* path case-sensitively. WATS clients rely on two differences:

* Static segments match case-insensitively: ``/API/product/query`` reaches ``/api/Product/Query``.
* A path parameter is one *raw* segment, percent-decoded on its own. A part number ``A/B#C`` travels as
  ``/api/Product/A%2FB%23C``; decoding the whole path first (as Starlette does) would split it in two.

:class:`WatsRoute` implements both, tolerates one trailing slash, and also binds query parameters whose names
differ only in case (``?PartNumber=`` for ``partNumber``), as ASP.NET model binding does. Routes must be added
directly to the application's router (``app.router.route_class = WatsRoute``), not through ``include_router``,
whose wrapped routes bypass :meth:`WatsRoute.matches`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote_plus, unquote_to_bytes

from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Match
from starlette.types import Scope

from pywats_server.errors import INTERNAL_ERROR_MESSAGE, WatsHTTPError, error_response, raw_request_path

logger = logging.getLogger(__name__)

# Cache of the split request path, computed once per request rather than once per candidate route.
_SEGMENTS_SCOPE_KEY = "pywats_server.path_segments"

# Errors the application's exception handlers answer; anything else escaping a route is a bug → 500.
_HANDLED_ERRORS = (WatsHTTPError, RequestValidationError, StarletteHTTPException)
# A number from the request that does not fit a database column (SQLite raises OverflowError before
# executing, PostgreSQL a DataError) or a date calculation: the client's mistake, not the server's.
_OUT_OF_RANGE = (OverflowError, DataError)
OUT_OF_RANGE_MESSAGE = "A number in the request is out of the range the server can store or compute with."


@dataclass(frozen=True)
class _Segment:
    text: str  # literal text (case-folded) or parameter name
    is_param: bool


class PathTemplate:
    """A route path such as ``/api/Product/{partNumber}``, matched segment by segment."""

    def __init__(self, path: str) -> None:
        segments: list[_Segment] = []
        for part in _split(path):
            if part.startswith("{") and part.endswith("}"):
                name = part[1:-1]
                if not name.isidentifier():
                    raise ValueError(
                        f"route {path!r}: parameter {part!r} must be a whole segment like {{name}}"
                    )
                segments.append(_Segment(name, True))
            elif "{" in part or "}" in part:
                raise ValueError(f"route {path!r}: parameters must fill a whole segment")
            else:
                segments.append(_Segment(part.casefold(), False))
        self._segments = tuple(segments)

    @property
    def segment_count(self) -> int:
        """How many path segments a matching request has."""
        return len(self._segments)

    def leading_literals(self, depth: int) -> tuple[str | None, ...]:
        """The first ``depth`` segments: case-folded literal text, or ``None`` where a parameter stands."""
        return tuple(None if segment.is_param else segment.text for segment in self._segments[:depth])

    @property
    def specificity(self) -> tuple[int, ...]:
        """Sort key: at each position a literal (0) beats a parameter (1), as in ASP.NET attribute routing."""
        return tuple(1 if segment.is_param else 0 for segment in self._segments)

    def match(self, decoded_segments: tuple[str, ...]) -> dict[str, str] | None:
        """Return the parameter values if the decoded request segments fit this template, else ``None``."""
        if len(decoded_segments) != len(self._segments):
            return None
        params: dict[str, str] = {}
        for segment, value in zip(self._segments, decoded_segments, strict=True):
            if segment.is_param:
                if not value:
                    return None
                params[segment.text] = value
            elif value.casefold() != segment.text:
                return None
        return params


def _split(path: str) -> list[str]:
    stripped = path.strip("/")
    return stripped.split("/") if stripped else []


def decode_segment(raw: str) -> str:
    """Percent-decode one path segment as UTF-8 (``+`` stays a plus: it only means space in query strings)."""
    # Invalid UTF-8 cannot name anything we stored, so replacement characters are harmless here.
    return unquote_to_bytes(raw).decode("utf-8", errors="replace")


def request_segments(scope: Scope) -> tuple[str, ...]:
    """The request path as decoded segments, split on the raw ``/`` only; one trailing slash is ignored."""
    cached = scope.get(_SEGMENTS_SCOPE_KEY)
    if isinstance(cached, tuple):
        return cached
    raw = scope.get("raw_path")
    # raw_path is what the client sent; servers that omit it leave us only the decoded path.
    path = raw.decode("latin-1") if isinstance(raw, bytes) else quote(str(scope.get("path", "/")))
    segments = tuple(decode_segment(part) for part in _split(path))
    scope[_SEGMENTS_SCOPE_KEY] = segments
    return segments


def canonical_query_string(query_string: bytes, aliases: dict[str, str]) -> bytes | None:
    """Rename query keys that match a declared parameter case-insensitively; ``None`` when nothing changed.

    ``aliases`` maps the case-folded name to the declared name.
    """
    if not query_string or not aliases:
        return None
    changed = False
    pairs: list[str] = []
    for pair in query_string.decode("latin-1").split("&"):
        key, sep, value = pair.partition("=")
        declared = aliases.get(unquote_plus(key).casefold())
        if declared is not None and unquote_plus(key) != declared:
            key = quote(declared)
            changed = True
        pairs.append(f"{key}{sep}{value}")
    return "&".join(pairs).encode("latin-1") if changed else None


def _query_aliases(dependant: Dependant) -> dict[str, str]:
    aliases: dict[str, str] = {}
    pending = [dependant]
    while pending:
        current = pending.pop()
        aliases.update({field.alias.casefold(): field.alias for field in current.query_params})
        pending.extend(current.dependencies)
    return aliases


class WatsRoute(APIRoute):
    """An :class:`~fastapi.routing.APIRoute` with ASP.NET-style matching and last-resort error answers
    (400 for numbers out of range, 500 for anything else)."""

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        self.template = PathTemplate(path)
        super().__init__(path, endpoint, **kwargs)
        self._query_aliases = _query_aliases(self.dependant)

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if scope["type"] != "http":
            return Match.NONE, {}
        params = self.template.match(request_segments(scope))
        if params is None:
            return Match.NONE, {}
        child_scope: dict[str, Any] = {"endpoint": self.endpoint, "path_params": params, "route": self}
        query = canonical_query_string(scope.get("query_string", b""), self._query_aliases)
        if query is not None:
            child_scope["query_string"] = query
        if self.methods and scope["method"] not in self.methods:
            return Match.PARTIAL, child_scope
        return Match.FULL, child_scope

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def guarded(request: Request) -> Response:
            try:
                return await handler(request)
            except _HANDLED_ERRORS:
                raise
            except _OUT_OF_RANGE as exc:
                logger.info("%s %s: %s", request.method, raw_request_path(request), exc)
                return error_response(400, OUT_OF_RANGE_MESSAGE)
            except Exception:
                # Answer here: the client gets the WATS error shape and uvicorn does not log it a second time.
                logger.exception("Unhandled error in %s %s", request.method, raw_request_path(request))
                return error_response(500, INTERNAL_ERROR_MESSAGE)

        return guarded


def order_by_specificity(routes: list[BaseRoute]) -> None:
    """Sort routes in place so literal segments win over parameters (stable; other routes go first)."""

    def key(route: BaseRoute) -> tuple[int, ...]:
        return route.template.specificity if isinstance(route, WatsRoute) else ()

    routes.sort(key=key)
