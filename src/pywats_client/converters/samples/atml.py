"""ATML (IEEE 1636.1) samples as TestStand writes them: 2.02, 5.00 and 6.01."""
# ruff: noqa: E501  (sample files are reproduced line by line as the equipment writes them)

from __future__ import annotations

import random
from dataclasses import dataclass

from pywats_client.converters.samples import Sample

SETTINGS = {"process_code": 10, "timezone": "Europe/Oslo"}


@dataclass(frozen=True)
class Version:
    label: str
    trc: str | None
    tr: str
    c: str
    ts: str
    extra: str = ""


V202 = Version(
    "2.02",
    None,
    "http://www.ieee.org/ATML/2007/TestResults",
    "http://www.ieee.org/ATML/2006/Common",
    "www.ni.com/TestStand/ATMLTestResults/1.0",
)
V500 = Version(
    "5.00",
    "urn:IEEE-1636.1:2011:01:TestResultsCollection",
    "urn:IEEE-1636.1:2011:01:TestResults",
    "urn:IEEE-1671:2010:Common",
    "www.ni.com/TestStand/ATMLTestResults/2.0",
)
V601 = Version(
    "6.01",
    "urn:IEEE-1636.1:2013:TestResultsCollection",
    "urn:IEEE-1636.1:2013:TestResults",
    "urn:IEEE-1671:2010:Common",
    "www.ni.com/TestStand/ATMLTestResults/3.0",
    ' xmlns:sc="urn:IEEE-1636.99:2013:SimicaCommon"',
)


def _props(step_type: str, group: str = "Main", total: float | None = None) -> str:
    time = f'<ts:TotalTime value="{total}"/>' if total is not None else ""
    return f"<tr:Extension><ts:TSStepProperties><ts:StepType>{step_type}</ts:StepType><ts:StepGroup>{group}</ts:StepGroup>{time}</ts:TSStepProperties></tr:Extension>"


def _pair(low: float, high: float, lo: str = "GE", hi: str = "LE", op: str = "AND") -> str:
    return (
        f'<tr:TestLimits><tr:Limits><c:LimitPair operator="{op}"><c:Limit comparator="{lo}"><c:Datum xsi:type="c:double" value="{low}"/></c:Limit>'
        f'<c:Limit comparator="{hi}"><c:Datum xsi:type="c:double" value="{high}"/></c:Limit></c:LimitPair></tr:Limits></tr:TestLimits>'
    )


def _numeric(
    sid: str,
    name: str,
    value: str,
    unit: str,
    limits: str,
    outcome: str,
    total: float,
    result_outcome: str = "",
) -> str:
    own = f'<tr:Outcome value="{result_outcome}"/>' if result_outcome else ""
    return (
        f'<tr:Test ID="{sid}" name="{name}" testReferenceID="{sid}">{_props("NumericLimitTest", total=total)}<tr:Outcome value="{outcome}"/>'
        f'<tr:TestResult ID="{sid}.R1" name="Numeric"><tr:TestData><c:Datum xsi:type="c:double" value="{value}" nonStandardUnit="{unit}"/></tr:TestData>{limits}{own}</tr:TestResult></tr:Test>'
    )


