"""The GUI reaches the service only through the management API client and the configuration."""

from __future__ import annotations

import ast
from pathlib import Path

import pywats_client.gui

GUI = Path(pywats_client.gui.__file__).parent
FORBIDDEN = ("pywats_client.service", "pywats_client.queue", "pywats_client.watch", "pywats_client.intake")


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_gui_modules_do_not_import_service_internals() -> None:
    modules = sorted(GUI.rglob("*.py"))
    assert len(modules) >= 10
    for module in modules:
        bad = sorted(name for name in _imports(module) if name.startswith(FORBIDDEN))
        assert bad == [], f"{module.relative_to(GUI)} imports {bad}"


def test_importing_the_gui_package_does_not_import_qt() -> None:
    import subprocess
    import sys

    code = "import sys, pywats_client.gui, pywats_client.cli; print('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == "False"
