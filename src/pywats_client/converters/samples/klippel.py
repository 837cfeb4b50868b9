# ruff: noqa: E501  (sample files are reproduced line by line as the equipment writes them)
"""Klippel QC samples: the device of the format description, a device tested west of UTC with a
warning verdict, and a header whose data folder has not been written yet."""

from __future__ import annotations

import math
import random

from pywats_client.converters.samples import Sample

SETTINGS = {"process_code": 700, "part_number": "SPK-8", "revision": "B"}

SPEC_HEADER = """// DUT serial
Cfg_SerialNumber=SPK-0014
// start: getDate fields, then UTC offset (min) and epoch seconds
Cfg_DutStartTime=2025-3-11-73-6-14-12-30-5-120-60-1.742E+09
Cfg_UserName=win:kari
Cfg_LoginMode=OPERATOR
Cfg_Speaker=sp1
Cfg_LimitsAvail=T
Ctrl_ErrorGeneral=
// verdict code, see the key table
Ctrl_OverallVerdict=0
Results_Pass=resp\tthd\tre
Results_Fail=fs
Results_Warning=
"""

SPEC_VALUES = "name\tvalue\tmin\tmax\nre\t6.41\t5.80\t7.20\nfs\t61.2\t65.0\t85.0\n"
SPEC_THD = """frq\tthd\tmax
200.0\t-\t-
250.0\t41.72\t60.00
315.0\t38.05\t60.00
400.0\t35.90\t60.00
500.0\t33.18\t60.00
630.0\t30.44\t60.00
800.0\t29.67\t60.00
10000\t-\t-
"""


def _spec() -> dict[str, bytes]:
    base = "DUT SPK-0014 2025-03-14 12-30-05-1 UTC+0100"
    return {
        f"{base}.txt": SPEC_HEADER.encode(),
        f"{base}/Impedance-values.txt": SPEC_VALUES.encode(),
        f"{base}/Sound Pressure-thd.txt": SPEC_THD.encode(),
    }


def _response(rng: random.Random) -> str:
    lines = ["frq\tresp\tmin\tmax"]
    for step in range(24):
        f = 100 * 2 ** (step / 3)
        level = 86 + 3 * math.sin(step / 4) + rng.uniform(-0.5, 0.5)
        lines.append(f"{f:.1f}\t{level:.2f}\t{80 if step > 2 else '-'}\t{92 if step > 2 else '-'}")
    return "\n".join(lines) + "\n"


def west_of_utc(rng: random.Random) -> dict[str, bytes]:
    """Chicago (UTC-5 in March after the switch): a negative offset, a warning verdict, a task
    name with a dash, a curve with both limit curves (UTF-8 with BOM header)."""
    base = "DUT SPK-0201 2025-03-14 08-05-00-3 UTC-0500"
    header = (
        "Cfg_SerialNumber=SPK-0201\nCfg_DutStartTime=2025-3-11-73-6-14-8-5-0-300--300-1.741957500E+09\n"
        "Cfg_UserName=corp:ola\nCfg_LoginMode=ENGINEER\nCfg_Speaker=sp2\nCtrl_ErrorGeneral=\nCtrl_OverallVerdict=2\n"
        "Results_Pass=resp\tre\nResults_Fail=\nResults_Warning=rbz\n"
    )
    return {
        f"{base}.txt": ("\ufeff" + header).encode(),
        f"{base}/Frequency Response-resp.txt": _response(rng).encode(),
        f"{base}/Rub-Buzz-rbz.txt": b"name\tvalue\tmin\tmax\nrbz\t-12.5\t-\t-10\n",
        f"{base}/Impedance-values.txt": f"name\tvalue\tmin\tmax\nre\t{rng.uniform(6.1, 6.6):.2f}\t5.80\t7.20\n".encode(),
    }


def samples() -> list[Sample]:
    rng = random.Random(2002)
    spec = _spec()
    west = west_of_utc(rng)
    header_only = {name: data for name, data in _spec().items() if "/" not in name}
    return [
        Sample("klippel", "klippel_spec", spec, next(n for n in spec if "/" not in n), SETTINGS),
        Sample("klippel", "klippel_west_warning", west, next(n for n in west if "/" not in n), SETTINGS),
        Sample(
            "klippel", "klippel_no_folder", header_only, next(iter(header_only)), SETTINGS, expect_error=True
        ),
    ]


def bulk(units: int) -> Sample:
    """Klippel writes one device per header: one device with ``units`` curve tables."""
    rng = random.Random(units)
    files = west_of_utc(rng)
    base = next(n for n in files if "/" not in n)[:-4]
    for index in range(units):
        files[f"{base}/Sweep {index}-resp{index}.txt"] = _response(rng).encode()
    return Sample("klippel", f"klippel_bulk_{units}", files, f"{base}.txt", SETTINGS)
