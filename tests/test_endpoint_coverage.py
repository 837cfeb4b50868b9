"""Every catalogued WATS endpoint has a client method and a server route.

The catalogue is ``shared/wats-api/endpoints.md`` §2–§12 (what the WATS server is known to
serve). A domain joins ``COVERED`` when it is implemented; from then on a missing client call
or server route fails this test. ``NOT_IMPLEMENTED`` lists single endpoints left out, each with
its reason.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT.parent / "shared" / "wats-api" / "endpoints.md"
CLIENT_DOMAINS = ROOT / "src" / "pywats"

# endpoints.md section number → domain; a domain is checked once it is listed in COVERED.
SECTIONS = {
    2: "app",
    3: "product",
    4: "production",
    5: "asset",
    6: "report",
    7: "analytics",
    8: "process",
    9: "software",
    10: "rootcause",
    11: "scim",
    12: "manual_inspection",
}
COVERED: set[str] = {
    "analytics",
    "app",
    "asset",
    "manual_inspection",
    "process",
    "product",
    "production",
    "report",
    "rootcause",
    "scim",
    "software",
}
# "METHOD /api/path" → why it is not implemented.
NOT_IMPLEMENTED: dict[str, str] = {}

_ENDPOINT_RE = re.compile(r"`(GET|POST|PUT|DELETE|PATCH) (/api/[^`?\s]*)[^`]*`")
# §12 writes its paths relative to this prefix: `GET GetSequences`.
_MI_PREFIX = "/api/internal/ManualInspection/"
_MI_RE = re.compile(r"^\| `(GET|POST|PUT|DELETE|PATCH) ([A-Za-z][^`?\s]*)`")
_SECTION_RE = re.compile(r"^## (\d+)\. ")


def catalogue() -> dict[str, set[tuple[str, str]]]:
    """Domain → {(METHOD, template)} from headings and table rows of §2–§12."""
    found: dict[str, set[tuple[str, str]]] = {name: set() for name in SECTIONS.values()}
    section = 0
    for line in CATALOGUE.read_text(encoding="utf-8").splitlines():
        match = _SECTION_RE.match(line)
        if match:
            section = int(match.group(1))
            continue
        domain = SECTIONS.get(section)
        if domain is None or not (line.startswith("###") or line.startswith("| `")):
            continue
        for method, path in _ENDPOINT_RE.findall(line):
            found[domain].add((method, normalise(path)))
        if domain == "manual_inspection":
            for method, path in _MI_RE.findall(line):
                found[domain].add((method, normalise(_MI_PREFIX + path)))
    return found


def normalise(path: str) -> str:
    """Case-folded template with every parameter written ``{}``."""
    parts = []
    for part in path.rstrip("/").split("/"):
        parts.append("{}" if "{" in part else part.lower())
    return "/".join(parts)


def server_routes() -> set[tuple[str, str]]:
    from pywats_server.app import create_app
    from pywats_server.settings import ServerSettings

    app = create_app(ServerSettings(users={"u": "p"}))
    routes = set()
    for route in app.routes:
        path = getattr(route, "path", "")
        for method in getattr(route, "methods", None) or ():
            routes.add((method, normalise(path)))
    return routes


def _template(node: ast.expr) -> str | None:
    """The path a client call builds: constants kept, anything computed becomes ``{}``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _template(node.left), _template(node.right)
        return (left if left is not None else "{}") + (right if right is not None else "{}")
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)  # type: ignore[misc]
    return None


def client_calls() -> set[tuple[str, str]]:
    """(METHOD, template) of every ``transport.request(...)`` call in the async repositories and clients."""
    calls = set()
    for path in CLIENT_DOMAINS.rglob("*.py"):
        if path.name.startswith("async_") or path.name.startswith("_async"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("request", "request_raw", "stream", "upload", "download")
                    and len(node.args) >= 2
                    and isinstance(node.args[0], ast.Constant)
                ):
                    template = _template(node.args[1])
                    if template is not None:
                        calls.add((str(node.args[0].value), normalise(template.replace("{}", "{x}"))))
    return calls


def test_catalogue_is_read() -> None:
    endpoints = catalogue()
    assert sum(len(v) for v in endpoints.values()) > 170
    assert ("GET", "/api/app/version") in endpoints["app"]


def test_the_checker_sees_both_sides() -> None:
    version = ("GET", "/api/app/version")
    assert version in server_routes()
    assert version in client_calls()
    assert ("GET", "/api/product/{}") in client_calls()


@pytest.mark.parametrize("domain", sorted(COVERED))
def test_covered_domains_have_client_and_server(domain: str) -> None:
    endpoints = {e for e in catalogue()[domain] if f"{e[0]} {e[1]}" not in {_key(k) for k in NOT_IMPLEMENTED}}
    missing_server = sorted(endpoints - server_routes())
    missing_client = sorted(endpoints - client_calls())
    assert missing_server == [], f"no server route for {missing_server}"
    assert missing_client == [], f"no client method for {missing_client}"


def _key(entry: str) -> str:
    method, path = entry.split(" ", 1)
    return f"{method} {normalise(path)}"
