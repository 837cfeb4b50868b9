"""The Queue view against a real service: a report the server refused is parked, then retried."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from station_process import StationProcess, drop_report

from pywats.testing import ServerControl


def _state(view: Any, entry_id: str) -> str | None:
    return next((e["state"] for e in view.entries if e["id"] == entry_id), None)


def test_retry_a_parked_entry_from_the_queue_view(
    station: StationProcess, wats_control: ServerControl, window_for: Any, qtbot: Any
) -> None:
    wats_control.add_fault(path="/api/Report/WSJF", method="POST", status=400, count=1)
    report_id = drop_report(station.paths.config_file.parent / "in", "SN-PARKED-1")
    window = window_for(station.paths)
    view = window.queue
    window.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: _state(view, report_id) == "parked", timeout=15_000)
    row = next(i for i, e in enumerate(view.entries) if e["id"] == report_id)
    assert view.table.item(row, 0).text() == "parked"
    assert "Injected fault 400" in view.table.item(row, 7).text()

    assert view.select_id(report_id)
    assert view.retry_button.isEnabled() and view.remove_button.isEnabled()
    view.retry_button.click()
    qtbot.waitUntil(lambda: "queued again" in view.message.text(), timeout=10_000)
    view.filter.setCurrentText("All")
    qtbot.waitUntil(lambda: _state(view, report_id) == "done", timeout=15_000)
    uploads = [
        r for r in wats_control.requests() if r["path"] == "/api/Report/WSJF" and r["method"] == "POST"
    ]
    assert len(uploads) == 2  # refused once, accepted on the operator's retry


def test_remove_asks_first_and_deletes_through_the_service(
    station: StationProcess,
    wats_control: ServerControl,
    window_for: Any,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    wats_control.add_fault(path="/api/Report/WSJF", method="POST", status=400, count=1)
    report_id = drop_report(station.paths.config_file.parent / "in", "SN-PARKED-2")
    window = window_for(station.paths)
    view = window.queue
    window.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: _state(view, report_id) == "parked", timeout=15_000)
    view.select_id(report_id)

    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: next(answers))
    view.remove_button.click()  # "No": nothing happens
    assert _state(view, report_id) == "parked"
    view.remove_button.click()
    qtbot.waitUntil(lambda: _state(view, report_id) is None, timeout=10_000)
    assert view.message.text().startswith("Removed 1 entry.")
