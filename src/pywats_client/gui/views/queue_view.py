"""The **Queue** tab: queued reports with their state; Retry and Remove (through the service)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pywats_client.gui.link import ServiceLink, ServiceState
from pywats_client.gui.words import explain, when

__all__ = ["COLUMNS", "QueueView"]

COLUMNS = ("State", "Part number", "Serial number", "Result", "Tries", "Queued", "File", "Last error", "Id")
FILTERS = {
    "Waiting and failed": ("pending", "uploading", "retrying", "parked"),
    "Parked": ("parked",),
    "Retrying": ("retrying",),
    "Pending": ("pending", "uploading"),
    "Uploaded": ("done",),
    "All": ("pending", "uploading", "retrying", "parked", "done"),
}
LIST_LIMIT = 500
RETRYABLE = ("parked", "retrying")


def _row(entry: dict[str, Any]) -> list[str]:
    return [
        str(entry.get("state", "")),
        str(entry.get("pn") or ""),
        str(entry.get("sn") or ""),
        str(entry.get("result") or ""),
        str(entry.get("attempts", 0)),
        when(entry.get("created")),
        str(entry.get("source") or ""),
        str(entry.get("last_error") or ""),
        str(entry.get("id", "")),
    ]


class QueueView(QWidget):
    """Lists entries of the chosen states; refreshed while visible and after each action."""

    def __init__(self, link: ServiceLink, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.link = link
        self.entries: list[dict[str, Any]] = []
        self._loading = False
        self._note = ""
        self.filter = QComboBox()
        self.filter.addItems(list(FILTERS))
        self.filter.currentIndexChanged.connect(lambda _: self.refresh())
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.retry_button = QPushButton("Retry")
        self.retry_button.setToolTip("Upload the selected parked or retrying reports again now")
        self.retry_button.clicked.connect(self.retry_selected)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setToolTip("Delete the selected reports from the queue (they are not uploaded)")
        self.remove_button.clicked.connect(self.remove_selected)
        top = QHBoxLayout()
        top.addWidget(QLabel("Show:"))
        top.addWidget(self.filter)
        top.addStretch(1)
        for button in (self.refresh_button, self.retry_button, self.remove_button):
            top.addWidget(button)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMNS.index("Last error"), QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._enable_actions)
        self.message = QLabel(wordWrap=True)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        link.state_changed.connect(self._on_state)
        self._enable_actions()

    # -- loading ----------------------------------------------------------------------------------------

    def _on_state(self, state: ServiceState) -> None:
        if not state.connected:
            self.show_entries([])
            self.message.setText("The queue is shown while the service runs. " + state.problem)
        elif self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Fetch the entries of the chosen states (off the UI thread)."""
        if self._loading or not self.link.connected:
            return
        self._loading = True
        states = FILTERS[self.filter.currentText()]

        def fetch(client: Any) -> list[dict[str, Any]]:
            found = [e for s in states for e in client.queue(s, LIST_LIMIT)]
            return sorted(found, key=lambda e: e.get("created", 0))

        self.link.call(self, fetch, self._loaded, self._failed)

    def _loaded(self, entries: list[dict[str, Any]]) -> None:
        self._loading = False
        self.show_entries(entries)
        counts: dict[str, int] = {}
        for entry in entries:
            counts[entry["state"]] = counts.get(entry["state"], 0) + 1
        summary = ", ".join(f"{n} {s}" for s, n in counts.items()) or "nothing"
        note, self._note = self._note, ""
        self.message.setText(f"{note}{len(entries)} entr{'y' if len(entries) == 1 else 'ies'}: {summary}.")

    def _failed(self, exc: Exception) -> None:
        self._loading = False
        self.message.setText(explain(exc))

    def show_entries(self, entries: list[dict[str, Any]]) -> None:
        """Fill the table, keeping the selection by entry id."""
        chosen = set(self.selected_ids())
        self.entries = entries
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            for column, text in enumerate(_row(entry)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                item.setData(Qt.ItemDataRole.UserRole, entry.get("id"))
                self.table.setItem(row, column, item)
            if entry.get("id") in chosen:
                self.table.selectRow(row)
        self._enable_actions()

    # -- actions ----------------------------------------------------------------------------------------

    def selected_ids(self) -> list[str]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [str(self.entries[r]["id"]) for r in rows if r < len(self.entries)]

    def select_id(self, entry_id: str) -> bool:
        """Select the row of one entry; False if it is not listed."""
        for row, entry in enumerate(self.entries):
            if entry.get("id") == entry_id:
                self.table.clearSelection()
                self.table.selectRow(row)
                return True
        return False

    def _selected_states(self) -> list[str]:
        ids = set(self.selected_ids())
        return [str(e["state"]) for e in self.entries if e.get("id") in ids]

    def _enable_actions(self) -> None:
        states = self._selected_states()
        self.retry_button.setEnabled(any(s in RETRYABLE for s in states))
        self.remove_button.setEnabled(any(s != "uploading" for s in states))

    def retry_selected(self) -> None:
        """Send the selected parked/retrying entries back to pending."""
        ids = [
            e["id"] for e in self.entries if e.get("id") in self.selected_ids() and e["state"] in RETRYABLE
        ]
        if not ids:
            return

        def retry(client: Any) -> int:
            return sum(bool(client.retry(entry_id)) for entry_id in ids)

        self.link.call(
            self,
            retry,
            lambda n: self._acted(f"{n} entr{'y' if n == 1 else 'ies'} queued again."),
            self._failed,
        )

    def remove_selected(self) -> None:
        """Delete the selected entries after the operator confirms."""
        ids = [
            e["id"] for e in self.entries if e.get("id") in self.selected_ids() and e["state"] != "uploading"
        ]
        if not ids or not self.confirm_remove(len(ids)):
            return

        def remove(client: Any) -> int:
            return sum(client.remove(entry_id) is not None for entry_id in ids)

        self.link.call(
            self, remove, lambda n: self._acted(f"Removed {n} entr{'y' if n == 1 else 'ies'}."), self._failed
        )

    def confirm_remove(self, count: int) -> bool:
        answer = QMessageBox.question(
            self,
            "Remove from the queue",
            f"Delete {count} report{'s' if count != 1 else ''} from the queue? They will not be uploaded.",
        )
        return answer == QMessageBox.StandardButton.Yes

    def _acted(self, text: str) -> None:
        self.message.setText(text)
        self._note = text + " "
        self.refresh()
