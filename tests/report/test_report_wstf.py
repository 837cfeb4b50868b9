"""Reading WSTF text reports (report-format §6)."""

from __future__ import annotations

from pywats.domains.report.formats import parse_wstf
from pywats.domains.report.models import NumericStep, SequenceCall

SAMPLE = "\n".join(
    [
        "--Header-Start--",
        "SerialNumber\tSN000123",
        "PartNumber\tPCBA-1000",
        "Revision\tB",
        "OperationTypeCode\t50",
        "OperationTypeName\tPCBA test",
        "StationName\tFCT-STATION-02",
        "OperatorName\tjdoe",
        "SoftwareName\tMainSequence",
        "SoftwareVersion\t1.0.0",
        "BatchSerialNumber\tLOT-1",
        "StartDateTime\t2025-03-04T09:15:30.25+01:00",
        "UTCStartDateTime\t2025-03-04T08:15:30.25Z",
        "Subunit\tPCBA\tPCB-7\tCTRL-1\tA",
        "Board colour\tgreen",
        "--Step-Data-Start--",
        "StepType\tStepName\tMeasureName\tValue\tLowLimit\tHighLimit\tCompOperator\tUnit\tStatus\tExecutionTime\t"
        "ReportText\tErrorCode\tErrorMessage",
        "SequenceCall\tPower\t\t\t\t\t\t\t\t\t\t\t",
        "NumericLimitTest\t3V3 rail\t\t3.31\t3.2\t3.4\tGELE\tV\tPassed\t0.12\t\t\t",
        "NumericLimitTest\t5V rail\t\t5.9\t4.8\t5.2\t\tV\t\t0.1\tover voltage\t\t",
        "MultipleNumericLimitTest\tRails\t1V8\t1.8\t1.7\t1.9\t\tV\t\t\t\t\t",
        "MultipleNumericLimitTest\t\t1V2\t1.2\t1.1\t1.3\t\tV\t\t\t\t\t",
        "EndSequenceCall\tPower\t\t\t\t\t\t\t\t2.5\t\t\t",
        "PassFailTest\tSelftest\t\tTRUE\t\t\t\t\t\t\t\t\t",
        "StringValueTest\tFW\t\t1.2.3\t1.2.3\t\t\t\t\t\t\t\t",
        "ActionStep\tPower off\t\t\t\t\t\t\t\t\t\t\t",
        "--Step-Data-End--",
        "ExecutionTime\t4.75",
        "ErrorCode\t0",
        "--UUT-End--",
    ]
)


def test_a_wstf_file_becomes_a_full_report() -> None:
    report = parse_wstf(SAMPLE.encode(), location="Lab", purpose="Production")
    assert (report.pn, report.sn, report.rev, report.process_code, report.process_name) == (
        "PCBA-1000",
        "SN000123",
        "B",
        50,
        "PCBA test",
    )
    assert report.machine_name == "FCT-STATION-02" and report.operator == "jdoe"
    assert (
        report.raw["start"] == "2025-03-04T09:15:30.25+01:00"
        and report.raw["startUTC"] == "2025-03-04T08:15:30.25Z"
    )
    assert report.info is not None and report.info.batch_sn == "LOT-1" and report.info.exec_time == 4.75
    assert [(m.description, m.text) for m in report.misc_infos] == [("Board colour", "green")]
    assert report.sub_units[0].sn == "CTRL-1"
    power = report.root.steps[0]
    assert isinstance(power, SequenceCall) and power.tot_time == 2.5
    statuses = [(s.name, s.status) for s in power.steps]
    assert statuses == [("3V3 rail", "P"), ("5V rail", "F"), ("Rails", "P")]
    rails = power.steps[2]
    assert isinstance(rails, NumericStep) and [m.name for m in rails.measurements] == ["1V8", "1V2"]
    assert power.status == "F" and report.result == "F"
    assert [s.status for s in report.root.steps[1:]] == ["P", "P", "D"]
    assert report.check() == []


def test_status_in_the_footer_wins() -> None:
    text = SAMPLE.replace("ErrorCode\t0", "UUTStatus\tTerminated")
    assert parse_wstf(text, location="Lab", purpose="P").result == "T"
