"""Bad input gives a typed error that says where — never a raw exception."""

from __future__ import annotations

import json

import pytest

from pywats import ValidationError
from pywats.domains.report.formats import parse_report, parse_wstf, parse_wsxf, to_wsxf
from pywats.domains.report.models import ReportParseError, UnsafeXMLError, parse_wsjf, report_from_dict
from report_samples import UUT_FIXTURE, full_uut

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE Reports [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<Reports xmlns="http://wats.virinco.com/schemas/WATS/Report/wsxf">
<Report type="UUT" SN="&secret;"/></Reports>"""
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<Reports><Report type="UUT" SN="&lol9;"/></Reports>"""
PARAMETER_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY % ext SYSTEM "http://127.0.0.1:9/evil.dtd"> %ext;]><r/>"""


@pytest.mark.parametrize(
    "payload", [XXE, BILLION_LAUGHS, PARAMETER_ENTITY], ids=["xxe", "billion-laughs", "param"]
)
def test_xml_with_a_dtd_is_refused(payload: bytes) -> None:
    with pytest.raises(UnsafeXMLError) as caught:
        parse_wsxf(payload)
    assert isinstance(caught.value, ReportParseError) and isinstance(caught.value, ValidationError)
    assert "DOCTYPE" in caught.value.message


def test_an_undeclared_entity_is_malformed_xml() -> None:
    with pytest.raises(ReportParseError, match="undefined entity"):
        parse_wsxf(b'<Reports><Report type="UUT" SN="&x;"/></Reports>')


@pytest.mark.parametrize(
    ("content", "location"),
    [
        (b'{"type": "T", "pn": }', "line 1, column 21"),
        (b'{"type": "T",\n "pn": "x",\n}', "line 3, column 1"),
        (b"", "line 1, column 0"),
        (b"[1, 2]", "(document)"),
        (b'{"type": "X"}', "type"),
        (b'{"type": "T", "root": []}', "root"),
        (b'{"type": "T", "miscInfos": {"a": 1}}', "miscInfos"),
        (b'{"type": "T", "root": {"steps": [{"name": "a"}, 5]}}', "root.steps[1]"),
        (b'{"type": "T", "root": {"steps": [{"steps": "none"}]}}', "root.steps[0].steps"),
        (b'{"type": "T", "root": {"steps": [{"numericMeas": {"value": 1}}]}}', "root.steps[0].numericMeas"),
        (b'{"type": "T", "root": {"steps": [{"chart": {"series": [1]}}]}}', "root.steps[0].chart.series[0]"),
        (b'{"type": "T", "root": {"seqCall": "main"}}', "root.seqCall"),
        (b'{"type": "R", "subUnits": [{"failures": [3]}]}', "subUnits[0].failures[0]"),
    ],
)
def test_malformed_or_misshapen_json_names_the_location(content: bytes, location: str) -> None:
    with pytest.raises(ReportParseError) as caught:
        parse_wsjf(content)
    assert caught.value.location == location
    assert caught.value.message.startswith(location)


@pytest.mark.parametrize(
    ("content", "location"),
    [
        (b"<Reports><Report>", "line 1, column 18"),
        (b"<Other/>", "Other"),
        (b"<Reports/>", "Reports"),
        (b'<Reports><Report type="UUT"/><Report type="UUT"/></Reports>', "Reports"),
        (b'<Reports><Report type="XYZ"/></Reports>', "Report@type"),
        (b'<Reports><Report type="UUT"><Process Code="ten"/></Report></Reports>', "Report/Process@Code"),
        (
            b'<Reports><Report type="UUT"><Step><Step><NumericLimit NumericValue="x"/>'
            b"</Step></Step></Report></Reports>",
            "Report/Step/Step[0]/NumericLimit[0]@NumericValue",
        ),
    ],
)
def test_malformed_xml_names_the_location(content: bytes, location: str) -> None:
    with pytest.raises(ReportParseError) as caught:
        parse_wsxf(content)
    assert caught.value.location == location


def test_wrong_types_in_members_surface_as_typed_errors_on_read() -> None:
    doc = json.loads(UUT_FIXTURE.read_bytes())
    doc["pn"] = 12
    doc["root"]["steps"][0]["numericMeas"][0]["value"] = "high"
    doc["root"]["steps"][0]["numericMeas"][0]["compOp"] = "SOMETIMES"
    report = report_from_dict(doc)
    meas = report.root.steps[0].measurements[0]  # type: ignore[attr-defined]
    for read in (lambda: report.pn, lambda: meas.value, lambda: meas.comp_op):
        with pytest.raises(ValidationError):
            read()


def test_setters_reject_wrong_types() -> None:
    report = full_uut()
    with pytest.raises(ValidationError):
        report.pn = 5  # type: ignore[assignment]
    with pytest.raises(ValidationError):
        report.process_code = "10"  # type: ignore[assignment]
    with pytest.raises(ValidationError):
        report.start = "yesterday"  # type: ignore[assignment]
    with pytest.raises(ValidationError):
        report.root.steps[0].status = "maybe"
    with pytest.raises(ValidationError):
        report.info.exec_time = "long"  # type: ignore[union-attr,assignment]


@pytest.mark.parametrize(
    ("text", "location"),
    [
        ("hello", "line 1"),
        ("--Header-Start--\nPartNumber\tP\n--Step-Data-Start--\n--UUT-End--\n", "line 1"),
        ("--Header-Start--\nPartNumber\tP\nSerialNumber\tS\nOperationTypeCode\tten\n", "line 1"),
        (
            "--Header-Start--\nPartNumber\tP\nSerialNumber\tS\n--Step-Data-Start--\nNumericLimitTest\tV\t\tabc\n",
            "line 5",
        ),
        ("--Header-Start--\nPartNumber\tP\nSerialNumber\tS\n--Step-Data-Start--\nWeird\tV\n", "line 5"),
        (
            "--Header-Start--\nPartNumber\tP\nSerialNumber\tS\n--Step-Data-Start--\nEndSequenceCall\tV\n",
            "line 5",
        ),
        (
            "--Header-Start--\nPartNumber\tP\nSerialNumber\tS\n--Step-Data-Start--\nSequenceCall\tA\n",
            "line 5",
        ),
        ("--Header-Start--\nPartNumber\tP\nSerialNumber\tS\n--UUT-End--\n--Header-Start--\n", "line 5"),
    ],
)
def test_bad_wstf_names_the_line(text: str, location: str) -> None:
    with pytest.raises(ReportParseError) as caught:
        parse_wstf(text)
    assert caught.value.location == location


def test_parse_report_detects_the_format() -> None:
    report = full_uut()
    assert parse_report(report.to_wsjf()).id == report.id
    assert parse_report(to_wsxf(report)).id == report.id
    with pytest.raises(ReportParseError):
        parse_report(b"PK\x03\x04 zip")


def test_wsxf_in_an_encoding_expat_cannot_read_itself() -> None:
    # Found by the fuzzing campaign: expat raised a bare ValueError for multi-byte encodings.
    uut = full_uut()
    uut.info.comment = "電圧テスト 合格"  # type: ignore[union-attr]
    text = to_wsxf(uut).decode("utf-8").replace('encoding="utf-8"', 'encoding="Shift_JIS"', 1)
    parsed = parse_wsxf(text.encode("shift_jis"))
    assert parsed.info is not None and parsed.info.comment == "電圧テスト 合格"
    assert parse_wsxf(text).info.comment == "電圧テスト 合格"  # type: ignore[union-attr]  # text as given


@pytest.mark.parametrize(
    ("document", "error"),
    [
        (b'<?xml version="1.0" encoding="EUC-JP"?><Reports>\xff\xff</Reports>', ReportParseError),
        (b'<?xml version="1.0" encoding="utf-7"?><Reports>+\xff</Reports>', ReportParseError),
        (
            b'<?xml version="1.0" encoding="Shift_JIS"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>',
            UnsafeXMLError,
        ),
    ],
)
def test_xml_in_a_declared_encoding_is_still_checked(document: bytes, error: type[Exception]) -> None:
    with pytest.raises(error):
        parse_wsxf(document)
