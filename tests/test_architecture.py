"""House rules that code review alone would miss."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def _imports(package: str) -> set[tuple[str, str]]:
    found = set()
    for path in (SRC / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                found.add((str(path.relative_to(SRC)), node.module))
            elif isinstance(node, ast.Import):
                found.update((str(path.relative_to(SRC)), alias.name) for alias in node.names)
    return found


def test_server_does_not_reuse_the_clients_decisions() -> None:
    """The server is the oracle: it may share only the pure report-format layer of pywats."""
    allowed_prefixes = ("pywats.domains.report.formats", "pywats.domains.report.models")
    offending = [
        (path, module)
        for path, module in _imports("pywats_server")
        if (module == "pywats" or module.startswith("pywats.")) and not module.startswith(allowed_prefixes)
    ]
    assert offending == []


def test_library_does_not_import_client_or_server() -> None:
    offending = [
        (path, module)
        for path, module in _imports("pywats")
        if module.split(".")[0] in ("pywats_client", "pywats_server")
    ]
    assert offending == []
