"""The GUI's one link to the service: the configuration file and the management API.

:class:`ServiceLink` polls the service (status and upload history) from a pool thread every
``poll_ms``, tells the window whether it answers, and runs the views' API calls off the UI
thread. It finds the service the way the CLI does: the instance's ``service.json`` names the
management API's port, the secret file next to the configuration authorises the calls.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from pywats_client.api.client import ManagementClient, ManagementError, connect
from pywats_client.config import LoadedConfig, load_config
from pywats_client.gui.tasks import run_task
from pywats_client.gui.words import explain
from pywats_client.paths import InstancePaths

__all__ = ["DEFAULT_POLL_MS", "HISTORY_HOURS", "ServiceLink", "ServiceState"]

logger = logging.getLogger("pywats_client.gui")

DEFAULT_POLL_MS = 2000
HISTORY_HOURS = 12
HISTORY_BUCKET_S = 3600


@dataclass
class ServiceState:
    """What one poll found: the service's status and history, or why it did not answer."""

    connected: bool
    status: dict[str, Any] = field(default_factory=dict)
    history: dict[str, Any] = field(default_factory=dict)
    problem: str = ""
    client: ManagementClient | None = None


def _poll(paths: InstancePaths) -> ServiceState:
    """Runs on a pool thread: find the service and ask it how it is."""
    try:
        loaded = load_config(paths, required=False)
    except Exception as exc:  # a broken file: the Setup tab says what is wrong with it
        return ServiceState(False, problem=explain(exc))
    client = connect(loaded)
    if client is None:
        return ServiceState(False, problem="The service is not running (or runs without --api).")
    try:
        status = client.status()
        history = client.history(HISTORY_HOURS, HISTORY_BUCKET_S)
    except ManagementError as exc:
        return ServiceState(False, problem=explain(exc))
    return ServiceState(True, status, history, client=client)


class ServiceLink(QObject):
    """Configuration and service access for the views; emits what changed."""

    state_changed = Signal(object)
    """A new :class:`ServiceState` after every poll."""
    connection_changed = Signal(bool)
    """True when the service starts answering, False when it stops."""
    config_changed = Signal(object)
    """The :class:`LoadedConfig` after it was (re)loaded or saved."""

    def __init__(
        self, paths: InstancePaths, *, poll_ms: int = DEFAULT_POLL_MS, parent: QObject | None = None
    ):
        super().__init__(parent)
        self.paths = paths
        self.loaded: LoadedConfig | None = None
        self.config_problem = ""
        self.state = ServiceState(False, problem="Looking for the service…")
        self._polling = False
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)
        self._timer.timeout.connect(self.poll)

    # -- configuration --------------------------------------------------------------------------------

    def reload_config(self) -> LoadedConfig | None:
        """Read the configuration file again (defaults if there is none); None if it is broken."""
        try:
            self.loaded = load_config(self.paths, required=False)
            self.config_problem = ""
        except Exception as exc:  # shown to the user; the GUI keeps running
            self.loaded = None
            self.config_problem = explain(exc)
        self.config_changed.emit(self.loaded)
        return self.loaded

    # -- the service ----------------------------------------------------------------------------------

    @property
    def connected(self) -> bool:
        return self.state.connected

    def start(self) -> None:
        """Poll now and then every ``poll_ms``."""
        self.poll()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def poll(self) -> None:
        """Ask the service how it is (skipped while the previous poll is still out)."""
        if self._polling:
            return
        self._polling = True
        run_task(self, lambda: _poll(self.paths), self._polled, self._poll_failed)

    def _polled(self, state: ServiceState) -> None:
        self._polling = False
        was = self.state.connected
        self.state = state
        if state.connected != was:
            logger.info("Service %s", "connected" if state.connected else f"disconnected: {state.problem}")
            self.connection_changed.emit(state.connected)
        self.state_changed.emit(state)

    def _poll_failed(self, exc: Exception) -> None:
        self._polled(ServiceState(False, problem=explain(exc)))

    def call(
        self,
        owner: QObject,
        work: Callable[[ManagementClient], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        """Run ``work(client)`` off the UI thread; ``on_error`` gets a ManagementError if no service runs."""
        client = self.state.client
        if client is None:
            on_error(ManagementError("the service is not running"))
            return
        run_task(owner, lambda: work(client), on_done, on_error)