def _steps(rng: random.Random, failing: bool) -> str:
    vcc = round(3.3 + rng.uniform(-0.08, 0.08), 4)
    ripple = 0.061 if failing else round(rng.uniform(0.01, 0.04), 4)
    rails = [("1V8", 1.8), ("3V3", 3.3), ("5V0", 5.0)]
    multi = "".join(
        f'<tr:TestResult ID="ST5.R{i}" name="{n}"><tr:TestData><c:Datum xsi:type="c:double" value="{round(v * (1 + rng.uniform(-0.01, 0.01)), 4)}" nonStandardUnit="V"/></tr:TestData>'
        f'{_pair(round(v * 0.95, 4), round(v * 1.05, 4))}<tr:Outcome value="Passed"/></tr:TestResult>'
        for i, (n, v) in enumerate(rails, 1)
    )
    return f"""   <tr:SessionAction ID="SA1" name="Power on" testReferenceID="SA1">{_props("Action", "Setup", 0.51)}<tr:ActionOutcome value="Done"/></tr:SessionAction>
   <tr:TestGroup ID="TG1" name="PCB4711_power.seq#Rails" callerName="Power rails" testReferenceID="TG1">{_props("SequenceCall", total=1.9)}
    {_numeric("ST1", "VCC 3V3", str(vcc), "V", _pair(3.135, 3.465), "Passed", 0.12)}
    {_numeric("ST2", "Ripple", str(ripple), "V", '<tr:TestLimits><tr:Limits><c:SingleLimit comparator="LE"><c:Datum xsi:type="c:double" value="0.05"/></c:SingleLimit></tr:Limits></tr:TestLimits>', "Failed" if failing else "Passed", 0.3)}
    {_numeric("ST3", "Clock", "0x0F42", "Hz", '<tr:TestLimits><tr:Limits><c:Expected comparator="EQ"><c:Datum xsi:type="c:integer" value="3906"/></c:Expected></tr:Limits></tr:TestLimits>', "Passed", 0.01)}
    {_numeric("ST4", "Leakage", "INF", "A", '<tr:Extension><ts:TSLimitProperties><ts:IsComparisonTypeLog value="true"/></ts:TSLimitProperties></tr:Extension>', "Passed", 0.05)}
    <tr:Test ID="ST5" name="Rails" testReferenceID="ST5">{_props("NI_MultipleNumericLimitTest", total=0.8)}<tr:Outcome value="Passed"/>{multi}
     <tr:TestResult ID="ST5.X" name="RawReadings"><tr:TestData><c:Datum xsi:type="c:string"><c:Value>1.79;3.29;5.01</c:Value></c:Datum></tr:TestData></tr:TestResult></tr:Test>
    <tr:Outcome value="{"Failed" if failing else "Passed"}"/>
   </tr:TestGroup>
   <tr:Test ID="ST6" name="Oscillator" testReferenceID="ST6">{_props("NumericLimitTest", total=0.2)}<tr:Outcome value="Passed"/>
    <tr:TestResult ID="ST6.R1" name="Numeric"><tr:TestData><c:Datum xsi:type="c:double" value="{round(24.0 + rng.uniform(-0.001, 0.001), 5)}" nonStandardUnit="MHz"/></tr:TestData>
     <tr:TestLimits><tr:Limits><c:Expected comparator="EQ"><c:Datum xsi:type="c:double" value="24"/></c:Expected></tr:Limits></tr:TestLimits>
     <tr:Extension><ts:TSLimitProperties><ts:ThresholdType>ppm</ts:ThresholdType><ts:RawLimits><ts:Nominal value="24"/><ts:Low value="50"/><ts:High value="50"/></ts:RawLimits></ts:TSLimitProperties></tr:Extension></tr:TestResult></tr:Test>
   <tr:Test ID="ST7" name="Firmware version" testReferenceID="ST7">{_props("StringValueTest", total=0.02)}<tr:Outcome value="Passed"/>
    <tr:TestResult ID="ST7.R1" name="String"><tr:TestData><c:Datum xsi:type="c:string"><c:Value>v2.4.1</c:Value></c:Datum></tr:TestData>
     <tr:TestLimits><tr:Limits><c:Expected comparator="CIEQ"><c:Datum xsi:type="c:string"><c:Value>V2.4.1</c:Value></c:Datum></c:Expected></tr:Limits></tr:TestLimits></tr:TestResult></tr:Test>
   <tr:Test ID="ST8" name="Self test" testReferenceID="ST8">{_props("PassFailTest", total=0.5)}<tr:Outcome value="Passed"/>
    <tr:Data><c:Collection><c:Item name="ReportText"><c:Datum xsi:type="c:string"><c:Value>watchdog OK</c:Value></c:Datum></c:Item></c:Collection></tr:Data></tr:Test>
   <tr:Test ID="ST9" name="Humidity" testReferenceID="ST9">{_props("ACME_SensorRead", total=0.1)}<tr:Outcome value="Passed"/>
    <tr:TestResult ID="ST9.R1" name="Humidity"><tr:TestData><c:Datum xsi:type="c:double" value="41.5" nonStandardUnit="%RH"/></tr:TestData>
     <tr:TestLimits><tr:Limits><c:SingleLimit comparator="LT"><c:Datum xsi:type="c:double" value="60"/></c:SingleLimit></tr:Limits></tr:TestLimits></tr:TestResult></tr:Test>
   <tr:Test ID="ST10" name="Optional RF" testReferenceID="ST10">{_props("NumericLimitTest")}<tr:Outcome value="NotStarted"/></tr:Test>
   <tr:SessionAction ID="SA2" name="Log station temperature" testReferenceID="SA2">{_props("Statement", "Main", 0.001)}<tr:ActionOutcome value="Done"/></tr:SessionAction>
   <tr:SessionAction ID="SA3" name="Power off" testReferenceID="SA3">{_props("NI_Wait", "Cleanup", 0.2)}<tr:ActionOutcome value="Done"/></tr:SessionAction>
"""


