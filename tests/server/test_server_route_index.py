"""The route index finds the very route the router's plain scan would find, for every server route."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from starlette.routing import BaseRoute, Match

from pywats_server.app import create_app
from pywats_server.route_index import IndexedRoutes, RouteIndex, request_key
from pywats_server.routing import WatsRoute
from pywats_server.settings import ServerSettings


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    return create_app(ServerSettings(users={"u": "p"}, data_dir=tmp_path_factory.mktemp("route-index")))


def http_scope(method: str, path: str) -> dict[str, Any]:
    return {"type": "http", "method": method, "path": path, "raw_path": path.encode(), "query_string": b""}


def plain_scan(routes: list[BaseRoute], scope: dict[str, Any]) -> BaseRoute | None:
    """What Starlette's router does: the first route that matches fully, in order."""
    for route in routes:
        if isinstance(route, IndexedRoutes):
            continue
        match, _ = route.matches(dict(scope))
        if match == Match.FULL:
            return route
    return None


def sample_paths(route: WatsRoute) -> list[str]:
    """Paths the route should serve: parameters filled in, and the same with static text in other cases."""
    filled = "/".join("value-1" if part.startswith("{") else part for part in route.path.split("/"))
    return [filled, filled.upper().replace("VALUE-1", "value-1"), filled.lower() + "/"]


def test_the_index_sits_first_and_every_route_is_still_listed(app: FastAPI) -> None:
    routes = app.router.routes
    assert isinstance(routes[0], IndexedRoutes)
    # OpenAPI and the 404/405 answers still see every route.
    assert sum(isinstance(route, WatsRoute) for route in routes) > 200


def test_index_chooses_the_same_route_as_the_plain_scan_for_every_route(app: FastAPI) -> None:
    index = app.router.routes[0]
    assert isinstance(index, IndexedRoutes)
    checked = 0
    for route in app.router.routes:
        if not isinstance(route, WatsRoute):
            continue
        for method in sorted(route.methods or ()):
            for path in sample_paths(route):
                scope = http_scope(method, path)
                expected = plain_scan(app.router.routes, scope)
                match, child_scope = index.matches(dict(scope))
                assert match == Match.FULL, (method, path)
                assert child_scope["route"] is expected, (method, path, route.path)
                checked += 1
    assert checked > 600


def test_index_leaves_wrong_methods_and_unknown_paths_to_the_plain_scan(app: FastAPI) -> None:
    index = app.router.routes[0]
    assert isinstance(index, IndexedRoutes)
    assert index.matches(http_scope("POST", "/api/App/Version"))[0] == Match.NONE
    assert index.matches(http_scope("GET", "/api/No/Such/Thing"))[0] == Match.NONE
    assert index.matches({"type": "websocket", "path": "/api/App/Version"})[0] == Match.NONE


def test_routes_added_after_the_first_request_are_found(tmp_path: Path) -> None:
    app = create_app(ServerSettings(users={"u": "p"}, data_dir=tmp_path))
    index = app.router.routes[0]
    assert isinstance(index, IndexedRoutes)
    scope = http_scope("GET", "/api/Late/Route")
    assert index.matches(dict(scope))[0] == Match.NONE

    @app.router.get("/api/Late/Route")
    def late() -> str:
        return "late"

    match, child_scope = index.matches(dict(scope))
    assert match == Match.FULL
    assert child_scope["route"].path == "/api/Late/Route"


def test_candidate_cache_is_bounded() -> None:
    index = RouteIndex()
    routes: list[BaseRoute] = []
    for number in range(10_000):
        index.candidates(routes, request_key((f"probe-{number}",)))
    assert index.cached_key_count == 4096


def test_wrong_method_and_unknown_path_over_the_wire(client: httpx.Client) -> None:
    assert client.post("/api/App/Version").status_code == 405
    assert client.get("/API/app/VERSION").status_code == 200
    assert client.get("/api/App/Version/Extra").status_code == 404
