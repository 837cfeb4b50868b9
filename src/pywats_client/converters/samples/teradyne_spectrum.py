"""Teradyne Spectrum log samples: the board of the format description and a longer program run."""
# ruff: noqa: E501  (sample files are reproduced line by line as the equipment writes them)

from __future__ import annotations

import random

from pywats_client.converters.samples import Sample

SETTINGS = {"process_code": 30, "timezone": "America/Chicago", "revision": "C"}

SPEC_SAMPLE = """(PROGRAM_NAME: "PCB4711")
(SUBPROGRAM_NAME: "Main")
(SECTION_NAME: "Header")

(STEP:
    (TYPE: RAW) (TIME: 03/14/2025 09:30:02 )
     (SNAME: "BoardID")
    (PAGE:
        (TYPE: EXT_PROG) (PAGE_NAME: "BoardID") (STAT: PASS)
        (EXTPROG: (PROG_NAME: C:\\TP\\PCB4711\\read_id.exe) )
        ) (STAT: PASS))

    (USER:  Serialnumber:DEMO-0010-K)
    (USER:  Operator:kari)
    (USER:  Date:03/14/2025     )
    (USER:  StartTime:09:30:02:118     )
(SECTION_NAME: "JUMPERS")

(STEP:
    (TYPE: RAW) (TIME: 03/14/2025 09:30:04 )
     (SNAME: "JUMPER[L3]")
    (DESC: "FERRITE BEAD 0603  ") (PAGE:
        (TYPE: LOWR) (PAGE_NAME: "L3") (STAT: PASS)
        (INTC:
            (TYPE: LOWR) (STAT: PASS)
            (HILIM: (VAL: 5) (UNIT: O) )
   (INTC_RESULT: (STAT: PASS)(MEASVAL: (VAL: 412.5) (SCALE: m) (UNIT: O) ) )  )
        ) (STAT: PASS))

(STEP:
    (TYPE: RAW) (TIME: 03/14/2025 09:30:05 )
     (SNAME: "DISCHARGE[C12_DCG]")
    (PAGE:
        (TYPE: DISCHARGE) (PAGE_NAME: "C12_DSG") (STAT: FAIL)
        (ANA: (TYPE: DISCHARGE) (STAT: FAIL) (HILIM: (VAL: 50) (SCALE: m) (UNIT: V) ) )
        ) (STAT: FAIL))

    (USER:  STATUS: BOARD FAILED)
    (USER:  EndTime:09:30:06:410     )
"""


_FACTOR = {"": 1.0, "k": 1e3, "M": 1e6, "m": 1e-3, "u": 1e-6, "n": 1e-9, "p": 1e-12}


def _analog(name: str, value: float, scale: str, unit: str, low: float, high: float, lim_scale: str) -> str:
    base = value * _FACTOR[scale]
    stat = "PASS" if low * _FACTOR[lim_scale] <= base <= high * _FACTOR[lim_scale] else "FAIL"
    return f"""(STEP:
    (TYPE: RAW) (TIME: 03/14/2025 14:0{len(name) % 10}:11 )
     (SNAME: "{name}")
    (PAGE:
        (TYPE: ANALOG) (PAGE_NAME: "{name}") (STAT: {stat})
        (ANA: (TYPE: RES) (STAT: {stat})
            (LOLIM: (VAL: {low}) (SCALE: {lim_scale}) (UNIT: {unit}) ) (HILIM: (VAL: {high}) (SCALE: {lim_scale}) (UNIT: {unit}) )
            (INTC_RESULT: (STAT: {stat}) (MEASVAL: (VAL: {value}) (SCALE: {scale}) (UNIT: {unit}) ) (CONNECTED_NODES: 12 40) )
            (MEAS: (TPNUM: 12) (TPNAME: NET_12)) (GUARD: (TPNUM: 3)) )
        ) (STAT: {stat}))
"""


