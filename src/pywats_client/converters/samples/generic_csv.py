"""Generic CSV samples: a Nordic spreadsheet export, a script log with many units, appended runs,
an Excel "Unicode text" wide table, and files an Excel round-trip damaged."""
# ruff: noqa: E501  (sample files are reproduced line by line as the equipment writes them)

from __future__ import annotations

import random

from pywats_client.converters.samples import Sample

PREAMBLE_SETTINGS = {
    "layout": "long",
    "delimiter": ";",
    "decimal": ",",
    "preamble": {
        "separator": ";",
        "keys": {
            "Serial Number": "sn",
            "Part Number": "pn",
            "Revision": "rev",
            "Operator": "operator",
            "Start": "start",
            "Result": "result",
        },
    },
    "columns": {
        "group": "Group",
        "step": "Test",
        "measurement": "Measurement",
        "value": "Value",
        "low": "Low",
        "high": "High",
        "unit": "Unit",
        "status": "Status",
    },
    "time_formats": ["%Y-%m-%d %H:%M:%S"],
    "timezone": "Europe/Oslo",
    "process_code": 50,
    "station_name": "FCT-07",
}

LOG_SETTINGS = {
    "columns": {
        "sn": "serial",
        "pn": "part",
        "start": "started",
        "duration": "seconds",
        "group": "group",
        "step": "test",
        "value": "value",
        "nominal": "nominal",
        "tol_low": "tol",
        "tol_mode": "tol mode",
        "comp_op": "op",
        "unit": "unit",
        "report_text": "note",
        "misc:Fixture slot": "slot",
    },
    "defaults": {"rev": "C", "process": "FCT"},
    "process_map": {"FCT": 50},
    "timezone": "America/New_York",
}

WIDE_SETTINGS = {
    "layout": "wide",
    "delimiter": "tab",
    "columns": {"sn": "Serial", "start": "Date", "result": "Verdict", "operator": "Operator"},
    "time_formats": ["%d.%m.%Y %H:%M"],
    "part_number": "PCB-4711",
    "revision": "C",
    "process_code": 10,
    "timezone": "Europe/Berlin",
}


def spreadsheet_export() -> bytes:
    """The equipment-formats §4.6 sample, saved by a Windows spreadsheet (cp1252, decimal comma)."""
    text = """# exported by rig FCT-07
Serial Number;DEMO-0001-A
Part Number;PCB-4711
Revision;C
Operator;kari
Start;2025-03-14 09:12:05
Result;FAIL
Group;Test;Measurement;Value;Low;High;Unit;Status
Power;VCC 3V3;;3,298;3,135;3,465;V;PASS
Power;VCC 5V0;;5,012;4,750;5,250;V;PASS
Power;Idle current;;0,142;;0,200;A;PASS
Comms;UART loopback;;PASS;;;;PASS
Comms;Firmware version;;2.4.1;2.4.1;;;PASS
RF;Tx power;ch1;13,8;12,0;15,0;dBm;PASS
RF;Tx power;ch2;11,6;12,0;15,0;dBm;FAIL
Thermal;Board temperature;;31,5;;;°C;DONE
"""
    return text.replace("\n", "\r\n").encode("cp1252")


def script_log(rng: random.Random, units: int = 3) -> bytes:
    """A Python rig script's log: UTF-8 with BOM, identity on every row, nested groups, nominal ±
    tolerance in % or absolute, an explicit operator, quoted notes with commas and a line break."""
    lines = ["serial,part,started,seconds,slot,group,test,value,nominal,tol,tol mode,op,unit,note"]
    for unit in range(units):
        sn = f"DEMO-{21 + unit:04d}-{'ABCDEFGH'[unit % 8]}"
        # The night New York switched to DST: the second unit's local start time never existed.
        start = f"2025-03-09T{1 + unit % 3:02d}:{10 + unit * 7 % 50:02d}:00"
        vout = round(5.0 * (1 + rng.uniform(-0.03, 0.03)), 3)
        ripple = round(rng.uniform(0.01, 0.06), 4)
        rows = [
            ("Power/Rails", "Vout", f"{vout}", "5.0", "2", "pct", "", "V", ""),
            ("Power/Rails", "Ripple", f"{ripple}", "0.05", "", "", "LT", "V", ""),
            (
                "Power",
                "Efficiency",
                f"{rng.uniform(86, 92):.2f}",
                "",
                "",
                "",
                "",
                "%",
                '"measured at 2 A, 25 °C"',
            ),
            ("Audio", "Codec ID", "WM8731", "WM8731", "", "", "IGNORECASE", "", ""),
            ("Audio", "Click", "PASS", "", "", "", "", "", '"operator heard\na click"'),
            ("Misc", "Fan", f"{rng.randint(2800, 3400)}", "3100", "400", "abs", "", "rpm", ""),
        ]
        for group, test, value, nominal, tol, mode, op, unit_text, note in rows:
            lines.append(
                f"{sn},PCB-4711,{start},{12.5 + unit},{unit + 1},{group},{test},{value},{nominal},{tol},{mode},{op},{unit_text},{note}"
            )
    return ("\ufeff" + "\n".join(lines) + "\n").encode("utf-8")


