"""Render each view of the station GUI offscreen into ``docs/images/`` (``make screenshots``).

A throw-away ``pywats-server`` and a station service (``pywats-client start --api``) are
started with a temporary configuration; a few reports are uploaded and one is refused, so every
view has something to show. Qt runs with ``QT_QPA_PLATFORM=offscreen``: no display is needed.

    python tools/gui_screenshots.py [--out docs/images]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtWidgets import QApplication

from pywats.domains.report.formats.wsjf import to_wsjf
from pywats.testing import LocalWATSServer
from pywats.tools.test_uut import TestUUT
from pywats_client.api.client import connect
from pywats_client.config import load_config, save_config
from pywats_client.gui.app import build_window
from pywats_client.paths import resolve_paths

ROOT = Path(__file__).resolve().parents[1]
VIEWS = ("Dashboard", "Setup", "Converters", "Queue", "Log")
SIZE = (1000, 640)


def _wait(app: QApplication, condition: Callable[[], Any], timeout_s: float, what: str) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        app.processEvents()
        if condition():
            return
        time.sleep(0.02)
    raise SystemExit(f"timed out waiting for {what}")


def _report(folder: Path, sn: str, ok: bool) -> None:
    uut = TestUUT("PSU-48V-2K", sn, "C", "mkovacs", 10, station_name="EOL-07", location="Line 3")
    uut.root.add_numeric_step(
        "Output voltage", 48.02 if ok else 46.1, low_limit=47.5, high_limit=48.5, unit="V"
    )
    (folder / f"{sn}.json").write_bytes(to_wsjf(uut))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "images"), help="directory for the PNG files")
    out = Path(parser.parse_args(argv).out)
    out.mkdir(parents=True, exist_ok=True)
    with LocalWATSServer() as server, tempfile.TemporaryDirectory(prefix="pywats-gui-") as tmp:
        base = Path(tmp)
        inbox = base / "in"
        inbox.mkdir()
        paths = resolve_paths(base / "config.json")
        save_config(
            paths,
            {
                "service_address": server.url,
                "api_token": server.token,
                "station_name": "EOL-07",
                "location": "Line 3",
                "purpose": "Production",
                "folders": [{"path": str(inbox), "post_action": "keep"}],
                "converters": {"junit": {"options": {"process_code": 10, "timezone": "Europe/Oslo"}}},
                "file_stable_s": 0.2,
                "scan_interval_s": 0.5,
                "retry_initial_s": 300,
                "api_port": 0,
            },
        )
        server.control.add_fault(path="/api/Report/WSJF", method="POST", status=400, count=1)
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYWATS_CLIENT_")}
        command = [
            sys.executable,
            "-m",
            "pywats_client",
            "--config",
            str(paths.config_file),
            "start",
            "--api",
        ]
        with open(base / "service.log", "wb") as log:
            service = subprocess.Popen(command, stdout=log, stderr=log, stdin=subprocess.DEVNULL, env=env)
        try:
            return _shoot(paths, inbox, out)
        finally:
            client = connect(load_config(paths))
            if client is not None:
                client.stop()
            try:
                service.wait(timeout=15)
            except subprocess.TimeoutExpired:
                service.kill()


def _shoot(paths: Any, inbox: Path, out: Path) -> int:
    app = QApplication.instance() or QApplication(["pywats-client"])
    assert isinstance(app, QApplication)
    window = build_window(paths, poll_ms=300)
    window.resize(*SIZE)
    window.show()
    _wait(app, lambda: window.link.connected, 30, "the service")
    _report(inbox, "PSU2K-0004711", ok=False)  # refused by the fault: parked
    _wait(app, lambda: window.link.state.status.get("parked"), 20, "a parked report")
    for number in range(4712, 4718):
        _report(inbox, f"PSU2K-000{number}", ok=number % 3 != 0)
    _wait(app, lambda: window.link.state.status.get("uploaded", 0) >= 6, 20, "the uploads")
    _wait(
        app,
        lambda: sum(b["uploaded"] for b in window.link.state.history.get("buckets", [])) >= 6,
        20,
        "history",
    )
    window.queue.filter.setCurrentText("All")
    window.converters.select("junit")
    for index, name in enumerate(VIEWS):
        window.tabs.setCurrentIndex(index)
        if name == "Queue":
            _wait(app, lambda: len(window.queue.entries) >= 7, 10, "the queue listing")
            window.queue.select_id(next(e["id"] for e in window.queue.entries if e["state"] == "parked"))
        if name == "Setup":
            window.setup.test_connection()
            _wait(app, lambda: window.setup.test_button.isEnabled(), 20, "the connection test")
        if name == "Log":
            _wait(app, lambda: len(window.log.lines()) >= 5, 10, "log lines")
        for _ in range(5):
            app.processEvents()
        target = out / f"gui-{name.lower()}.png"
        if not window.grab().save(str(target)):
            raise SystemExit(f"could not write {target}")
        print(f"wrote {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
