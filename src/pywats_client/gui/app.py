"""The Qt application around the main window."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QApplication

from pywats_client import __version__
from pywats_client.gui.launch import RESTART_EXIT_CODE
from pywats_client.gui.link import ServiceLink
from pywats_client.gui.main_window import APP_NAME, MainWindow
from pywats_client.gui.tasks import wait_for_tasks
from pywats_client.paths import InstancePaths

__all__ = ["build_window", "run_application"]

logger = logging.getLogger("pywats_client.gui")


def build_window(paths: InstancePaths, *, poll_ms: int | None = None) -> MainWindow:
    """The main window for one instance, polling the service (an application must exist)."""
    link = ServiceLink(paths) if poll_ms is None else ServiceLink(paths, poll_ms=poll_ms)
    window = MainWindow(link)
    link.start()
    return window


def run_application(paths: InstancePaths) -> int:
    """Show the window and run the event loop; :data:`RESTART_EXIT_CODE` after File ▸ Restart GUI."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    window = build_window(paths)
    restart = False

    def restart_requested() -> None:
        nonlocal restart
        restart = True
        window.close()

    window.restart_requested.connect(restart_requested)
    window.show()
    code = app.exec()
    wait_for_tasks()
    return RESTART_EXIT_CODE if restart else int(code)
