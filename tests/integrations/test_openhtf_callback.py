"""A real OpenHTF test run, filed on the local server through ``WATSOutputCallback``."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest

from pywats import ValidationError, pyWATS
from pywats.integrations.openhtf import UploadFailedError, WATSOutputCallback, record_to_report
from pywats.testing import ServerControl

htf = pytest.importorskip("openhtf")
units = pytest.importorskip("openhtf.util.units")


@htf.measures(
    htf.Measurement("vout").in_range(3.2, 3.4).with_units(units.VOLT),
    htf.Measurement("vmin").in_range(minimum=1.0),
    htf.Measurement("ref").within_percent(10.0, 5),
    htf.Measurement("channels").equals(4),
    htf.Measurement("firmware").equals("1.2.0"),
    htf.Measurement("self_test"),
    htf.Measurement("noise"),
)
def power(test: Any) -> None:
    test.measurements.vout = 3.3
    test.measurements.vmin = 2.5
    test.measurements.ref = 10.2
    test.measurements.channels = 4
    test.measurements.firmware = "1.2.0"
    test.measurements.self_test = True
    test.measurements.noise = 0.0012
    test.attach("scope.csv", b"t,v\n0,3.3\n", mimetype="text/csv")


@htf.measures(htf.Measurement("ripple").in_range(maximum=0.05).with_units(units.VOLT))
def ripple(test: Any) -> None:
    test.measurements.ripple = 0.09


def run(*phases: Any, serial: str, **metadata: Any) -> Any:
    """Execute an OpenHTF test and return its record."""
    records: list[Any] = []
    test = htf.Test(*phases, test_name="board-test", **metadata)
    test.add_output_callbacks(records.append)
    test.execute(test_start=lambda: serial)
    return records[0]


@pytest.fixture
def no_station(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PYWATS_CLIENT_CONFIG", str(tmp_path / "none" / "config.json"))


def steps(node: dict) -> dict[str, dict]:
    return {step["name"]: step for step in node.get("steps", [])}


def test_record_becomes_a_report_on_the_server(wats_api: pyWATS, no_station: None, tmp_path: Path) -> None:
    callback = WATSOutputCallback(wats_api, location="Line A", operator="olga", fallback_dir=tmp_path)
    test = htf.Test(power, ripple, test_name="board-test", part_number="BOARD-9", revision="B")
    test.add_output_callbacks(callback)
    test.execute(test_start=lambda: "SN-HTF-1")
    assert callback.last_delivery is not None and callback.last_delivery.startswith("submitted as ")

    report = wats_api.report.get_report(callback.last_report_id)  # type: ignore[arg-type]
    assert report is not None
    data = report.to_dict()
    assert (data["pn"], data["sn"], data["rev"], data["result"]) == ("BOARD-9", "SN-HTF-1", "B", "F")
    assert (data["location"], data["uut"]["user"], data["processCode"]) == ("Line A", "olga", 10)
    assert data["root"]["seqCall"]["name"] == "board-test"
    phases = steps(data["root"])
    assert list(phases) == ["power", "ripple"]  # OpenHTF's trigger phase is left out
    assert (phases["power"]["status"], phases["ripple"]["status"]) == ("P", "F")

    power_steps = steps(phases["power"])
    vout = power_steps["vout"]["numericMeas"][0]
    assert (vout["compOp"], vout["lowLimit"], vout["highLimit"], vout["unit"], vout["value"]) == (
        "GELE", 3.2, 3.4, "V", 3.3,
    )  # fmt: skip
    assert power_steps["vmin"]["numericMeas"][0]["compOp"] == "GE"
    ref = power_steps["ref"]["numericMeas"][0]
    assert (ref["compOp"], ref["lowLimit"], ref["highLimit"]) == ("GELE", 9.5, 10.5)
    channels = power_steps["channels"]["numericMeas"][0]
    assert (channels["compOp"], channels["lowLimit"]) == ("EQ", 4.0)
    firmware = power_steps["firmware"]["stringMeas"][0]
    assert (firmware["compOp"], firmware["limit"], firmware["value"]) == ("CASESENSIT", "1.2.0", "1.2.0")
    assert power_steps["self_test"]["stepType"] == "ET_PFT" and power_steps["self_test"]["status"] == "P"
    assert power_steps["noise"]["numericMeas"][0]["compOp"] == "LOG"
    attachment = power_steps["scope.csv"]["attachment"]
    assert (attachment["contentType"], base64.b64decode(attachment["data"])) == ("text/csv", b"t,v\n0,3.3\n")

    ripple_meas = steps(phases["ripple"])["ripple"]["numericMeas"][0]
    assert (ripple_meas["compOp"], ripple_meas["lowLimit"], ripple_meas["status"]) == ("LE", 0.05, "F")


def test_failed_upload_is_loud_and_saved(
    wats_api: pyWATS, wats_control: ServerControl, no_station: None, tmp_path: Path
) -> None:
    record = run(power, serial="SN-HTF-2", part_number="BOARD-9")
    assert record.outcome.name == "PASS"
    wats_control.add_fault(path="/api/Report/WSJF", method="POST", status=500, count=0)
    callback = WATSOutputCallback(wats_api, fallback_dir=tmp_path / "unsent", location="Lab")
    with pytest.raises(UploadFailedError) as info:
        callback(record)
    assert info.value.saved_to is not None
    saved = json.loads(info.value.saved_to.read_bytes())
    assert (saved["sn"], saved["result"], saved["id"]) == ("SN-HTF-2", "P", callback.last_report_id)


def test_station_queue(wats_api: pyWATS, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    config = tmp_path / "station" / "config.json"
    config.parent.mkdir()
    config.write_text(json.dumps({"station_name": "HTF-STATION", "location": "Cell 4"}))
    monkeypatch.setenv("PYWATS_CLIENT_CONFIG", str(config))
    record = run(power, serial="SN-HTF-3", part_number="BOARD-9")
    callback = WATSOutputCallback()  # no client needed: the station uploads
    callback(record)
    assert callback.last_delivery is not None and "station queue" in callback.last_delivery
    pending = list((tmp_path / "station" / "config.data" / "queue" / "pending").glob("*.entry"))
    assert [p.stem for p in pending] == [callback.last_report_id]

    with pytest.raises(UploadFailedError):
        WATSOutputCallback(delivery="direct", fallback_dir=tmp_path / "x")(record)  # no server given


def test_record_needs_a_part_number() -> None:
    record = run(power, serial="SN-HTF-4")
    with pytest.raises(ValidationError) as info:
        record_to_report(record)
    assert info.value.field == "part_number"
    assert record_to_report(record, part_number="PN").pn == "PN"
    with pytest.raises(ValidationError):
        WATSOutputCallback(delivery="later")
