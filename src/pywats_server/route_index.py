"""Finding a request's route without asking every route.

Starlette (and FastAPI's router) tries each route in order until one matches. With ~220 WATS routes that is
~0.12 ms per request spent in :meth:`~pywats_server.routing.WatsRoute.matches` — a tenth of what a simple
lookup costs in total. :class:`IndexedRoutes` narrows the candidates first: a route whose path has a different
number of segments, or different literal text in one of the first :data:`KEY_DEPTH` segments, cannot match, so
only the few that can are tried, in their original order. The first full match among them is therefore the
route the plain scan would have chosen. Everything else (405 for a known path with another method, 404, other
kinds of route) is left to the plain scan.

:class:`IndexedRoutes` does this as an ordinary route placed first in the router, so FastAPI's own router,
OpenAPI generation and error answers stay as they are.
"""

from __future__ import annotations

from typing import Any

from starlette.datastructures import URLPath
from starlette.routing import BaseRoute, Match, NoMatchFound, Router
from starlette.types import Receive, Scope, Send

from pywats_server.routing import WatsRoute, request_segments

# How many leading segments key the index: "/api/Production/Unit/…" → ("api", "production", "unit").
KEY_DEPTH = 3
# Distinct request shapes remembered; beyond this (a client probing random paths) candidates are recomputed.
MAX_CACHED_KEYS = 4096

_Key = tuple[int, tuple[str, ...]]


def request_key(segments: tuple[str, ...]) -> _Key:
    """The index key of a request: its segment count and its first segments, case-folded."""
    return len(segments), tuple(segment.casefold() for segment in segments[:KEY_DEPTH])


def could_match(route: BaseRoute, key: _Key) -> bool:
    """False only when ``route`` cannot match a request with this key (non-WATS routes always might)."""
    if not isinstance(route, WatsRoute):
        return True
    count, leading = key
    if route.template.segment_count != count:
        return False
    return all(
        literal is None or literal == value
        for literal, value in zip(route.template.leading_literals(KEY_DEPTH), leading, strict=False)
    )


class RouteIndex:
    """Candidate routes per request key, in the router's order; rebuilt when routes are added."""

    def __init__(self) -> None:
        self._routes: list[BaseRoute] = []
        self._route_count = -1
        self._candidates: dict[_Key, tuple[BaseRoute, ...]] = {}

    @property
    def cached_key_count(self) -> int:
        """How many request keys have their candidates remembered."""
        return len(self._candidates)

    def candidates(self, routes: list[BaseRoute], key: _Key) -> tuple[BaseRoute, ...]:
        """The routes of ``routes`` that could match a request with ``key``."""
        if routes is not self._routes or len(routes) != self._route_count:
            self._routes, self._route_count = routes, len(routes)
            self._candidates.clear()
        found = self._candidates.get(key)
        if found is None:
            found = tuple(route for route in routes if could_match(route, key))
            if len(self._candidates) < MAX_CACHED_KEYS:
                self._candidates[key] = found
        return found


class IndexedRoutes(BaseRoute):
    """A route placed first in a router that finds the matching WATS route through a :class:`RouteIndex`.

    It answers :attr:`Match.FULL` (with the found route's scope) only when the first full match among the
    candidates is a :class:`WatsRoute`; otherwise :attr:`Match.NONE`, and the router's ordinary scan over the
    same list (which still holds every route, for OpenAPI and for 404/405 answers) decides.
    """

    def __init__(self, routes: list[BaseRoute]) -> None:
        self._routes = routes
        self._index = RouteIndex()

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if scope["type"] != "http":
            return Match.NONE, {}
        key = request_key(request_segments(scope))
        for route in self._index.candidates(self._routes, key):
            if route is self:
                continue
            match, child_scope = route.matches(scope)
            if match == Match.FULL:
                return (Match.FULL, child_scope) if isinstance(route, WatsRoute) else (Match.NONE, {})
        return Match.NONE, {}

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        route = scope["route"]  # set by the WatsRoute that matched
        await route.handle(scope, receive, send)

    def url_path_for(self, name: str, /, **path_params: Any) -> URLPath:
        raise NoMatchFound(name, path_params)


def use_route_index(router: Router) -> None:
    """Put an :class:`IndexedRoutes` in front of ``router``'s routes (call after adding and sorting them)."""
    router.routes.insert(0, IndexedRoutes(router.routes))
