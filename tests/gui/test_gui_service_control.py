"""The File menu and the live title against a real service: Stop Service, Exit, Restart GUI."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

from PySide6.QtGui import QKeySequence
from station_process import StationProcess

from pywats_client.api.client import connect
from pywats_client.gui.launch import restart_command
from pywats_client.paths import resolve_paths


def test_title_follows_the_service_and_stop_service_stops_it(
    station: StationProcess, window_for: Any, qtbot: Any
) -> None:
    window = window_for(station.paths)
    qtbot.waitUntil(lambda: window.windowTitle().endswith("[Connected]"), timeout=10_000)
    assert window.windowTitle() == "pyWATS Client - GUI-TEST-01 [Connected]"
    actions = {a.text().replace("&", ""): a for a in window.menuBar().actions()[0].menu().actions()}
    assert actions["Restart GUI"].shortcut() == QKeySequence("Ctrl+R")
    assert actions["Stop Service"].shortcut() == QKeySequence("Ctrl+Shift+S")
    assert actions["Exit"].shortcut() == QKeySequence("Alt+F4")

    actions["Stop Service"].trigger()
    qtbot.waitUntil(lambda: window.windowTitle().endswith("[Disconnected]"), timeout=15_000)
    assert station.wait_exit() == 0  # it stopped cleanly, asked through the management API
    assert window.windowTitle() == "pyWATS Client - GUI-TEST-01 [Disconnected]"
    assert not window.stop_action.isEnabled()
    assert window.dashboard.cards["service"].value.text() == "Not running"

    station.start()  # the title turns back when the service answers again
    qtbot.waitUntil(lambda: window.windowTitle().endswith("[Connected]"), timeout=15_000)


def test_exit_closes_the_gui_and_leaves_the_service_running(
    station: StationProcess, window_for: Any, qtbot: Any
) -> None:
    window = window_for(station.paths)
    qtbot.waitUntil(lambda: window.link.connected, timeout=10_000)
    window.exit_action.trigger()
    assert not window.isVisible()
    client = connect(station.loaded)
    assert client is not None and client.status()["state"] == "running"
    assert station.process is not None and station.process.poll() is None


def test_restart_gui_asks_for_a_new_gui_process(station: StationProcess, window_for: Any, qtbot: Any) -> None:
    window = window_for(station.paths)
    with qtbot.waitSignal(window.restart_requested, timeout=1000):
        window.restart_action.trigger()
    command = restart_command(station.paths)
    assert command[-3:] == ["--config", str(station.paths.config_file), "gui"]
    assert restart_command(resolve_paths(instance="bench-2"))[-3:] == ["--instance", "bench-2", "gui"]


def _cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, timeout=60, env={**clean, **env}
    )


def test_without_a_display_the_gui_says_why_and_exits_non_zero(tmp_path: Any) -> None:
    config = str(tmp_path / "config.json")
    explicit = _cli("-m", "pywats_client", "--config", config, "gui")
    assert explicit.returncode == 1
    assert "cannot open the GUI: no display is available" in explicit.stderr
    bare = _cli("-m", "pywats_client", "--config", config)
    assert bare.returncode == 2
    assert "usage: pywats-client" in bare.stdout and "The GUI was not opened: no display" in bare.stdout
    no_qt = _cli(
        "-c",
        "import sys; sys.modules['PySide6'] = None; from pywats_client.__main__ import main; "
        f"sys.exit(main(['--config', {config!r}, 'gui']))",
        QT_QPA_PLATFORM="offscreen",
    )
    assert no_qt.returncode == 1
    assert "the GUI needs PySide6, which is not installed: `pip install pywats-api[client]`" in no_qt.stderr


def test_gui_command_opens_the_window_offscreen(tmp_path: Any) -> None:
    """The real entry point: the window opens, and closes when Qt is asked to quit."""
    script = (
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication(['t'])\n"
        "QTimer.singleShot(1500, lambda: [w.close() for w in app.topLevelWidgets()])\n"
        "from pywats_client.__main__ import main\n"
        f"sys.exit(main(['--config', {str(tmp_path / 'config.json')!r}]))\n"
    )
    opened = _cli("-c", script, QT_QPA_PLATFORM="offscreen")
    assert opened.returncode == 0, opened.stderr
