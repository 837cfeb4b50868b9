"""Teradyne ICT datalog samples: the two boards of the format description, and a longer shift log."""

from __future__ import annotations

import random

from pywats_client.converters.samples import Sample

SETTINGS = {"process_code": 20, "timezone": "Europe/Oslo", "revision": "C"}

SPEC_SAMPLE = """C:\\PROGRAMS\\PCB4711\\PCB4711_REVC.obc[14-MAR-25  08:00:12
@14-MAR-25  08:01:05 SN DEMO-0005-E
TOP_OF_LOOP-A
WATS_operator=kari
R101=1.002K(950,1.05K)R
R102=998.1(950,1050)R
C12=96.4N(90N,110N)CP
K1_COIL=215.3(150,250)R
K1_SET#(,)VS
D3=0.681(0.5,0.8)DC
"14-MAR-25  08:01:41
@14-MAR-25  08:02:10 SN DEMO-0006-F
TOP_OF_LOOP-B
(S  NET_12 to NET_40 short
R101=1.004K(950,1.05K)R
C12<81.2N(90N,110N)CP =LOW VALUE
/14-MAR-25  08:02:31
"""

_MONTH = "MAR"


def _board(rng: random.Random, sn: str, minute: int, position: str, ending: str) -> list[str]:
    start = f"14-{_MONTH}-25  09:{minute:02d}:05"
    lines = [f"@{start} SN {sn}", f"TOP_OF_LOOP-{position}"]
    if ending == "?":
        return [*lines, f"?14-{_MONTH}-25  09:{minute:02d}:07"]
    r1 = rng.uniform(0.96, 1.04)
    lines += [
        f"R1={r1:.4f}K(950,1.05K)R",
        f"R7={rng.uniform(9.7, 10.3):.3f}MEG(9.5MEG,10.5MEG)R",
        f"C3={rng.uniform(4.5, 5.2):.3f}U(4.2U,5.8U)CP",
        f"L2={rng.uniform(9.0, 11.0):.2f}U(8U,)LS",
        f"D1={rng.uniform(0.6, 0.7):.3f}(,0.75)DC",
        "D1_CHK#(,)DC",
        "Q4_BE=0.652(0.55,0.75)DC",
        f"U5_VCC={rng.uniform(3.25, 3.35):.3f}(3.2,3.4)V",
        "U5_ICC=12.4M(5M,20M)I",
        "K2_SET#(,)IS",
        f"K2_OPEN={rng.uniform(20, 40):.1f}MEG(10MEG,)R",
        f"X1_FREQ={rng.uniform(7.9998, 8.0002):.5f}MEG(7.999MEG,8.001MEG)HZ",
    ]
    if ending == "*":
        lines.append("U5_PROG%(,)AR =programmer timeout")
    if ending == "/":
        lines.insert(2, "(O  R7 pin 2 open")
        lines.append("U5_VREF>2.61(2.4,2.6)DC =HIGH VALUE")
    return [*lines, f"{ending}14-{_MONTH}-25  09:{minute:02d}:48"]


def shift_log(rng: random.Random, boards: int = 6) -> bytes:
    """A reload of the program, then boards that pass, fail, error, get aborted or go to diagnosis."""
    endings = ['"', "/", '"', "*", "?", "]", '"', "/"]
    out = ["C:\\PROGRAMS\\PCB4711\\PCB4711_REVC.obc[14-MAR-25  08:58:40"]
    for index in range(boards):
        sn = f"DEMO-{70 + index:04d}-T"
        lines = _board(rng, sn, 1 + index * 2, "ABCDEFGH"[index % 8], endings[index % len(endings)])
        if index == 0:  # an override applies to the board it is printed in only
            lines.insert(1, "WATS_stationName=ICT-TER-2")
        out += lines
    return ("\r\n".join(out) + "\r\n").encode("ascii")


def samples() -> list[Sample]:
    rng = random.Random(228)
    log = shift_log(rng)
    cut = log[: log.rindex(b"U5_VCC")]
    return [
        Sample(
            "teradyne_ict",
            "teradyne_ict_spec",
            {"PCB4711_datalog.txt": SPEC_SAMPLE.encode()},
            "PCB4711_datalog.txt",
            SETTINGS,
            units=2,
        ),
        Sample(
            "teradyne_ict", "teradyne_ict_shift", {"shift_0914.log": log}, "shift_0914.log", SETTINGS, units=5
        ),
        Sample(
            "teradyne_ict",
            "teradyne_ict_open_board",
            {"running.log": cut},
            "running.log",
            {**SETTINGS, "accept_incomplete": True},
            units=5,
        ),
        Sample(
            "teradyne_ict", "teradyne_ict_truncated", {"cut.log": cut}, "cut.log", SETTINGS, expect_error=True
        ),
    ]


def bulk(units: int) -> Sample:
    log = shift_log(random.Random(units), units)
    kept = sum(1 for i in range(units) if ['"', "/", '"', "*", "?", "]", '"', "/"][i % 8] != "?")
    return Sample(
        "teradyne_ict", f"teradyne_ict_bulk_{units}", {"bulk.log": log}, "bulk.log", SETTINGS, units=kept
    )