def _results(v: Version, rng: random.Random, sn: str, start: str, end: str, failing: bool, socket: int,
             tag: str) -> str:  # fmt: skip
    outcome = "Failed" if failing else "Passed"
    additional = (
        '<c:Definition><c:Identification><c:IdentificationNumbers><c:IdentificationNumber type="Part" number="PCB-4711"/>'
        '</c:IdentificationNumbers></c:Identification><c:Extension><ts:TSCollection><c:Item name="AdditionalData"><c:Collection>'
        '<c:Item name="Firmware"><c:Datum xsi:type="c:string"><c:Value>2.4.1</c:Value></c:Datum></c:Item>'
        '<c:Item name="Board"><c:Collection><c:Item name="Lot"><c:Datum xsi:type="c:string" value="L-77"/></c:Item></c:Collection></c:Item>'
        "</c:Collection></c:Item></ts:TSCollection></c:Extension></c:Definition>"
    )
    return f"""<{tag} uuid="{rng.getrandbits(128):032x}">
  <tr:Personnel><tr:SystemOperator ID="kari" name="Kari N."/></tr:Personnel>
  <tr:TestStation><c:SerialNumber>FCT-07</c:SerialNumber></tr:TestStation>
  <tr:UUT UutType="Hardware">{additional}<c:SerialNumber>{sn}</c:SerialNumber></tr:UUT>
  <tr:ResultSet ID="RS1" name="PCB4711.seq#MainSequence" startDateTime="{start}" endDateTime="{end}">
   {_props("SequenceCall")}
{_steps(rng, failing)}   <tr:Outcome value="{outcome}"/>
  </tr:ResultSet>
  <tr:Extension><ts:TSResultSetProperties><ts:BatchSerialNumber>BATCH-{sn[-6:]}</ts:BatchSerialNumber><ts:TestSocketIndex value="{socket}"/><ts:NumOfResults value="14"/></ts:TSResultSetProperties></tr:Extension>
 </{tag}>"""


def collection(
    v: Version, rng: random.Random, units: list[tuple[str, bool]], encoding: str = "utf-8"
) -> bytes:
    head = f'<?xml version="1.0" encoding="{encoding}"?>\n'
    ns = f'xmlns:tr="{v.tr}" xmlns:c="{v.c}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:ts="{v.ts}"{v.extra}'
    bodies = []
    for socket, (sn, failing) in enumerate(units):
        start = f"2025-03-14T11:{20 + socket:02d}:00.{rng.randint(0, 99999):05d}"
        end = f"2025-03-14T11:{20 + socket:02d}:09.75"
        tag = "trc:TestResults" if v.trc else "tr:TestResults"
        bodies.append(_results(v, rng, sn, start, end, failing, socket, tag))
    if v.trc is None:
        body = bodies[0].replace("<tr:TestResults ", f"<tr:TestResults {ns} ", 1)
        return (head + body + "\n").encode(encoding)
    return (
        head
        + f'<trc:TestResultsCollection xmlns:trc="{v.trc}" {ns}>\n'
        + "\n".join(bodies)
        + "\n</trc:TestResultsCollection>\n"
    ).encode(encoding)


