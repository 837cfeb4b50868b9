"""Seica flying-probe XML samples: the two-board panel of the format description, a larger panel."""
# ruff: noqa: E501  (sample files are reproduced line by line as the equipment writes them)

from __future__ import annotations

import random
from datetime import datetime, timedelta

from pywats_client.converters.samples import Sample

SETTINGS = {"process_code": 10, "timezone": "Europe/Oslo"}

SPEC_SAMPLE = """<?xml version="1.0" encoding="utf-8"?>
<R>
  <PrgC>PCB4711 flying probe program</PrgC>
  <FidMrk PRT="0"/>
  <ST NM="PCB4711_C_fp" OP="kari" NMP="PCB4711-PANEL"/>
  <BI BC="PNL-0100" BCP="DEMO-0012-M" SD="14-03-2025 11:02:07">
    <TEST F="Resistors" NM="R101" MR="1002.3" ML="950" MH="1050" MU="Ohm" TR="0" TT="35"/>
    <TEST F="Resistors" NM="R102" MR="9981" ML="9500" MH="10500" MU="Ohm" TR="0" TT="31"/>
    <TEST F="Capacitors" NM="C12" MR="8.12E-08" ML="9E-08" MH="1.1E-07" MU="F" TR="1" TT="58"/>
    <TEST F="Diodes" NM="D3" MR="0.681" ML="0.5" MH="0.8" MU="V" TR="0" TT="22"/>
  </BI>
  <BI BC="PNL-0100" BCP="DEMO-0013-N" SD="14-03-2025 11:04:40">
    <TEST F="Resistors" NM="R101" MR="998.7" ML="950" MH="1050" MU="Ohm" TR="0" TT="34"/>
    <TEST F="Resistors" NM="R102" MR="10012" ML="9500" MH="10500" MU="Ohm" TR="0" TT="30"/>
    <TEST F="Capacitors" NM="C12" MR="1.01E-07" ML="9E-08" MH="1.1E-07" MU="F" TR="0" TT="57"/>
    <TEST F="Diodes" NM="D3" MR="0.676" ML="0.5" MH="0.8" MU="V" TR="0" TT="21"/>
  </BI>
  <ET ED="14-03-2025 11:07:02" NF="1"/>
</R>
"""


def panel(rng: random.Random, boards: int = 4) -> bytes:
    """A panel with missing limit attributes (one side, none), a test without a value, µ units."""
    out = [
        '<?xml version="1.0" encoding="iso-8859-1"?>',
        "<R>",
        "<PrgC>PCB4711 rev C, 4-up panel</PrgC>",
        '<ST NM="PCB4711 C fp2" OP="kari" NMP="PCB4711-4UP"/>',
    ]
    for index in range(boards):
        sn = f"DEMO-{100 + index:04d}-F"
        ok = index != 2
        out.append(
            f'<BI BC="PNL-0200" BCP="{sn}" SD="{datetime(2025, 3, 14, 12, 10) + timedelta(minutes=3 * index):%d-%m-%Y %H:%M:%S}">'
        )
        out.append(
            f'<TEST F="Resistors" NM="R1" MR="{rng.uniform(990, 1010):.1f}" ML="950" MH="1050" MU="Ohm" TR="0" TT="30"/>'
        )
        out.append(
            f'<TEST F="Inductors" NM="L1" MR="{rng.uniform(9.5, 10.5):.2f}" ML="8" MU="µH" TR="0" TT="41"/>'
        )
        leak = rng.uniform(0.1, 0.9) if ok else 2.5
        out.append(
            f'<TEST F="Diodes" NM="D2 leakage" MR="{leak:.3f}" MH="1" MU="µA" TR="{0 if ok else 1}" TT="80"/>'
        )
        out.append(f'<TEST F="Diodes" NM="D2 Vf" MR="{rng.uniform(0.6, 0.7):.3f}" MU="V" TR="0" TT="12"/>')
        out.append('<TEST F="Connectors" NM="J1 contact" TR="0" TT="5"/>')
        out.append("</BI>")
    out += ['<ET ED="14-03-2025 12:30:00" NF="1"/>', "</R>"]
    return ("\n".join(out) + "\n").encode("iso-8859-1")


def samples() -> list[Sample]:
    rng = random.Random(5)
    return [
        Sample(
            "seica",
            "seica_spec",
            {"PCB4711_panel.xml": SPEC_SAMPLE.encode()},
            "PCB4711_panel.xml",
            SETTINGS,
            units=2,
        ),
        Sample("seica", "seica_panel", {"4up.xml": panel(rng)}, "4up.xml", SETTINGS, units=4),
        Sample(
            "seica",
            "seica_no_serial",
            {"x.xml": SPEC_SAMPLE.replace('BCP="DEMO-0013-N"', 'BCP=""').encode()},
            "x.xml",
            SETTINGS,
            expect_error=True,
        ),
    ]


def bulk(units: int) -> Sample:
    return Sample(
        "seica",
        f"seica_bulk_{units}",
        {"bulk.xml": panel(random.Random(units), units)},
        "bulk.xml",
        SETTINGS,
        units=units,
    )