def program_run(rng: random.Random, serial: str = "DEMO-0090-U", passing: bool = True) -> bytes:
    """Sections with analog pages (values and limits in different scales), a step with two
    pages, an APC page with resistance/capacitance limits, and the USER lines spread around."""
    r1 = rng.uniform(0.98, 1.02) if passing else 1.2
    parts = [
        '(PROGRAM_NAME: "PCB4711B_ICT rev4")',
        '(SUBPROGRAM_NAME: "Main")',
        f"    (USER:  Serialnumber:{serial})",
        "    (USER:  Operator:kari)",
        "    (USER:  Machine:SPECTRUM-3)",
        "    (USER:  SequenceRev:4.1)",
        "    (USER:  OrderNumber:WO-2025-118)",
        "    (USER:  Date:03/14/2025)",
        "    (USER:  StartTime:14:00:10:007)",
        '(SECTION_NAME: "RESISTORS")',
        _analog("R1", round(r1, 4), "k", "O", 950, 1050, ""),
        _analog("R2", round(rng.uniform(46.5, 47.5), 3), "k", "O", 0.045, 0.049, "M"),
        '(SECTION_NAME: "CAPACITORS")',
        _analog("C7", round(rng.uniform(95, 105), 2), "n", "F", 0.09, 0.11, "u"),
        """(STEP:
    (TYPE: RAW) (TIME: 03/14/2025 14:00:30 )
     (SNAME: "Q5 checks")
    (DESC: "NPN transistor")
    (PAGE: (TYPE: ANALOG) (PAGE_NAME: "Q5_BE") (STAT: PASS)
        (ANA: (TYPE: DIODE) (STAT: PASS) (LOLIM: (VAL: 0.55) (UNIT: V)) (HILIM: (VAL: 0.75) (UNIT: V))
        (INTC_RESULT: (STAT: PASS) (MEASVAL: (VAL: 0.652) (UNIT: V)) ) ) )
    (PAGE: (TYPE: APC) (PAGE_NAME: "Q5_APC") (STAT: PASS) (COMMENT: "orientation check")
        (INTC: (TYPE: APC) (STAT: PASS) (RES_LIMIT: (VAL: 1.25) (SCALE: M) (UNIT: O)) (CAP_LIMIT: (VAL: 20) (SCALE: p) (UNIT: F)) ) )
    (STAT: PASS))
""",
        f"    (USER:  STATUS: BOARD {'PASSED' if passing else 'FAILED'})",
        "    (USER:  EndTime:14:00:41:512)",
    ]
    return "\n".join(parts).encode("cp1252")


def samples() -> list[Sample]:
    rng = random.Random(1985)
    run = program_run(rng)
    bad_serial = SPEC_SAMPLE.replace("Serialnumber:DEMO-0010-K", "Serialnumber:")
    return [
        Sample(
            "teradyne_spectrum", "spectrum_spec", {"PB4711.txt": SPEC_SAMPLE.encode()}, "PB4711.txt", SETTINGS
        ),
        Sample("teradyne_spectrum", "spectrum_run", {"PB4711B.txt": run}, "PB4711B.txt", SETTINGS),
        Sample(
            "teradyne_spectrum",
            "spectrum_failed",
            {"PB4711C.txt": program_run(rng, "DEMO-0091-U", False)},
            "PB4711C.txt",
            SETTINGS,
        ),
        Sample(
            "teradyne_spectrum",
            "spectrum_no_serial",
            {"PBX.txt": bad_serial.encode()},
            "PBX.txt",
            SETTINGS,
            expect_error=True,
        ),
        Sample(
            "teradyne_spectrum",
            "spectrum_truncated",
            {"PBY.txt": run[: len(run) // 2]},
            "PBY.txt",
            SETTINGS,
            expect_error=True,
        ),
    ]


def bulk(units: int) -> Sample:
    """Spectrum writes one unit per file: a file with ``units`` × the analog steps of one run."""
    rng = random.Random(units)
    steps = "\n".join(
        _analog(f"R{i}", round(rng.uniform(0.98, 1.02), 4), "k", "O", 950, 1050, "")
        for i in range(units * 10)
    )
    data = SPEC_SAMPLE.replace(
        '(SECTION_NAME: "JUMPERS")', '(SECTION_NAME: "RESISTORS")\n' + steps + '\n(SECTION_NAME: "JUMPERS")'
    )
    return Sample(
        "teradyne_spectrum", f"spectrum_bulk_{units}", {"bulk.txt": data.encode()}, "bulk.txt", SETTINGS
    )
