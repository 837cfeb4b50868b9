# ruff: noqa: E501  (sample files are reproduced line by line as the equipment writes them)
"""XJTAG .xjlog samples: the single run of the format description, a log that grew to three runs,
a log exported by hand from the output window, and a ZIP cut short while being written."""

from __future__ import annotations

import io
import random
import zipfile

from pywats_client.converters.samples import Sample

SETTINGS = {"process_code": 210, "timezone": "Europe/London"}

_INFO = """<?xml version="1.0" encoding="UTF-8"?>
<LogFileInfo>
  <Version>1</Version>
  <TestRunCount>{count}</TestRunCount>
  <ProjectPath>C:\\Projects\\PCB4711.xjp</ProjectPath>
  <ExportedFromOutput>{exported}</ExportedFromOutput>
</LogFileInfo>
"""

SPEC_RUN = """<?xml version="1.0"?>
<testrun datetime="2025-03-14T09:15:30.1250000Z">
  <testgroup name="Connectivity">
    <testfunction name="ChainCheck">
      <text-output output-type="Pass"><![CDATA[ChainCheck passed]]></text-output>
      <plain-text>ChainCheck passed</plain-text>
      <result value="Passed" />
      <time-taken>162</time-taken>
    </testfunction>
  </testgroup>
  <testgroup name="Memory">
    <testfunction name="U4.Verify">
      <text-output output-type="UserText"><![CDATA[Reading 0x0000-0x00FF]]></text-output>
      <plain-text>Reading 0x0000-0x00FF
Verify failed at 0x0040</plain-text>
      <result value="Failed" />
      <time-taken>845</time-taken>
    </testfunction>
  </testgroup>
  <testruninfo>
    <user>kari</user>
    <serial>DEMO-0011-L</serial>
    <project-description>PCB4711 boundary scan</project-description>
    <xjlink-name>XJLINK-A</xjlink-name>
    <time-taken>1207</time-taken>
    <result>Failed</result>
  </testruninfo>
</testrun>
"""


def _run(rng: random.Random, sn: str, minute: int, failing: bool, user: str) -> str:
    flash = "Failed" if failing else "Passed"
    clock = (
        '    <testfunction name="IC2.Clock"><plain-text>Clock measurement aborted</plain-text>'
        '<result value="Aborted"/><time-taken>15</time-taken></testfunction>\n'
        if failing
        else ""
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<testrun datetime="2025-03-14T10:{minute:02d}:{rng.randint(0, 59):02d}.{rng.randint(0, 9999999):07d}+01:00">
  <testgroup name="Connectivity">
    <testfunction name="ChainCheck"><plain-text>ChainCheck passed</plain-text><result value="Passed"/><time-taken>{rng.randint(100, 200)}</time-taken></testfunction>
    <testfunction name="Connection test">
      <plain-text>No faults found between 412 nets</plain-text>
      <circuit-refs><device-ref board="1" device="IC5"/><pin-ref board="1" device="CN1" pin="4"/><device-ref board="1" device="IC5"/></circuit-refs>
      <result value="Passed"/><time-taken>{rng.randint(900, 1400)}</time-taken></testfunction>
  </testgroup>
  <testgroup name="Devices">
    <testfunction name="IC7.Flash.Verify"><plain-text>Flash verify {flash.lower()}</plain-text><result value="{flash}"/><time-taken>{rng.randint(3000, 5000)}</time-taken></testfunction>
    <testfunction name="IC9.Sensor"><plain-text>Skipped: sensor not fitted</plain-text><result value="Skipped"/><time-taken>0</time-taken></testfunction>
{clock}  </testgroup>
  <summary/>
  <header/>
  <testruninfo>
    <user>{user}</user><serial>{sn}</serial><project-description>PCB4711 panel board</project-description>
    <xjlink-name>XJLINK-B</xjlink-name><xjlink-serial>XJL-41234</xjlink-serial><xjtag-version>4.1.100</xjtag-version>
    <time-taken>{rng.randint(6000, 9000)}</time-taken><result>{flash}</result>
  </testruninfo>
  <snippets/>
</testrun>
"""


def container(runs: list[str], *, exported: bool = False, count: int | None = None) -> bytes:
    """An .xjlog ZIP with Info.xml, the runs and their checksum members (fixed member times)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as log:

        def add(name: str, text: str) -> None:
            log.writestr(
                zipfile.ZipInfo(name, (2025, 3, 14, 10, 0, 0)), text.encode("utf-8"), zipfile.ZIP_DEFLATED
            )

        add(
            "Info.xml",
            _INFO.format(count=len(runs) if count is None else count, exported=str(exported).lower()),
        )
        for number, run in enumerate(runs, 1):
            add(f"Run {number}.xml", run)
            add(f"Run {number}.checksum", f"{len(run):08x}")
    return buffer.getvalue()


def samples() -> list[Sample]:
    rng = random.Random(1149)
    grown = [
        _run(rng, "DEMO-0110-X", 5 + i * 4, failing=i == 1, user=("kari", "ola")[i % 2]) for i in range(3)
    ]
    exported = '<?xml version="1.0"?><testrun datetime="2025-03-14T11:00:00Z"><full-output>PASS</full-output><snippets/></testrun>'
    whole = container(grown)
    return [
        Sample(
            "xjtag",
            "xjtag_spec",
            {"DEMO-0011-L_2025-03-14.xjlog": container([SPEC_RUN])},
            "DEMO-0011-L_2025-03-14.xjlog",
            SETTINGS,
        ),
        Sample("xjtag", "xjtag_grown", {"DEMO-0110-X.xjlog": whole}, "DEMO-0110-X.xjlog", SETTINGS, units=3),
        Sample(
            "xjtag",
            "xjtag_exported",
            {"exported.xjlog": container([exported], exported=True)},
            "exported.xjlog",
            SETTINGS,
            expect_error=True,
        ),
        Sample(
            "xjtag",
            "xjtag_cut",
            {"writing.xjlog": whole[: len(whole) - 40]},
            "writing.xjlog",
            SETTINGS,
            expect_error=True,
        ),
    ]


def bulk(units: int) -> Sample:
    rng = random.Random(units)
    runs = [_run(rng, f"DEMO-{9000 + i}-X", i % 50, failing=i % 7 == 0, user="kari") for i in range(units)]
    return Sample(
        "xjtag", f"xjtag_bulk_{units}", {"bulk.xjlog": container(runs)}, "bulk.xjlog", SETTINGS, units=units
    )
