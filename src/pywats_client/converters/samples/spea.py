"""SPEA log samples: the two boards of the format description, and a day-first panel log."""
# ruff: noqa: E501  (sample files are reproduced line by line as the equipment writes them)

from __future__ import annotations

import random
from datetime import datetime, timedelta

from pywats_client.converters.samples import Sample

SETTINGS = {"process_code": 31, "timezone": "Europe/Rome", "revision": "C"}

SPEC_SAMPLE = """FORMAT;mmdd
START;PCB4711_ICT;PCB4711-TP;2.1.0;PCB4711;kari;03/14/2025;10:05:00
LOT;LOT-0425
ANL;1;R101;1;1;R101 1K 1%;;PASS;1.002300e+03;9.500000e+02;1.050000e+03;ohm;12 40 ;1
ANL;1;R102;2;1;R102 10K 1%;;PASS;9.981000e+03;9.500000e+03;1.050000e+04;ohm;13 41 ;2
ANL;1;C12;3;1;C12 100N 10%;;FAIL;8.120000e-08;9.000000e-08;1.100000e-07;F;14 42 ;3
ANL;1;DSC-C12;4;1;DSC-C12 Verify discharge;;PASS;-3.906250e-04;-1.000000e-01;1.000000e-01;V;14 30 ;4
ANL;1;LNK2TP $GND;5;1;LNK2TP $GND 30-31;;PASS;1.180000e+00;0.000000e+00;1.000000e+01;ohm;30 31 ;5
ANL;1;D3;6;1;D3 forward voltage;;PASS;6.810000e-01;5.000000e-01;1.000000e+10;V;20 21 ;6
FUNC;1;U7;7;1;U7 boundary scan;;PASS;Automatic;;;;;7
SN;DEMO-0008-H
BOARDRESULT;FAIL
END;FAIL;03/14/2025;10:06:12
START;PCB4711_ICT;PCB4711-TP;2.1.0;PCB4711;kari;03/14/2025;10:06:40
LOT;LOT-0425
ANL;1;R101;1;1;R101 1K 1%;;PASS;9.987000e+02;9.500000e+02;1.050000e+03;ohm;12 40 ;1
ANL;1;C12;3;1;C12 100N 10%;;PASS;1.012000e-07;9.000000e-08;1.100000e-07;F;14 42 ;3
SN;DEMO-0009-I
BOARDRESULT;PASS
END;PASS;03/14/2025;10:07:31
"""


def panel_log(rng: random.Random, boards: int = 3) -> bytes:
    """Day-first dates, two sites, repeated descriptions, a -NAN reading, a short to ground with a
    zero lower limit, a high-side sentinel, a connect line (0/0/0) and one interrupted board."""
    lines = ["FORMAT;ddmm"]
    for index in range(boards):
        site = index % 2 + 1
        sn = f"DEMO-{80 + index:04d}-S"
        begin = datetime(2025, 3, 14, 11, 10) + timedelta(minutes=3 * index)
        interrupted = index == boards - 1
        lines.append(f"START;PCB4711_FP;PCB4711-FP;3.0.2;PCB4711;kari;{begin:%d/%m/%Y;%H:%M:%S}")
        lines.append("LOT;")
        r = rng.uniform(4550, 4900)
        lines += [
            f"ANL;{site};R5({site});1;1;R5 4K7 5%;RES-4K7;PASS;{r:.6e};4.465000e+03;4.935000e+03;ohm;3 9 ;11",
            f"ANL;{site};CON1;2;1;Board not tested;;PASS;0.000000e+00;0.000000e+00;0.000000e+00;;;12",
            f"ANL;{site};CON2;3;1;Board not tested;;PASS;0.000000e+00;0.000000e+00;0.000000e+00;;;13",
            f"ANL;{site};Q2;4;1;Q2 VBE;;PASS;{rng.uniform(0.6, 0.7):.6e};-1.000000e+10;7.500000e-01;V;5 6 ;14",
            f"ANL;{site};TP12;5;1;TP12 to GND;;{'FAIL' if index == 1 else 'PASS'};{rng.uniform(0.0, 0.5) if index != 1 else 12.5:.6e};0.000000e+00;2.000000e+00;ohm;12 0 ;15",
            f"ANL;{site};U9;6;1;U9 VREF;;PASS;-NAN;2.400000e+00;2.600000e+00;V;8 0 ;16",
        ]
        if interrupted:
            lines += [
                f"SN;{sn}",
                "BOARDRESULT;NONE",
                f"END;INTERRUPTED;{begin + timedelta(seconds=20):%d/%m/%Y;%H:%M:%S}",
            ]
        else:
            verdict = "FAIL" if index == 1 else "PASS"
            lines += [
                f"SN;{sn}",
                f"BOARDRESULT;{verdict}",
                f"END;{verdict};{begin + timedelta(seconds=65):%d/%m/%Y;%H:%M:%S}",
            ]
    return ("\n".join(lines) + "\n").encode("cp1252")


def samples() -> list[Sample]:
    rng = random.Random(3030)
    log = panel_log(rng)
    cut = log[: log.rindex(b"BOARDRESULT;")]
    return [
        Sample(
            "spea",
            "spea_spec",
            {"testdata_DEMO-0008-H": SPEC_SAMPLE.encode()},
            "testdata_DEMO-0008-H",
            SETTINGS,
            units=2,
        ),
        Sample("spea", "spea_panel", {"panel.log": log}, "panel.log", SETTINGS, units=3),
        Sample(
            "spea",
            "spea_open_board",
            {"running": cut},
            "running",
            {**SETTINGS, "accept_incomplete": True},
            units=3,
        ),
        Sample("spea", "spea_truncated", {"cut": cut}, "cut", SETTINGS, expect_error=True),
    ]


def bulk(units: int) -> Sample:
    log = panel_log(random.Random(units), units)
    return Sample("spea", f"spea_bulk_{units}", {"bulk": log}, "bulk", SETTINGS, units=units)
