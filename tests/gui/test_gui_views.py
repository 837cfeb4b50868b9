"""Every view renders (without Qt warnings) against a real service; Converters, Log, Dashboard."""

from __future__ import annotations

import json
from typing import Any

from station_process import StationProcess, drop_report

from pywats.testing import ServerControl
from pywats_client.converters.registry import BUILTIN_CONVERTERS
from pywats_client.gui.views.chart import nice_maximum
from pywats_client.gui.views.converters_view import with_converter_settings
from pywats_client.gui.views.log_view import format_record

VIEWS = ("Dashboard", "Setup", "Converters", "Queue", "Log")


def test_each_view_renders_without_qt_warnings(
    station: StationProcess, wats_control: ServerControl, window_for: Any, qtbot: Any, qt_warnings: list[str]
) -> None:
    wats_control.add_fault(path="/api/Report/WSJF", method="POST", status=400, count=1)
    inbox = station.paths.config_file.parent / "in"
    drop_report(inbox, "SN-VIEW-1")
    window = window_for(station.paths)
    qtbot.waitUntil(lambda: window.link.state.status.get("parked") == 1, timeout=15_000)
    drop_report(inbox, "SN-VIEW-2")
    qtbot.waitUntil(lambda: window.link.state.status.get("uploaded") == 1, timeout=15_000)
    qtbot.waitUntil(lambda: window.link.state.history.get("uploads_today") == 1, timeout=15_000)
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == list(VIEWS)
    for index, name in enumerate(VIEWS):
        window.tabs.setCurrentIndex(index)
        qtbot.wait(50)
        image = window.grab().toImage()
        assert image.width() > 500 and image.height() > 300, name
        assert len({image.pixel(x, y) for x in range(0, image.width(), 25) for y in (60, 200)}) > 1, name
    dashboard = window.dashboard
    assert dashboard.cards["service"].value.text() == "Running"
    assert dashboard.cards["queue"].detail.text() == "0 retrying, 1 parked"
    assert dashboard.cards["today"].value.text() == "1"
    assert "Injected fault 400" in dashboard.cards["last_error"].detail.text()
    assert sum(b["uploaded"] for b in dashboard.chart.buckets) == 1
    assert sum(b["failed"] for b in dashboard.chart.buckets) == 1
    log = window.log
    qtbot.waitUntil(lambda: any("SN-VIEW-2" in line for line in log.lines()), timeout=10_000)
    log.level.setCurrentText("ERROR")
    qtbot.waitUntil(
        lambda: bool(log.lines()) and all(" ERROR " in line for line in log.lines()), timeout=10_000
    )
    assert any("refused" in line for line in log.lines())
    assert qt_warnings == []


def test_converter_forms_come_from_the_declarations_and_save_to_the_config(
    station: StationProcess, window_for: Any, qtbot: Any
) -> None:
    window = window_for(station.paths)
    view = window.converters
    assert {view.table.item(r, 0).text() for r in range(view.table.rowCount())} >= set(BUILTIN_CONVERTERS)
    view.select("junit")
    form = view.form
    declared = [p.name for p in type(view.current.converter).parameters]
    assert list(form.widgets) == declared and "process_code" in declared
    assert form.widgets["revision"].placeholderText() == "default: 1"
    assert view.problem.text().startswith("set process_code")  # required, not configured yet

    form.set_text("process_code", "ten")
    assert not view.save()
    assert view.message.text().startswith("setting 'process_code': ")
    form.set_text("process_code", "10")
    form.set_text("timezone", "Europe/Oslo")
    view.priority.setValue(2)
    view.enabled.setChecked(False)
    view.folder.setText(str(station.paths.config_file.parent / "junit-in"))
    qtbot.waitUntil(lambda: window.link.connected, timeout=10_000)
    assert view.save()
    written = json.loads(station.paths.config_file.read_text())
    assert written["converters"]["junit"] == {
        "enabled": False,
        "priority": 2,
        "options": {"process_code": 10, "timezone": "Europe/Oslo"},
    }
    assert {"path": str(station.paths.config_file.parent / "junit-in"), "converters": ["junit"]} in written[
        "folders"
    ]
    qtbot.waitUntil(lambda: "service reloaded" in view.message.text(), timeout=10_000)
    assert view.current.name == "junit" and view.problem.text() == ""
    client = window.link.state.client
    junit = next(c for c in client.converters() if c["name"] == "junit")
    assert junit["enabled"] is False and junit["priority"] == 2  # the running service took it


def test_converter_settings_helpers() -> None:
    raw = {
        "folders": [{"path": "/in"}, {"path": "/x", "converters": ["x"]}],
        "converters": {"x": {"enabled": True}},
    }
    updated = with_converter_settings(raw, "x", enabled=True, priority=None, options={}, folder="")
    assert updated["folders"] == [{"path": "/in"}] and updated["converters"]["x"] == {"enabled": True}
    moved = with_converter_settings(raw, "x", enabled=True, priority=3, options={"a": 1}, folder="/y")
    assert moved["folders"][1] == {"path": "/y", "converters": ["x"]}
    assert raw["folders"][1]["path"] == "/x"  # the original is not changed
    assert [nice_maximum(v) for v in (0, 1, 3, 7, 10, 11, 180)] == [1, 1, 5, 10, 10, 20, 200]
    line = format_record({"time": 0, "level": "ERROR", "logger": "pywats_client.service", "message": "m"})
    assert line.endswith(" ERROR   pywats_client.service: m")
