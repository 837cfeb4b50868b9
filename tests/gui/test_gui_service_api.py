"""The management API calls the GUI relies on: queue removal, log tail, upload history."""

from __future__ import annotations

import logging

import pytest
from station_process import StationProcess, drop_report, wait_for

from pywats.testing import ServerControl
from pywats_client.api.activity import LogBuffer, UploadHistory, level_number
from pywats_client.api.client import ManagementClient, ManagementError, connect


def test_history_counts_growth_per_bucket_and_today() -> None:
    history = UploadHistory(bucket_s=300)
    base = 1_000_000_800.0  # an hour boundary
    history.record(0, 0, base)
    history.record(3, 1, base + 10)
    history.record(3, 1, base + 20)  # no growth: nothing added
    history.record(5, 1, base + 700)  # two buckets later
    history.record(2, 0, base + 710)  # totals went down (a restart): never negative
    summary = history.summary(1, 300, now=base + 710)
    assert summary["bucket_s"] == 300
    assert len(summary["buckets"]) == 12
    counts = [(b["uploaded"], b["failed"]) for b in summary["buckets"] if b["uploaded"] or b["failed"]]
    assert counts == [(3, 1), (2, 0)]
    wide = history.summary(1, 3600, now=base + 710)
    assert sum(b["uploaded"] for b in wide["buckets"]) == 5


def test_log_buffer_numbers_records_and_filters_levels() -> None:
    buffer = LogBuffer(capacity=3)
    log = logging.getLogger("pywats_client.gui-test-buffer")
    log.addHandler(buffer)
    log.setLevel(logging.DEBUG)
    try:
        for i in range(4):
            log.info("record %d", i)
        log.error("broken %s", "thing")
    finally:
        log.removeHandler(buffer)
    everything = buffer.since(0)
    assert [r["message"] for r in everything["records"]] == ["record 2", "record 3", "broken thing"]
    assert everything["next"] == 5
    assert [r["message"] for r in buffer.since(0, level=logging.ERROR)["records"]] == ["broken thing"]
    assert buffer.since(5) == {"records": [], "next": 5}
    assert level_number("warning") == logging.WARNING
    with pytest.raises(ValueError):
        level_number("LOUD")


def test_remove_log_and_history_over_http(station: StationProcess, wats_control: ServerControl) -> None:
    client = connect(station.loaded)
    assert client is not None
    wats_control.add_fault(path="/api/Report/WSJF", method="POST", status=400, count=1)
    report_id = drop_report(station.paths.config_file.parent / "in", "SN-API-1")
    wait_for(lambda: client.queue("parked"), 15, "the refused report to be parked")
    assert client.remove(report_id) == "parked"
    assert client.remove(report_id) is None
    assert client.retry(report_id) is False
    assert client.queue() == []

    tail = client.log(level="ERROR")
    assert any(report_id in r["message"] and r["level"] == "ERROR" for r in tail["records"])
    assert all(r["level"] in ("ERROR", "CRITICAL") for r in tail["records"])
    assert client.log(after=tail["next"], level="ERROR")["records"] == []

    history = client.history(hours=2, bucket_s=600)
    assert len(history["buckets"]) == 12
    assert sum(b["failed"] for b in history["buckets"]) == 1
    with pytest.raises(ManagementError) as bad:
        client.call("GET", "/log", {"level": "LOUD"})
    assert bad.value.status == 400
    with pytest.raises(ManagementError):
        client.history(hours=100)


def test_a_wrong_secret_gets_nothing(station: StationProcess) -> None:
    client = connect(station.loaded)
    assert client is not None
    intruder = ManagementClient(int(client.base.rsplit(":", 1)[1].split("/")[0]), "not-the-secret")
    with pytest.raises(ManagementError) as refused:
        intruder.log()
    assert refused.value.status == 401
