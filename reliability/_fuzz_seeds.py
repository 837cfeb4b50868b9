"""Seed documents for the fuzzers: reports that use every kind of step, and WSTF text."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pywats.core.station import Purpose
from pywats.domains.report.formats import parse_wsjf
from pywats.domains.report.models import Report
from pywats.tools.test_uut import TestUUT
from reliability._common import REPO_ROOT, make_report

__all__ = ["report_seeds", "wstf_seeds"]

# Real exports kept beside the repository (../shared/fixtures/reports) are used when present.
FIXTURES = REPO_ROOT.parent / "shared" / "fixtures" / "reports"


def _rich_report() -> TestUUT:
    uut = TestUUT(
        "REL-PSU-9",
        "FUZZ-000042",
        "B",
        "fuzzer",
        Purpose.TEST,
        station_name="FUZZ-01",
        location="Fuzz lab",
        station_purpose="Production",
        start=datetime(2025, 5, 6, 7, 8, 9, tzinfo=UTC),
    )
    uut.add_misc_info("Firmware", "9.8.7")
    uut.add_sub_unit("Fan", "FAN-77", "FN-2", "C")
    uut.attach_bytes("notes.txt", b"fuzz seed\n", "text/plain")
    uut.root.add_action_step("Clamp fixture", group="S", tot_time=0.3)
    power = uut.add_sequence_call("Power tree", path="C:\\seq\\power.seq", version="1.2")
    rails = power.add_multi_numeric_step("Rails")
    rails.add_measurement("12V", 12.01, low_limit=11.5, high_limit=12.5, unit="V")
    rails.add_measurement("Noise", 0.02, high_limit=0.05, comp_op="LE", unit="V")
    chart = power.add_chart_step("Ramp", label="V", x_label="t", x_unit="ms", y_label="V", y_unit="V")
    assert chart.chart is not None
    chart.chart.add_series("V", [0.0, 6.0, 12.0], [0, 1, 2])
    power.add_numeric_step("Efficiency", 91.5, low_limit=90, unit="%")
    checks = uut.add_sequence_call("Checks")
    checks.add_pass_fail_step("Fan spins", True)
    checks.add_string_step("Serial echo", "FUZZ-000042", limit="FUZZ-000042")
    flags = checks.add_multi_pass_fail_step("Flags")
    flags.add_measurement("A", True)
    flags.add_measurement("B", False)
    return uut


def report_seeds() -> list[Report]:
    """A small report, one with every step kind, and the real exports when they are available."""
    seeds: list[Report] = [make_report("FUZZ-1", steps=2), _rich_report()]
    for name in ("uur-repair.json", "uut-pcba-test.json"):
        path = FIXTURES / name
        if path.exists():
            seeds.append(parse_wsjf(path.read_bytes()))
    return seeds


def wstf_seeds() -> list[bytes]:
    header = [
        "--Header-Start--",
        "SerialNumber\tFUZZ-TXT-1",
        "PartNumber\tREL-TXT-1",
        "Revision\tA",
        "OperationTypeCode\t10",
        "StationName\tFUZZ-TXT",
        "OperatorName\tfuzzer",
        "StartDateTime\t2025-06-01T10:00:00+02:00",
        "Lot\t42",
    ]
    steps = [
        "--Step-Data-Start--",
        "StepType\tStepName\tMeasureName\tValue\tLowLimit\tHighLimit\tCompOperator\tUnit\tStatus\t"
        "ExecutionTime\tReportText\tErrorCode\tErrorMessage",
        "SequenceCall\tSupply\t\t\t\t\t\t\t\t\t\t\t",
        "NumericLimitTest\tVin\t\t24.1\t23\t25\tGELE\tV\tPassed\t0.05\t\t\t",
        "MultipleNumericLimitTest\tOutputs\tA\t5.01\t4.9\t5.1\t\tV\t\t\t\t\t",
        "MultipleNumericLimitTest\t\tB\t3.30\t3.2\t3.4\t\tV\t\t\t\t\t",
        "EndSequenceCall\tSupply\t\t\t\t\t\t\t\t1.0\t\t\t",
        "PassFailTest\tLED\t\tFALSE\t\t\t\t\t\t\t\t\t",
        "StringValueTest\tVersion\t\t4.4\t4.4\t\t\t\t\t\t\t\t",
        "--Step-Data-End--",
        "ExecutionTime\t2.5",
        "--UUT-End--",
    ]
    short = [*header[:4], "--Step-Data-Start--", "ActionStep\tGo\t\t\t\t\t\t\t\t\t\t\t", "--UUT-End--"]
    return [("\n".join(header + steps) + "\n").encode(), ("\r\n".join(short) + "\r\n").encode()]


def seed_paths() -> list[Path]:
    """The fixture files that exist (for the record in the campaign's notes)."""
    return [p for p in (FIXTURES / "uur-repair.json", FIXTURES / "uut-pcba-test.json") if p.exists()]
