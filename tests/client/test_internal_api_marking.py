"""Every service method that reaches an internal endpoint says so in its docstring (the guide's promise).

The check reads the async sources: repository methods that send ``internal=True`` are internal; a
service method is internal if it calls one of them, or another internal service method. Such a method's
docstring must carry the ``⚠️`` internal-API marker; one that only ever uses internal endpoints must
start with ``⚠️ INTERNAL API``. A public method must not claim to be internal.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

DOMAINS = Path(__file__).resolve().parents[2] / "src" / "pywats" / "domains"
# Services whose methods may mix public and internal calls; (domain, files holding the service's methods).
SERVICES = {
    "analytics": ["async_service.py", "async_internal_service.py"],
    "product": ["async_service.py", "async_internal_service.py"],
    "production": ["async_service.py", "async_assembly.py", "async_serial_numbers.py"],
    "process": ["async_service.py"],
}
REPOSITORIES = {
    "analytics": ["async_repository.py", "async_internal_repository.py"],
    "product": ["async_repository.py", "async_internal_repository.py"],
    "production": ["async_repository.py", "async_internal_repository.py"],
    "process": ["async_repository.py"],
}


def _methods(domain: str, files: list[str]) -> dict[str, ast.AsyncFunctionDef | ast.FunctionDef]:
    found: dict[str, ast.AsyncFunctionDef | ast.FunctionDef] = {}
    for name in files:
        tree = ast.parse((DOMAINS / domain / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, ast.AsyncFunctionDef | ast.FunctionDef):
                        found[item.name] = item
    return found


def _sends_internal(method: ast.AST) -> bool:
    return any(
        isinstance(node, ast.keyword)
        and node.arg == "internal"
        and isinstance(node.value, ast.Constant)
        and node.value.value is True
        for node in ast.walk(method)
    )


def _calls(method: ast.AST, owner: str) -> set[str]:
    """Names called as ``self.<name>(…)`` (owner "self") or ``self.repository.<name>(…)``."""
    names = set()
    for node in ast.walk(method):
        if isinstance(node, ast.Attribute):
            target = node.value
            if owner == "self" and isinstance(target, ast.Name) and target.id == "self":
                names.add(node.attr)
            if (
                owner == "repository"
                and isinstance(target, ast.Attribute)
                and target.attr == "repository"
                and isinstance(target.value, ast.Name)
                and target.value.id == "self"
            ):
                names.add(node.attr)
    return names


@pytest.mark.parametrize("domain", sorted(SERVICES))
def test_internal_methods_are_marked(domain: str) -> None:
    repository = _methods(domain, REPOSITORIES[domain])
    internal_repo = {name for name, method in repository.items() if _sends_internal(method)}
    service = _methods(domain, SERVICES[domain])
    internal = {name for name, method in service.items() if _calls(method, "repository") & internal_repo}
    while True:  # methods calling internal service methods are internal too
        more = {name for name, method in service.items() if _calls(method, "self") & internal} - internal
        if not more:
            break
        internal |= more
    assert internal, "the checker found no internal method at all"
    unmarked, overclaimed = [], []
    for name, method in service.items():
        if name.startswith("_"):
            continue
        doc = ast.get_docstring(method) or ""
        if name in internal and "⚠️" not in doc:
            unmarked.append(name)
        if name not in internal and "INTERNAL API" in doc:
            overclaimed.append(name)
    assert unmarked == [], f"internal methods without the ⚠️ marker: {unmarked}"
    assert overclaimed == [], f"public methods marked internal: {overclaimed}"


@pytest.mark.parametrize("domain", sorted(REPOSITORIES))
def test_internal_repository_calls_are_marked(domain: str) -> None:
    for name, method in _methods(domain, REPOSITORIES[domain]).items():
        if _sends_internal(method):
            assert (ast.get_docstring(method) or "").startswith("⚠️ INTERNAL API"), name