SPEC_SAMPLE = """<?xml version="1.0" encoding="utf-8"?>
<trc:TestResultsCollection xmlns:trc="urn:IEEE-1636.1:2011:01:TestResultsCollection"
    xmlns:tr="urn:IEEE-1636.1:2011:01:TestResults" xmlns:c="urn:IEEE-1671:2010:Common"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:ts="www.ni.com/TestStand/ATMLTestResults/2.0">
 <trc:TestResults uuid="0b5e7c1a-3f2d-4c55-9e0a-1d2c3b4a5f60">
  <tr:Personnel><tr:SystemOperator ID="kari" name="Kari N."/></tr:Personnel>
  <tr:TestStation><c:SerialNumber>FCT-07</c:SerialNumber></tr:TestStation>
  <tr:UUT UutType="Hardware">
   <c:Definition><c:Identification><c:IdentificationNumbers>
    <c:IdentificationNumber type="Part" number="PCB-4711"/>
   </c:IdentificationNumbers></c:Identification></c:Definition>
   <c:SerialNumber>DEMO-0003-C</c:SerialNumber>
  </tr:UUT>
  <tr:ResultSet ID="RS1" name="PCB4711.seq#MainSequence" startDateTime="2025-03-14T11:20:00.25" endDateTime="2025-03-14T11:20:09.75">
   <tr:Extension><ts:TSStepProperties><ts:StepType>SequenceCall</ts:StepType><ts:StepGroup>Main</ts:StepGroup></ts:TSStepProperties></tr:Extension>
   <tr:Outcome value="Failed"/>
   <tr:Test ID="ST1" name="VCC 3V3" testReferenceID="T1">
    <tr:Extension><ts:TSStepProperties><ts:StepType>NumericLimitTest</ts:StepType><ts:StepGroup>Main</ts:StepGroup><ts:TotalTime value="0.12"/></ts:TSStepProperties></tr:Extension>
    <tr:Outcome value="Passed"/>
    <tr:TestResult ID="ST1.R1" name="Numeric">
     <tr:TestData><c:Datum xsi:type="c:double" value="3.301" nonStandardUnit="V"/></tr:TestData>
     <tr:TestLimits><tr:Limits><c:LimitPair operator="AND">
      <c:Limit comparator="GE"><c:Datum xsi:type="c:double" value="3.135"/></c:Limit>
      <c:Limit comparator="LE"><c:Datum xsi:type="c:double" value="3.465"/></c:Limit>
     </c:LimitPair></tr:Limits></tr:TestLimits>
    </tr:TestResult>
   </tr:Test>
   <tr:Test ID="ST2" name="Self test" testReferenceID="T2">
    <tr:Extension><ts:TSStepProperties><ts:StepType>PassFailTest</ts:StepType><ts:StepGroup>Main</ts:StepGroup></ts:TSStepProperties></tr:Extension>
    <tr:Outcome value="Failed"/>
   </tr:Test>
  </tr:ResultSet>
  <tr:Extension><ts:TSResultSetProperties><ts:TestSocketIndex value="0"/></ts:TSResultSetProperties></tr:Extension>
 </trc:TestResults>
</trc:TestResultsCollection>
"""


def samples() -> list[Sample]:
    rng = random.Random(1636)
    v202 = collection(V202, rng, [("DEMO-0050-A", False)])
    v500 = collection(V500, rng, [("DEMO-0051-B", True)], encoding="iso-8859-1")
    v601 = collection(V601, rng, [("DEMO-0052-C", False), ("DEMO-0053-D", True)])
    no_serial = SPEC_SAMPLE.replace("<c:SerialNumber>DEMO-0003-C</c:SerialNumber>", "").encode()
    return [
        Sample("atml", "atml_500_spec", {"spec.xml": SPEC_SAMPLE.encode()}, "spec.xml", SETTINGS),
        Sample("atml", "atml_202", {"PCB4711_202.xml": v202}, "PCB4711_202.xml", SETTINGS),
        Sample("atml", "atml_500_latin1", {"PCB4711_500.xml": v500}, "PCB4711_500.xml", SETTINGS),
        Sample("atml", "atml_601_batch", {"PCB4711_601.xml": v601}, "PCB4711_601.xml", SETTINGS, units=2),
        Sample(
            "atml", "atml_no_serial", {"noserial.xml": no_serial}, "noserial.xml", SETTINGS, expect_error=True
        ),
        Sample(
            "atml",
            "atml_truncated",
            {"cut.xml": v601[: len(v601) // 2]},
            "cut.xml",
            SETTINGS,
            expect_error=True,
        ),
    ]


def bulk(units: int) -> Sample:
    """A 6.01 collection of ``units`` units."""
    rng = random.Random(units)
    data = collection(V601, rng, [(f"DEMO-{9000 + i}-B", i % 5 == 0) for i in range(units)])
    return Sample("atml", f"atml_bulk_{units}", {"bulk.xml": data}, "bulk.xml", SETTINGS, units=units)
