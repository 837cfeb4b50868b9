"""Keysight 3070 log samples: the single board of the format description, and a panel run."""
# ruff: noqa: E501  (sample files are reproduced line by line as the equipment writes them)

from __future__ import annotations

import random

from pywats_client.converters.samples import Sample

SETTINGS = {"process_code": 10, "timezone": "Europe/Oslo", "units": {"A-NPN": "V"}}

SPEC_SAMPLE = """{@BATCH|pcb4711|c|3|1|3070|ict|LOT-0425|kari|ict-ctl-2|pcb4711_tp|07||
{@BTEST|DEMO-0004-D|01|250314123001|000042|0|all||n|n|250314123043||1|PNL-0099
{@RPT|Analog failures on board 1}
{@BLOCK|r101|00
{@A-RES|0|+1.002300E+03{@LIM3|+1.000000E+03|+1.050000E+03|+9.500000E+02}}
}
{@BLOCK|c12|01
{@A-CAP|1|+8.120000E-08{@LIM3|+1.000000E-07|+1.100000E-07|+9.000000E-08}}
}
{@BLOCK|d3|00
{@A-DIO|0|+6.810000E-01{@LIM2|+8.000000E-01|+5.000000E-01}}
}
{@BLOCK|f1|00
{@A-FUS|0|+2.100000E-02{@LIM2|+9.999999E+99|+0.000000E+00}}
}
{@BLOCK|u7|00
{@D-T|0|0|0|48|u7%digital}
}
{@TS|0|0|0|0|shorts}
{@PF|pins|0|1250
}
}
}
"""


def _board(rng: random.Random, sn: str, number: int, start: str, end: str, failing: bool) -> str:
    r1 = rng.uniform(990, 1010) if not failing else 1092.0
    q5_be = rng.uniform(0.62, 0.68)
    status = "01" if failing else "00"
    pin_block = "{@PF|pins|1|1250\n{@DPIN|u7|14 15}\n}" if failing else "{@PF|pins|0|1250\n}"
    return f"""{{@BTEST|{sn}|{status}|{start}|000037|0|all||n|n|{end}|{"analog" if failing else ""}|{number}|PNL-0123
{{@BLOCK|r1|{"01" if failing else "00"}
{{@A-RES|{"1" if failing else "0"}|{r1:+.6E}{{@LIM3|+1.000000E+03|+1.050000E+03|+9.500000E+02}}}}
}}
{{@BLOCK|r2|00
{{@A-RES|0|{rng.uniform(9.9e3, 10.1e3):+.6E}
{{@LIM2|+1.100000E+04|+9.000000E+03}}}}
}}
{{@BLOCK|l4|00
{{@A-IND|0|{rng.uniform(9.5e-6, 10.5e-6):+.6E}{{@LIM3|+1.000000E-05|+1.200000E-05|+8.000000E-06}}}}
}}
{{@BLOCK|q5|00
{{@A-NPN|0|{q5_be:+.6E}|be{{@LIM2|+7.000000E-01|+6.000000E-01}}}}
{{@A-NPN|0|{rng.uniform(0.1, 0.2):+.6E}|ce{{@LIM2|+3.000000E-01|-9.999999E+99}}}}
}}
{{@BLOCK|tp9|00
{{@A-MEA|0|{rng.uniform(1.2, 1.3):+.6E}}}
}}
{{@BLOCK|u12%jtag|00
{{@BS-CON|u12%jtag|0|0|0}}
}}
{{@TJET|0|24|u8}}
{{@CCHK|0|12|conn_j1}}
{pin_block}
}}
"""


def panel(rng: random.Random, boards: int = 4) -> bytes:
    """One BATCH with several boards of a panel (one failing); 12-field BTEST records too."""
    out = [
        "{@BATCH|pcb4711|c|3|1|3070|ict|LOT-0426|kari|ict-ctl-2|pcb4711_tp|08|PANEL-4711|a|pcb4711_label\n"
    ]
    for number in range(1, boards + 1):
        sn = f"DEMO-{60 + number:04d}-P"
        start = f"2503141{3 + number // 60}{number % 60:02d}00"
        end = f"2503141{3 + number // 60}{number % 60:02d}37"
        board = _board(rng, sn, number, start, end, failing=number == 2)
        if number == 3:  # older tester software: BTEST without the parent panel id
            board = board.replace("|3|PNL-0123\n", "|3\n", 1)
        out.append(board)
    out.append("}\n")
    return "".join(out).encode("ascii")


def samples() -> list[Sample]:
    rng = random.Random(3070)
    whole = panel(rng)
    cut = (
        whole[: whole.rindex(b"{@BTEST")]
        + b"{@BTEST|DEMO-0099-X|00|250314140000|000001|0|all||n|n|250314140001||9|PNL-0123\n{@BLOCK|r1|00\n"
    )
    no_id = SPEC_SAMPLE.replace("DEMO-0004-D", "").encode()
    return [
        Sample(
            "keysight_3070",
            "i3070_spec",
            {"pcb4711_board1": SPEC_SAMPLE.encode()},
            "pcb4711_board1",
            SETTINGS,
        ),
        Sample(
            "keysight_3070",
            "i3070_panel",
            {"pcb4711_panel.log": whole},
            "pcb4711_panel.log",
            SETTINGS,
            units=4,
        ),
        Sample(
            "keysight_3070",
            "i3070_open_board",
            {"open_board": cut},
            "open_board",
            {**SETTINGS, "accept_incomplete": True},
            units=4,
        ),
        Sample("keysight_3070", "i3070_truncated", {"cut": cut}, "cut", SETTINGS, expect_error=True),
        Sample("keysight_3070", "i3070_no_board_id", {"noid": no_id}, "noid", SETTINGS, expect_error=True),
    ]


def bulk(units: int) -> Sample:
    data = panel(random.Random(units), units)
    return Sample("keysight_3070", f"i3070_bulk_{units}", {"bulk": data}, "bulk", SETTINGS, units=units)
