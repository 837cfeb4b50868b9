"""``pytest --wats-report``: a pytest session becomes one UUT report on the local server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pywats import pyWATS
from pywats.testing import LocalWATSServer, ServerControl

HARDWARE_TESTS = {
    "test_power": """
        import pytest


        def test_rails(record_measurement):
            record_measurement("3V3", 3.31, low=3.2, high=3.4, unit="V")
            record_measurement("5V", 5.02, low=4.9, high=5.1, unit="V")


        def test_ripple(record_measurement):
            record_measurement("Ripple", 0.09, high=0.05, unit="V")


        def test_firmware(record_measurement):
            record_measurement("Version", "1.2.0", expected="1.2.0")
            record_measurement("Current", 0.25, low=0.1, high=0.5, unit="A")
            record_measurement("Boot", True)


        def test_without_measurements():
            pass


        def test_assertion():
            assert 1 + 1 == 3, "arithmetic is broken"


        @pytest.mark.skip(reason="no fixture on this bench")
        def test_skipped():
            pass


        @pytest.fixture
        def broken():
            raise RuntimeError("fixture exploded")


        def test_setup_error(broken):
            pass


        @pytest.mark.xfail(reason="known issue")
        def test_known_issue():
            assert False
        """,
    "test_radio": """
        class TestTx:
            def test_power(self, record_measurement):
                record_measurement("Tx power", 14.1, low=13, high=15, unit="dBm")
        """,
}


@pytest.fixture
def server_env(
    monkeypatch: pytest.MonkeyPatch, wats_server: LocalWATSServer, wats_control: ServerControl, tmp_path: Path
) -> LocalWATSServer:
    # No station configured on this computer (whatever the developer's own may be): auto is direct.
    monkeypatch.setenv("PYWATS_CLIENT_CONFIG", str(tmp_path / "no-station" / "config.json"))
    monkeypatch.setenv("WATS_BASE_URL", wats_server.url)
    monkeypatch.setenv("WATS_AUTH_TOKEN", wats_server.token)
    return wats_server


def _run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest("-p", "no:cacheprovider", "--wats-report", *args)


def _only_report(server: LocalWATSServer, serial_number: str) -> dict:
    with pyWATS(base_url=server.url, token=server.token) as api:
        headers = api.report.get_headers_by_serial(serial_number)
        assert len(headers) == 1
        report = api.report.get_report(headers[0].uuid)
        assert report is not None
        return report.to_dict()


def _steps(node: dict) -> dict[str, dict]:
    return {step["name"]: step for step in node.get("steps", [])}


def test_session_becomes_a_report(pytester: pytest.Pytester, server_env: LocalWATSServer) -> None:
    pytester.makepyfile(**HARDWARE_TESTS)
    result = _run(
        pytester,
        "--wats-part-number=BOARD-7",
        "--wats-serial-number=SN-0042",
        "--wats-revision=C",
        "--wats-process-code=10",
        "--wats-operator=tess",
        "--wats-station-name=BENCH-3",
        "--wats-location=Lab",
        "--wats-purpose=Development",
    )
    result.assert_outcomes(passed=4, failed=2, skipped=1, errors=1, xfailed=1)
    result.stdout.fnmatch_lines(
        ["*pywats: report * (BOARD-7 SN-0042, result E) submitted to http://127.0.0.1*"]
    )

    report = _only_report(server_env, "SN-0042")
    assert (report["pn"], report["rev"], report["processCode"], report["result"]) == ("BOARD-7", "C", 10, "E")
    assert (report["machineName"], report["location"], report["purpose"]) == ("BENCH-3", "Lab", "Development")
    assert report["uut"]["user"] == "tess" and report["uut"]["execTime"] > 0
    comment = report["uut"]["comment"]
    assert "test_power.py::test_ripple: " in comment and "arithmetic is broken" in comment
    assert "fixture exploded" in comment

    files = _steps(report["root"])
    assert set(files) == {"test_power", "test_radio"}
    power = _steps(files["test_power"])
    assert files["test_power"]["seqCall"]["path"] == "test_power.py"
    assert files["test_power"]["status"] == "E"  # an error outranks a failure

    rails = power["test_rails"]
    assert (rails["stepType"], rails["status"]) == ("ET_MNLT", "P")
    fields = ("name", "value", "lowLimit", "highLimit", "unit", "compOp")
    assert [tuple(m[f] for f in fields) for m in rails["numericMeas"]] == [
        ("3V3", 3.31, 3.2, 3.4, "V", "GELE"),
        ("5V", 5.02, 4.9, 5.1, "V", "GELE"),
    ]
    ripple = power["test_ripple"]
    assert ripple["status"] == "F" and ripple["numericMeas"][0]["compOp"] == "LE"
    assert ripple["numericMeas"][0]["status"] == "F"
    assert "Measurement outside its limits" in ripple["reportText"]

    firmware = power["test_firmware"]
    assert (firmware["stepType"], firmware["status"]) == ("SequenceCall", "P")
    inner = _steps(firmware)
    assert inner["Version"]["stringMeas"][0]["limit"] == "1.2.0"
    assert inner["Current"]["numericMeas"][0]["unit"] == "A"
    assert inner["Boot"]["stepType"] == "ET_PFT"

    assert (power["test_without_measurements"]["stepType"], power["test_without_measurements"]["status"]) == (
        "ET_PFT",
        "P",
    )
    assert power["test_assertion"]["status"] == "F"
    assert power["test_skipped"]["status"] == "S"
    assert power["test_skipped"]["reportText"] == "no fixture on this bench"
    assert power["test_setup_error"]["status"] == "E"
    assert "fixture exploded" in power["test_setup_error"]["errorMessage"]
    assert power["test_known_issue"]["status"] == "S"

    radio = _steps(_steps(files["test_radio"])["TestTx"])
    assert radio["test_power"]["numericMeas"][0]["value"] == 14.1


def test_passing_session_passes(pytester: pytest.Pytester, server_env: LocalWATSServer) -> None:
    pytester.makepyfile(
        test_ok="def test_a(record_measurement):\n    record_measurement('I', 1.0, low=0.5)\n"
    )
    pytester.makeini("[pytest]\nwats_part_number = INI-PN\nwats_serial_number = INI-SN\n")
    result = _run(pytester)
    assert result.ret == 0
    report = _only_report(server_env, "INI-SN")
    assert (report["pn"], report["rev"], report["result"]) == ("INI-PN", "A", "P")
    step = _steps(_steps(report["root"])["test_ok"])["test_a"]
    assert step["numericMeas"][0]["compOp"] == "GE"


def test_failed_upload_is_not_hidden(
    pytester: pytest.Pytester, server_env: LocalWATSServer, wats_control: ServerControl
) -> None:
    wats_control.add_fault(path="/api/Report/WSJF", method="POST", status=500, count=0)
    pytester.makepyfile(test_ok="def test_a():\n    pass\n")
    result = _run(pytester, "--wats-part-number=PN", "--wats-serial-number=SN-LOST")
    result.assert_outcomes(passed=1)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["*pywats: report * not submitted: *saved to *wats-report-*.json"])
    saved = list(Path(pytester.path).glob("wats-report-*.json"))
    assert len(saved) == 1
    data = json.loads(saved[0].read_bytes())
    assert (data["sn"], data["result"]) == ("SN-LOST", "P")


def test_report_file_without_submitting(
    pytester: pytest.Pytester, server_env: LocalWATSServer, wats_control: ServerControl
) -> None:
    pytester.makepyfile(test_ok="def test_a():\n    assert False\n")
    result = _run(
        pytester,
        "--wats-part-number=PN",
        "--wats-serial-number=SN-F",
        "--wats-submit=none",
        "--wats-report-file=out/r.json",
    )
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    data = json.loads((Path(pytester.path) / "out" / "r.json").read_bytes())
    assert data["result"] == "F" and data["uut"]["comment"].startswith("test_ok.py::test_a: ")
    assert not [r for r in wats_control.requests() if r["path"].lower().startswith("/api/report")]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--wats-serial-number=SN"], "--wats-report needs --wats-part-number"),
        (["--wats-part-number=PN"], "--wats-report needs --wats-serial-number"),
        (
            ["--wats-part-number=PN", "--wats-serial-number=SN", "--wats-process-code=ten"],
            "*must be an integer*",
        ),
        (["--wats-part-number=PN", "--wats-serial-number=SN", "--wats-submit=later"], "*must be one of*"),
    ],
)
def test_usage_errors(pytester: pytest.Pytester, args: list[str], message: str) -> None:
    pytester.makepyfile(test_ok="def test_a():\n    pass\n")
    result = _run(pytester, *args)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"*{message}*"])


def test_station_queue_when_a_station_is_configured(
    pytester: pytest.Pytester, server_env: LocalWATSServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from pywats_client.queue.entry import decode_entry

    config = tmp_path / "station" / "config.json"
    config.parent.mkdir()
    station = {"service_address": server_env.url, "station_name": "Q-STATION", "location": "Q-Lab"}
    config.write_text(json.dumps(station))
    monkeypatch.setenv("PYWATS_CLIENT_CONFIG", str(config))
    pytester.makepyfile(test_ok="def test_a():\n    pass\n")

    result = _run(pytester, "--wats-part-number=PN-Q", "--wats-serial-number=SN-Q")
    assert result.ret == 0
    result.stdout.fnmatch_lines(["*pywats: report * (PN-Q SN-Q, result P) queued in the station queue *"])
    pending = list((tmp_path / "station" / "config.data" / "queue" / "pending").glob("*.entry"))
    assert len(pending) == 1
    meta, body = decode_entry(pending[0].read_bytes())
    report = json.loads(body)
    assert (meta.id, report["sn"], report["machineName"], report["location"]) == (
        report["id"],
        "SN-Q",
        "Q-STATION",
        "Unspecified",  # the option's default is the report's own value; the station fills only blanks
    )

    missing = _run(pytester, "--wats-part-number=PN-Q", "--wats-serial-number=SN-Q2", "--wats-submit=queue")
    assert missing.ret == 0  # the queue is configured: the explicit mode works the same


def test_queue_mode_without_a_station(pytester: pytest.Pytester, server_env: LocalWATSServer) -> None:
    pytester.makepyfile(test_ok="def test_a():\n    pass\n")
    result = _run(pytester, "--wats-part-number=PN", "--wats-serial-number=SN-NQ", "--wats-submit=queue")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["*no station is configured here*saved to *"])
