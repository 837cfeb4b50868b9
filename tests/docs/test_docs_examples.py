"""Every Python example in ``docs/`` runs against ``pywats-server``; so does every script in ``examples/``.

A page's ``python`` blocks run in order in one namespace (later blocks may use what earlier ones
defined), after a server reset, in a temporary working directory, with ``WATS_BASE_URL`` and
``WATS_AUTH_TOKEN`` pointing at the local server. The placeholders ``https://wats.example.com``
and ``YOUR_TOKEN`` are replaced by its address and token. A block that cannot run on its own is
preceded by ``<!-- no-run: reason -->``; those are counted and must give their reason.
"""

from __future__ import annotations

import ast
import asyncio
import inspect
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from pywats.testing import LocalWATSServer, ServerControl

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
EXAMPLES = ROOT / "examples"
URL_PLACEHOLDER = "https://wats.example.com"
TOKEN_PLACEHOLDER = "YOUR_TOKEN"
NO_RUN = re.compile(r"<!--\s*no-run:\s*(?P<reason>.*?)\s*-->")
MAX_NO_RUN = 6  # a new one is a decision: raise this with a reason in the page


@dataclass(frozen=True)
class Block:
    page: str
    line: int
    code: str
    no_run: str | None


def blocks(path: Path) -> list[Block]:
    """The ``python`` fenced blocks of one page, with their no-run reasons."""
    found: list[Block] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    page = path.relative_to(DOCS).as_posix()
    index = 0
    while index < len(lines):
        if lines[index].strip() == "```python":
            start = index
            index += 1
            body: list[str] = []
            while index < len(lines) and lines[index].strip() != "```":
                body.append(lines[index])
                index += 1
            previous = next((lines[i] for i in range(start - 1, -1, -1) if lines[i].strip()), "")
            match = NO_RUN.search(previous)
            found.append(
                Block(page, start + 1, "\n".join(body) + "\n", match.group("reason") if match else None)
            )
        index += 1
    return found


PAGES = sorted(p for p in DOCS.rglob("*.md") if any(b.no_run is None for b in blocks(p)))
SCRIPTS = sorted(EXAMPLES.glob("*.py"))


@pytest.fixture
def docs_env(
    wats_server: LocalWATSServer,
    wats_control: ServerControl,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> LocalWATSServer:
    monkeypatch.setenv("WATS_BASE_URL", wats_server.url)
    monkeypatch.setenv("WATS_AUTH_TOKEN", wats_server.token)
    # No station configured: examples that could use a station queue deliver directly.
    monkeypatch.setenv("PYWATS_CLIENT_CONFIG", str(tmp_path / "no-station" / "config.json"))
    monkeypatch.chdir(tmp_path)
    return wats_server


def run_block(block: Block, namespace: dict[str, object], server: LocalWATSServer) -> None:
    code = block.code.replace(URL_PLACEHOLDER, server.url).replace(TOKEN_PLACEHOLDER, server.token)
    # Line numbers in tracebacks point into the page.
    source = "\n" * block.line + code
    compiled = compile(source, str(DOCS / block.page), "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
    if compiled.co_flags & inspect.CO_COROUTINE:
        asyncio.run(eval(compiled, namespace))
    else:
        exec(compiled, namespace)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_page_examples_run(page: Path, docs_env: LocalWATSServer) -> None:
    namespace: dict[str, object] = {"__name__": "__docs__"}
    for block in blocks(page):
        if block.no_run is None:
            run_block(block, namespace, docs_env)


def test_no_run_blocks_are_few_and_explained() -> None:
    skipped = [b for p in sorted(DOCS.rglob("*.md")) for b in blocks(p) if b.no_run is not None]
    for block in skipped:
        assert len(block.no_run or "") >= 10, f"{block.page}:{block.line} needs a reason"
    print(
        f"{len(skipped)} documentation blocks do not run: " + "; ".join(f"{b.page}:{b.line}" for b in skipped)
    )
    assert len(skipped) <= MAX_NO_RUN
    total = sum(len(blocks(p)) for p in DOCS.rglob("*.md"))
    assert total - len(skipped) >= 40  # the docs' examples really are executed


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_example_scripts_run(script: Path, docs_env: LocalWATSServer, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(script)],
        cwd=tmp_path,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, f"{script.name} failed:\n{done.stdout}\n{done.stderr}"