def appended_runs() -> bytes:
    """Two runs of the same unit appended to one file; the header row repeats between them."""
    header = "sn;start;step;value;low;high;unit;status"
    first = [
        "DEMO-0030-A;2025-03-14 08:00:00;Vout;4,91;4,75;5,25;V;PASS",
        "DEMO-0030-A;2025-03-14 08:00:00;Iq;0,31;;0,25;A;FAIL",
    ]
    second = [
        "DEMO-0030-A;2025-03-14 08:20:00;Vout;4,97;4,75;5,25;V;PASS",
        "DEMO-0030-A;2025-03-14 08:20:00;Iq;0,21;;0,25;A;PASS",
    ]
    return "\n".join([header, *first, header, *second, ""]).encode("utf-8")


APPENDED_SETTINGS = {
    "decimal": ",",
    "columns": {
        "sn": "sn",
        "start": "start",
        "step": "step",
        "value": "value",
        "low": "low",
        "high": "high",
        "unit": "unit",
        "status": "status",
    },
    "part_number": "PCB-4711",
    "process_code": 10,
    "timezone": "UTC",
}


def wide_table(rng: random.Random, units: int = 3) -> bytes:
    """Excel "Unicode text": UTF-16 with BOM, TAB-separated, one row per unit, LSL/USL/Unit rows."""
    rows = [
        "Serial\tDate\tOperator\tPower/Vout [V]\tPower/Iq\tLeakage\tFW\tVerdict",
        "LSL\t\t\t4.75\t\t\t\t",
        "USL\t\t\t5.25\t0.25\t5\t\t",
        "Unit\t\t\t\tA\tµA\t\t",
    ]
    for unit in range(units):
        vout = round(5 + rng.uniform(-0.2, 0.2), 3)
        iq = round(rng.uniform(0.1, 0.3), 3)
        verdict = "PASS" if iq <= 0.25 else "FAIL"
        rows.append(
            f"DEMO-{40 + unit:04d}-W\t14.03.2025 1{unit}:00\tkari\t{vout}\t{iq}\t{rng.uniform(0.5, 3):.2f}\t2.4.1\t{verdict}"
        )
    return ("\r\n".join(rows) + "\r\n").encode("utf-16")


def samples() -> list[Sample]:
    rng = random.Random(9)
    damaged = spreadsheet_export().replace(b"DEMO-0001-A", b"1.23457E+11")
    ragged = appended_runs().replace(
        b"V;PASS\nDEMO-0030-A;2025-03-14 08:00:00;Iq", b"V;PASS;extra\nDEMO-0030-A;2025-03-14 08:00:00;Iq"
    )
    return [
        Sample(
            "generic_csv",
            "csv_spreadsheet_export",
            {"FCT-07_DEMO-0001-A.csv": spreadsheet_export()},
            "FCT-07_DEMO-0001-A.csv",
            PREAMBLE_SETTINGS,
        ),
        Sample(
            "generic_csv", "csv_script_log", {"rig.csv": script_log(rng)}, "rig.csv", LOG_SETTINGS, units=3
        ),
        Sample(
            "generic_csv",
            "csv_appended_runs",
            {"runs.csv": appended_runs()},
            "runs.csv",
            APPENDED_SETTINGS,
            units=2,
        ),
        Sample(
            "generic_csv",
            "csv_wide_unicode",
            {"panel.txt": wide_table(rng)},
            "panel.txt",
            WIDE_SETTINGS,
            units=3,
        ),
        Sample(
            "generic_csv",
            "csv_excel_serial",
            {"damaged.csv": damaged},
            "damaged.csv",
            PREAMBLE_SETTINGS,
            expect_error=True,
        ),
        Sample(
            "generic_csv",
            "csv_extra_cell",
            {"ragged.csv": ragged},
            "ragged.csv",
            APPENDED_SETTINGS,
            expect_error=True,
        ),
    ]


def bulk(units: int) -> Sample:
    """A script log with ``units`` units (six rows each)."""
    data = script_log(random.Random(units), units)
    return Sample(
        "generic_csv", f"csv_bulk_{units}", {"bulk.csv": data}, "bulk.csv", LOG_SETTINGS, units=units
    )
