"""Fixtures of the GUI tests: Qt offscreen, a real station service, and a trap for Qt warnings.

``QT_QPA_PLATFORM=offscreen`` is set when the test session's QApplication is made (this
``qapp`` replaces pytest-qt's), so no display is needed and none is used.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from station_process import StationProcess, write_config

from pywats.testing import LocalWATSServer, ServerControl
from pywats_client.paths import InstancePaths

# The offscreen platform plugin says this whenever a window is shown; it is about the plugin
# (no window manager to pass size hints to), not about our widgets.
PLATFORM_NOISE = ("This plugin does not support propagateSizeHints()",)


@pytest.fixture(scope="session")
def qapp() -> Iterator[Any]:
    """The session's QApplication, made with the offscreen platform."""
    from PySide6.QtWidgets import QApplication

    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = QApplication.instance() or QApplication(["pywats-client-tests"])
    yield app


@pytest.fixture
def qt_warnings(qapp: Any) -> Iterator[list[str]]:
    """Qt's warnings during the test; the test fails if there are any (platform noise aside)."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    seen: list[str] = []

    def handler(kind: QtMsgType, context: Any, message: str) -> None:
        if kind != QtMsgType.QtDebugMsg and kind != QtMsgType.QtInfoMsg and message not in PLATFORM_NOISE:
            seen.append(f"{kind.name}: {message}")
        if previous is not None:
            previous(kind, context, message)

    previous = qInstallMessageHandler(handler)
    yield seen
    qInstallMessageHandler(previous)
    assert seen == [], "Qt warned:\n" + "\n".join(seen)


@pytest.fixture
def station_paths(tmp_path: Path, wats_server: LocalWATSServer, wats_control: ServerControl) -> InstancePaths:
    """A configuration file for a station uploading to the test server (reset for the test)."""
    return write_config(tmp_path / "station" / "config.json", wats_server.url, wats_server.token)


@pytest.fixture
def station(station_paths: InstancePaths) -> Iterator[StationProcess]:
    """A running ``pywats-client start --api`` process for ``station_paths``."""
    process = StationProcess(station_paths)
    process.start()
    try:
        yield process
    finally:
        process.stop()


@pytest.fixture
def window_for(qtbot: Any, qt_warnings: list[str]) -> Iterator[Any]:
    """``window_for(paths)``: the GUI's main window for an instance, shown, polling every 200 ms."""
    from pywats_client.gui.app import build_window
    from pywats_client.gui.tasks import wait_for_tasks

    made: list[Any] = []

    def make(paths: InstancePaths) -> Any:
        window = build_window(paths, poll_ms=200)
        qtbot.addWidget(window)
        window.show()
        made.append(window)
        return window

    yield make
    for window in made:
        window.close()
    wait_for_tasks()
