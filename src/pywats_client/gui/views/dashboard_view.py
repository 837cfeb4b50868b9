"""The **Dashboard** tab: service state, queue depth, uploads today, last upload and error, a chart."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from pywats_client.gui.link import ServiceLink, ServiceState
from pywats_client.gui.views.chart import UploadChart
from pywats_client.gui.words import ago

__all__ = ["CARD_TITLES", "DashboardView", "dashboard_facts"]

CARD_TITLES = {
    "service": "Service",
    "server": "WATS server",
    "queue": "Queue depth",
    "today": "Uploads today",
    "last_upload": "Last upload",
    "last_error": "Last error",
}


def dashboard_facts(state: ServiceState, now: float) -> dict[str, tuple[str, str]]:
    """Card name → (value, detail line) for one poll of the service."""
    if not state.connected:
        return {
            "service": ("Not running", state.problem),
            "server": ("-", ""),
            "queue": ("-", ""),
            "today": ("-", ""),
            "last_upload": ("-", ""),
            "last_error": ("-", ""),
        }
    status = state.status
    queue: dict[str, int] = status.get("queue", {})
    waiting = sum(queue.get(s, 0) for s in ("pending", "uploading", "retrying"))
    parked = queue.get("parked", 0)
    last_upload: dict[str, Any] = status.get("last_upload") or {}
    last_error: dict[str, Any] = status.get("last_error") or {}
    reachable = status.get("server_reachable")
    return {
        "service": (
            str(status.get("state", "?")).capitalize(),
            f"pid {status.get('pid', '?')}, up {_duration(float(status.get('uptime_s', 0)))}",
        ),
        "server": (
            "Reachable" if reachable else "Not reachable",
            str(status.get("service_address", "")),
        ),
        "queue": (str(waiting), f"{queue.get('retrying', 0)} retrying, {parked} parked"),
        "today": (str(state.history.get("uploads_today", 0)), f"{status.get('uploaded', 0)} since start"),
        "last_upload": (
            ago(last_upload.get("time"), now),
            str(last_upload.get("file") or last_upload.get("report_id") or ""),
        ),
        "last_error": (
            ago(last_error.get("time"), now) if last_error else "None",
            str(last_error.get("message", "")),
        ),
    }


def _duration(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


class _Card(QFrame):
    def __init__(self, title: str) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(title)
        self.title.setStyleSheet("color: palette(dark); font-size: 9pt;")
        self.value = QLabel("-")
        self.value.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.detail = QLabel(wordWrap=True)
        self.detail.setStyleSheet("font-size: 9pt;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)
        layout.addStretch(1)

    def show_fact(self, value: str, detail: str) -> None:
        self.value.setText(value)
        self.detail.setText(detail)
        self.detail.setToolTip(detail)


class DashboardView(QWidget):
    """Refreshed by every poll of the service."""

    def __init__(self, link: ServiceLink, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cards = {key: _Card(title) for key, title in CARD_TITLES.items()}
        grid = QGridLayout()
        for index, card in enumerate(self.cards.values()):
            grid.addWidget(card, index // 3, index % 3)
        self.chart = UploadChart()
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.chart, 1)
        link.state_changed.connect(self.show_state)
        self.show_state(link.state)

    def show_state(self, state: ServiceState) -> None:
        for key, (value, detail) in dashboard_facts(state, time.time()).items():
            self.cards[key].show_fact(value, detail)
        self.cards["last_error"].value.setStyleSheet(
            "font-size: 16pt; font-weight: 600;"
            + (" color: #b3261e;" if state.connected and state.status.get("last_error") else "")
        )
        self.chart.set_history(state.history if state.connected else {})
