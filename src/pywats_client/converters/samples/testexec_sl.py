# ruff: noqa: E501  (sample files are reproduced line by line as the equipment writes them)
"""TestExec SL samples for the UNVERIFIED layout of the format description (not real files)."""

from __future__ import annotations

import random

from pywats_client.converters.samples import Sample

SETTINGS = {"process_code": 20, "timezone": "Europe/Oslo"}

SPEC_SAMPLE = """<?xml version="1.0" encoding="UTF-8"?>
<TestResults>
  <Header>
    <ProgramName>PCB4711_FT</ProgramName>
    <ProgramVersion>1.4</ProgramVersion>
    <StationID>FT-03</StationID>
    <Operator>kari</Operator>
    <StartTime>2025-03-14T14:00:00</StartTime>
    <EndTime>2025-03-14T14:02:10</EndTime>
  </Header>
  <UUT>
    <SerialNumber>DEMO-0015-P</SerialNumber>
    <PartNumber>PCB-4711</PartNumber>
    <Revision>C</Revision>
  </UUT>
  <TestSequence>
    <TestGroup name="Power">
      <Test name="VCC 3V3" status="pass">
        <Measurement><Value>3.298</Value><Units>V</Units><LowLimit>3.135</LowLimit><HighLimit>3.465</HighLimit></Measurement>
      </Test>
      <Test name="Standby current" status="fail">
        <Measurement><Value>0.0121</Value><Units>A</Units><HighLimit>0.0100</HighLimit></Measurement>
      </Test>
    </TestGroup>
    <Test name="Relay click" status="pass"/>
  </TestSequence>
  <Summary><Status>Fail</Status><Duration>130.0</Duration><TotalTests>3</TotalTests><FailedTests>1</FailedTests></Summary>
</TestResults>
"""


def alternative_names(rng: random.Random) -> bytes:
    """The alternative element names the layout allows (Results root, Serial, Min/Max), a value
    without limits (logged, not turned into pass/fail) and nested groups."""
    vout = rng.uniform(11.8, 12.2)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Results>
  <Header><ProgramName>PCB4711_FT</ProgramName><StationID>FT-04</StationID><StartTime>2025-03-14T15:10:00+01:00</StartTime></Header>
  <UUT><Serial>DEMO-0016-P</Serial><PN>PCB-4711</PN><Rev>C</Rev><Batch>LOT-0425</Batch></UUT>
  <TestSequence>
    <TestGroup name="Supply"><TestGroup name="12V">
      <Test name="Vout" status="passed"><Measurement><Value>{vout:.3f}</Value><Units>V</Units><Min>11.5</Min><Max>12.5</Max></Measurement></Test>
      <Test name="Temperature" status="done"><Measurement><Value>{rng.uniform(30, 40):.1f}</Value><Units>°C</Units></Measurement></Test>
    </TestGroup></TestGroup>
  </TestSequence>
  <Summary><Status>Pass</Status></Summary>
</Results>
""".encode()


def samples() -> list[Sample]:
    rng = random.Random(7)
    comma = SPEC_SAMPLE.replace("<Value>3.298</Value>", "<Value>3,298</Value>")
    return [
        Sample(
            "testexec_sl",
            "testexec_spec",
            {"PCB4711_FT.xml": SPEC_SAMPLE.encode()},
            "PCB4711_FT.xml",
            SETTINGS,
        ),
        Sample(
            "testexec_sl", "testexec_alternative", {"FT04.xml": alternative_names(rng)}, "FT04.xml", SETTINGS
        ),
        Sample(
            "testexec_sl",
            "testexec_decimal_comma",
            {"comma.xml": comma.encode()},
            "comma.xml",
            SETTINGS,
            expect_error=True,
        ),
    ]


def bulk(units: int) -> Sample:
    """TestExec SL files hold one unit: one file with ``units`` × 10 tests."""
    rng = random.Random(units)
    tests = "".join(
        f'<Test name="T{i}" status="pass"><Measurement><Value>{rng.uniform(1, 2):.4f}</Value><Units>V</Units>'
        f"<LowLimit>0.5</LowLimit><HighLimit>2.5</HighLimit></Measurement></Test>"
        for i in range(units * 10)
    )
    data = SPEC_SAMPLE.replace("<TestSequence>", "<TestSequence>" + tests)
    return Sample("testexec_sl", f"testexec_bulk_{units}", {"bulk.xml": data.encode()}, "bulk.xml", SETTINGS)
