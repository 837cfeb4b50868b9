"""The getting-started guide's report samples, run as written against the local server."""

from __future__ import annotations

from pathlib import Path

import pytest

from pywats.testing import LocalWATSServer, ServerControl


def test_station_configuration_sample(wats_server: LocalWATSServer, wats_control: ServerControl) -> None:
    from pywats import Purpose, Station, StationConfig, pyWATS

    # Configure station
    station = Station(config=StationConfig(station_name="ICT-01", location="Production Line A"))

    # Initialize with station
    api = pyWATS(base_url=wats_server.url, token=wats_server.token, station=station)

    # Station is automatically used in reports
    from pywats.tools.test_uut import TestUUT

    uut = TestUUT(
        part_number="WIDGET-001",
        serial_number="SN-12345",
        revision="A",
        operator="John Doe",
        purpose=Purpose.TEST,  # or 10
    )
    # Station info automatically filled from api.station
    report_id = api.report.submit_report(uut)
    stored = api.report.get_report(report_id)
    assert (stored.station_name, stored.location, stored.process_code) == ("ICT-01", "Production Line A", 10)
    api.close()


def test_validation_errors_sample(capsys: pytest.CaptureFixture[str]) -> None:
    from pywats import ValidationError
    from pywats.tools.test_uut import TestUUT

    try:
        # Invalid data
        TestUUT(
            part_number="",  # Empty part number - will raise ValidationError
            serial_number="SN-12345",
            revision="A",
        )
    except ValidationError as e:
        print(f"Validation failed: {e}")
    expected = "Validation failed: part_number must not be empty (operation: TestUUT)\n"
    assert capsys.readouterr().out == expected


def test_readme_report_example(
    wats_server: LocalWATSServer, wats_control: ServerControl, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The README's report snippet, run as written (pyWATS() reads the environment)."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("Test reports are built with `TestUUT`", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    monkeypatch.setenv("WATS_BASE_URL", wats_server.url)
    monkeypatch.setenv("WATS_AUTH_TOKEN", wats_server.token)
    namespace: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), namespace)
    failed = namespace["failed"]
    assert [h.uuid for h in failed] == [namespace["report_id"]]  # type: ignore[attr-defined]
