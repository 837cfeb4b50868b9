"""The main window: the tabs, the File menu and the ``[Connected]``/``[Disconnected]`` title."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QWidget

from pywats_client.gui.link import ServiceLink, ServiceState
from pywats_client.gui.views.converters_view import ConvertersView
from pywats_client.gui.views.dashboard_view import DashboardView
from pywats_client.gui.views.log_view import LogView
from pywats_client.gui.views.queue_view import QueueView
from pywats_client.gui.views.setup_view import SetupView
from pywats_client.gui.words import explain

__all__ = ["APP_NAME", "MainWindow", "window_title"]

logger = logging.getLogger("pywats_client.gui")

APP_NAME = "pyWATS Client"


def window_title(station: str, connected: bool) -> str:
    """``pyWATS Client - STATION-01 [Connected]``."""
    name = f"{APP_NAME} - {station}" if station else APP_NAME
    return f"{name} [{'Connected' if connected else 'Disconnected'}]"


class MainWindow(QMainWindow):
    """Owns the :class:`ServiceLink`; every view gets it."""

    restart_requested = Signal()
    """File ▸ Restart GUI: the application closes this window and starts the GUI again."""

    def __init__(self, link: ServiceLink, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.link = link
        link.setParent(self)
        self.setup = SetupView(link)
        self.dashboard = DashboardView(link)
        self.queue = QueueView(link)
        self.converters = ConvertersView(link)
        self.log = LogView(link)
        self.tabs = QTabWidget()
        for view, name in (
            (self.dashboard, "Dashboard"),
            (self.setup, "Setup"),
            (self.converters, "Converters"),
            (self.queue, "Queue"),
            (self.log, "Log"),
        ):
            self.tabs.addTab(view, name)
        self.tabs.currentChanged.connect(self._tab_shown)
        self.setCentralWidget(self.tabs)
        self.connection_label = QLabel()
        self.statusBar().addPermanentWidget(self.connection_label)
        self._build_menu()
        link.state_changed.connect(self._show_state)
        link.config_changed.connect(lambda _: self._update_title())
        self.resize(980, 640)
        link.reload_config()
        self._show_state(link.state)

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu("&File")
        self.restart_action = QAction("&Restart GUI", self, shortcut=QKeySequence("Ctrl+R"))
        self.restart_action.setStatusTip(
            "Restart the GUI and reload the configuration; the service keeps running"
        )
        self.restart_action.triggered.connect(self.restart_gui)
        self.stop_action = QAction("&Stop Service", self, shortcut=QKeySequence("Ctrl+Shift+S"))
        self.stop_action.setStatusTip("Ask the service to stop (file watching and uploads end)")
        self.stop_action.triggered.connect(self.stop_service)
        self.exit_action = QAction("E&xit", self, shortcut=QKeySequence("Alt+F4"))
        self.exit_action.setStatusTip("Close the GUI; the service keeps running")
        self.exit_action.triggered.connect(self.close)
        menu.addAction(self.restart_action)
        menu.addAction(self.stop_action)
        menu.addSeparator()
        menu.addAction(self.exit_action)

    # -- state ------------------------------------------------------------------------------------------

    def _station(self) -> str:
        loaded = self.link.loaded
        return loaded.config.station_name if loaded is not None else ""

    def _update_title(self) -> None:
        self.setWindowTitle(window_title(self._station(), self.link.connected))

    def _show_state(self, state: ServiceState) -> None:
        self._update_title()
        self.stop_action.setEnabled(state.connected)
        if state.connected:
            self.connection_label.setText(f"Service: {state.status.get('state', '?')}")
        else:
            self.connection_label.setText("Service: not reachable")
            self.connection_label.setToolTip(state.problem)

    def _tab_shown(self, _: int) -> None:
        current = self.tabs.currentWidget()
        if current is self.queue:
            self.queue.refresh()
        elif current is self.log:
            self.log.fetch()

    # -- File menu --------------------------------------------------------------------------------------

    def restart_gui(self) -> None:
        logger.info("Restarting the GUI")
        self.restart_requested.emit()

    def stop_service(self) -> None:
        """Ask the service to stop through the management API; the title turns [Disconnected] once it has."""
        self.statusBar().showMessage("Asking the service to stop…")
        self.link.call(self, lambda client: client.stop(), self._stop_sent, self._stop_failed)

    def _stop_sent(self, _: object) -> None:
        self.statusBar().showMessage("The service is stopping.", 10_000)
        self.link.poll()

    def _stop_failed(self, exc: Exception) -> None:
        self.statusBar().showMessage(f"Could not stop the service: {explain(exc)}", 15_000)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.link.stop()
        super().closeEvent(event)
