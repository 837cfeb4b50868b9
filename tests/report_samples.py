"""Sample reports shared by the report tests (model, client and server)."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pywats.core.station import Purpose
from pywats.domains.report.models import UURReport, UUTReport
from pywats.tools.test_uut import TestUUT

FIXTURES = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "reports"
UUT_FIXTURE = FIXTURES / "uut-pcba-test.json"
UUR_FIXTURE = FIXTURES / "uur-repair.json"
START = datetime(2025, 6, 12, 14, 3, 7, 500000, tzinfo=UTC)


def fixture_bytes(path: Path) -> bytes:
    return path.read_bytes()


def full_uut(sn: str = "PSU2K-0004711", *, fail: bool = True, start: datetime = START) -> TestUUT:
    """A report using every kind of step the builder makes (one failing step unless ``fail=False``)."""
    uut = TestUUT(
        "PSU-48V-2K",
        sn,
        "C",
        "mkovacs",
        Purpose.TEST,
        station_name="EOL-07",
        location="Line 3",
        station_purpose="Production",
        start=start,
    )
    uut.info.comment = "Audible fan noise"  # type: ignore[union-attr]
    uut.add_misc_info("Firmware", "2.4.1")
    uut.add_sub_unit("PCBA", "CTRL-889100", "PCB-CTRL-7", "A")
    uut.add_asset("DMM-0192", 1)
    uut.attach_bytes("eol-summary.txt", b"efficiency low at 50% load\n", "text/plain")
    uut.root.add_action_step("Connect fixture", group="S", tot_time=0.8)
    power = uut.add_sequence_call("Power", path="D:\\TestSeq\\PSU.seq", version="3.2.0")
    rails = power.add_multi_numeric_step("Output rails")
    rails.add_measurement("48V", 48.02, low_limit=47.5, high_limit=48.5, unit="V")
    rails.add_measurement("Ripple", 0.031, high_limit=0.05, comp_op="LE", unit="V")
    chart = power.add_chart_step(
        "Load step response", label="Vout", x_label="Time", x_unit="ms", y_label="Vout", y_unit="V"
    )
    chart.chart.add_series("Vout", [48, 47.58, 47.81], [0, 0.5, 1])  # type: ignore[union-attr]
    chart.add_measurement("Max droop", 0.42, low_limit=0.5, comp_op="LE", unit="V")
    power.add_numeric_step("Efficiency at 50% load", 93.2 if fail else 95.0, low_limit=94, unit="%")
    comms = uut.add_sequence_call("Communication")
    comms.add_pass_fail_step("CAN bus ping", True)
    checks = comms.add_multi_pass_fail_step("Self test")
    checks.add_measurement("RAM", True)
    checks.add_measurement("Flash CRC", True)
    comms.add_string_step("Firmware version", "2.4.1", limit="2.4.1")
    ident = comms.add_multi_string_step("Identity")
    ident.add_measurement("Vendor", "ACME", limit="acme", comp_op="IGNORECASE")
    ident.add_measurement("Model", "PSU-2K")
    uut.root.add_generic_step("NI_Flow_If", "If service mode")
    uut.root.add_message_popup_step("Confirm fan noise", button=1, response="Noise acceptable")
    uut.root.add_call_exe_step("Write config", 0)
    shot = uut.root.add_action_step("Save scope screenshot", group="C")
    shot.attach_bytes("scope.png", b"\x89PNG\r\n\x1a\n", "image/png")
    uut.root.add_numeric_step("Noise floor", math.nan, comp_op="LOG", unit="dB")
    return uut


def minimal_uut(sn: str = "SN-1", **options: Any) -> TestUUT:
    """A passing three-step report."""
    uut = TestUUT(
        "PN-1", sn, "A", "op", station_name="ST-1", location="Lab", station_purpose="Production", **options
    )
    seq = uut.add_sequence_call("Main")
    seq.add_numeric_step("Vout", 3.3, low_limit=3.0, high_limit=3.6, unit="V")
    seq.add_pass_fail_step("Selftest", True)
    return uut


def repair_for(uut: UUTReport) -> UURReport:
    """A repair report linked to ``uut``."""
    uur = UURReport(
        uut.pn or "",
        uut.sn or "",
        uut.rev or "",
        uut.process_code or 10,
        operator="tech",
        ref_uut=uut.id,
        station_name="REPAIR-01",
        location="Lab",
        purpose="Repair",
    )
    failure = uur.add_failure("Component", "Degraded performance", com_ref="Q12", ref_step_id=7)
    failure.attach_bytes("q12.jpg", b"\xff\xd8\xff", "image/jpeg")
    return uur


def numbers_equal(a: Any, b: Any) -> bool:
    """Structural equality where numbers compare as numbers (``45`` == ``45.0``) and NaN equals NaN."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(numbers_equal(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(numbers_equal(x, y) for x, y in zip(a, b, strict=True))
    if (
        isinstance(a, int | float)
        and isinstance(b, int | float)
        and not isinstance(a, bool)
        and not isinstance(b, bool)
    ):
        return (math.isnan(a) and math.isnan(b)) or a == b
    return type(a) is type(b) and a == b


def key_orders(value: Any, path: str = "") -> list[tuple[str, tuple[str, ...]]]:
    """Every object's key order, by location (to compare documents key order for key order)."""
    out: list[tuple[str, tuple[str, ...]]] = []
    if isinstance(value, dict):
        out.append((path, tuple(value)))
        for key, item in value.items():
            out += key_orders(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out += key_orders(item, f"{path}[{index}]")
    return out


def json_load(content: bytes) -> Any:
    return json.loads(content)
