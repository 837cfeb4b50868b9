"""The sync and async clients offer the same surface; the sync one is real synchronous code."""

from __future__ import annotations

import ast
import asyncio
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

import pywats
from pywats import AsyncWATS, pyWATS
from pywats.domains.analytics import AnalyticsService, AsyncAnalyticsService
from pywats.domains.asset import AssetService, AsyncAssetService
from pywats.domains.manual_inspection import AsyncManualInspectionService, ManualInspectionService
from pywats.domains.process import AsyncProcessService, ProcessService
from pywats.domains.product import (
    AsyncBoxBuildTemplate,
    AsyncProductService,
    BoxBuildTemplate,
    ProductService,
)
from pywats.domains.production import AsyncProductionService, ProductionService
from pywats.domains.report import AsyncReportService, ReportService
from pywats.domains.rootcause import AsyncRootCauseService, RootCauseService
from pywats.domains.scim import AsyncScimService, ScimService
from pywats.domains.software import AsyncSoftwareService, SoftwareService
from pywats.testing import LocalWATSServer

ROOT = Path(__file__).resolve().parents[2]

PAIRS = [
    (AsyncWATS, pyWATS),
    (AsyncProductService, ProductService),
    (AsyncBoxBuildTemplate, BoxBuildTemplate),
    (AsyncProductionService, ProductionService),
    (AsyncProcessService, ProcessService),
    (AsyncReportService, ReportService),
    (AsyncAssetService, AssetService),
    (AsyncSoftwareService, SoftwareService),
    (AsyncRootCauseService, RootCauseService),
    (AsyncScimService, ScimService),
    (AsyncManualInspectionService, ManualInspectionService),
    (AsyncAnalyticsService, AnalyticsService),
]


def _public(cls: type) -> dict[str, object]:
    return {name: member for name, member in inspect.getmembers(cls) if not name.startswith("_")}


def _comparable(sig: inspect.Signature) -> list[tuple[str, object, object]]:
    # Annotations are compared as text with the Async prefix removed.
    def norm(annotation: object) -> str:
        return str(annotation).replace("Async", "").replace("httpx.Client", "httpx.Client")

    return [(p.name, p.kind, p.default) for p in sig.parameters.values()] + [
        (p.name, norm(p.annotation), None) for p in sig.parameters.values()
    ]


@pytest.mark.parametrize(("async_cls", "sync_cls"), PAIRS)
def test_same_public_names(async_cls: type, sync_cls: type) -> None:
    assert set(_public(async_cls)) == set(_public(sync_cls))


@pytest.mark.parametrize(("async_cls", "sync_cls"), PAIRS)
def test_same_signatures_and_docstrings(async_cls: type, sync_cls: type) -> None:
    async_members, sync_members = _public(async_cls), _public(sync_cls)
    for name, async_member in async_members.items():
        sync_member = sync_members[name]
        if callable(async_member) and not isinstance(async_member, type):
            assert _comparable(inspect.signature(async_member)) == _comparable(
                inspect.signature(sync_member)
            ), name
            if inspect.iscoroutinefunction(async_member):
                assert not inspect.iscoroutinefunction(sync_member), f"{name} must be synchronous in the twin"
        assert (inspect.getdoc(async_member) or "").replace("Async", "").replace("async ", "") == (
            inspect.getdoc(sync_member) or ""
        ).replace("async ", ""), name
    assert (
        inspect.signature(async_cls.__init__).parameters.keys()
        == inspect.signature(sync_cls.__init__).parameters.keys()
    )


def test_generated_twins_are_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "gen_sync.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_sync_modules_use_no_event_loop() -> None:
    # Every generated domain twin: the X.py beside an async_X.py.
    twins = [
        source.with_name(source.name.removeprefix("async_"))
        for source in sorted((ROOT / "src/pywats/domains").glob("*/async_*.py"))
    ]
    for path in [
        ROOT / "src/pywats/_sync_client.py",
        ROOT / "src/pywats/core/_sync_transport.py",
        ROOT / "src/pywats/core/_sync_concurrency.py",
        *twins,
    ]:
        tree = ast.parse(path.read_text())
        names = {
            alias.name.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in node.names
        } | {
            node.module.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module
        }
        assert "asyncio" not in names, path
        assert "threading" not in names, path
        assert not any(isinstance(node, ast.AsyncFunctionDef | ast.Await) for node in ast.walk(tree)), path


def test_sync_client_works_inside_a_running_event_loop(wats_server: LocalWATSServer) -> None:
    """Jupyter and FastAPI run a loop; the sync client must not care (the beta deadlocked here)."""

    async def inside_loop() -> str:
        with pyWATS(base_url=wats_server.url, token=wats_server.token) as api:
            return api.get_version()

    assert asyncio.run(inside_loop())


def test_all_is_sorted_and_importable() -> None:
    assert pywats.__all__ == sorted(pywats.__all__)
    for name in pywats.__all__:
        assert getattr(pywats, name) is not None
    with pytest.raises(AttributeError):
        pywats.NoSuchThing  # noqa: B018


def test_import_is_lazy() -> None:
    code = "import sys, pywats; print('httpx' in sys.modules, 'pydantic' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_package_is_typed() -> None:
    assert (Path(pywats.__file__).parent / "py.typed").exists()
