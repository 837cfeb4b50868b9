"""The **Log** tab: the service's recent log lines (from the management API), filtered by level."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pywats_client.gui.link import ServiceLink, ServiceState
from pywats_client.gui.words import explain

__all__ = ["LEVELS", "LogView", "format_record"]

LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
MAX_LINES = 5000
FETCH_LIMIT = 1000


def format_record(record: dict[str, Any]) -> str:
    """One record as a log-file line: ``2025-06-12 14:03:07 WARNING pywats_client.service: …``."""
    stamp = datetime.fromtimestamp(float(record.get("time", 0))).strftime("%Y-%m-%d %H:%M:%S")
    return f"{stamp} {record.get('level', ''):<7} {record.get('logger', '')}: {record.get('message', '')}"


class LogView(QWidget):
    """Appends new records on every poll while visible; a level change reloads what is kept."""

    def __init__(self, link: ServiceLink, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.link = link
        self.next = 0
        self._loading = False
        self.level = QComboBox()
        self.level.addItems(list(LEVELS))
        self.level.setCurrentText("INFO")
        self.level.currentIndexChanged.connect(lambda _: self.reload())
        self.follow = QCheckBox("Follow")
        self.follow.setChecked(True)
        self.follow.setToolTip("Scroll to new lines as they arrive")
        top = QHBoxLayout()
        top.addWidget(QLabel("Level:"))
        top.addWidget(self.level)
        top.addWidget(self.follow)
        self.text = QPlainTextEdit(readOnly=True)
        clear = QPushButton("Clear")
        clear.clicked.connect(self.text.clear)
        top.addStretch(1)
        top.addWidget(clear)
        self.text.setMaximumBlockCount(MAX_LINES)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.text.setFont(font)
        self.message = QLabel(wordWrap=True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.message)
        link.state_changed.connect(self._on_state)

    def _on_state(self, state: ServiceState) -> None:
        if not state.connected:
            self.message.setText("The log is shown while the service runs. " + state.problem)
        elif self.isVisible():
            self.fetch()

    def reload(self) -> None:
        """Show the kept records again at the chosen level."""
        self.text.clear()
        self.next = 0
        self.fetch()

    def fetch(self) -> None:
        """Get the records that are new since the last call (off the UI thread)."""
        if self._loading or not self.link.connected:
            return
        self._loading = True
        after, level = self.next, self.level.currentText()
        self.link.call(self, lambda client: client.log(after, level, FETCH_LIMIT), self._got, self._failed)

    def _got(self, answer: dict[str, Any]) -> None:
        self._loading = False
        self.message.clear()
        if int(answer.get("next", 0)) < self.next:  # the service restarted: its numbering did too
            self.reload()
            return
        self.next = int(answer.get("next", self.next))
        lines = [format_record(r) for r in answer.get("records", [])]
        if not lines:
            return
        bar = self.text.verticalScrollBar()
        at_end = bar.value() == bar.maximum()
        self.text.appendPlainText("\n".join(lines))
        if self.follow.isChecked() or at_end:
            bar.setValue(bar.maximum())
            self.text.horizontalScrollBar().setValue(0)

    def _failed(self, exc: Exception) -> None:
        self._loading = False
        self.message.setText(explain(exc))

    def lines(self) -> list[str]:
        text = self.text.toPlainText()
        return text.splitlines() if text else []
