"""Inputs the campaigns found that once escaped as untyped errors; each must now be a typed error."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from pywats import PyWATSError
from pywats.domains.report.formats import parse_report, parse_wsjf, parse_wstf, parse_wsxf
from pywats.domains.report.models import ReportParseError

NOT_UTF8 = {
    "UTF-16 XML given to the WSTF reader": '<?xml version="1.0"?><r/>'.encode("utf-16"),
    "cp1252 text in a WSTF header": b"--Header-Start--\nSerialNumber\tSN-\xe9\n--UUT-End--\n",
}


@pytest.mark.parametrize("content", NOT_UTF8.values(), ids=list(NOT_UTF8))
def test_wstf_that_is_not_utf8_is_a_parse_error_naming_the_line(content: bytes) -> None:
    with pytest.raises(ReportParseError) as caught:
        parse_wstf(content)
    assert "not UTF-8" in caught.value.message and caught.value.location.startswith("line ")


def test_parse_report_routes_non_utf8_wstf_to_a_parse_error() -> None:
    with pytest.raises(ReportParseError):
        parse_report(NOT_UTF8["cp1252 text in a WSTF header"])


def _wsjf(**changes: object) -> dict[str, object]:
    from reliability._common import make_report

    document = json.loads(make_report("REGRESSION-1").to_wsjf())
    document.update(changes)
    return document


def _first_step(document: dict[str, object]) -> dict[str, object]:
    root = document["root"]
    assert isinstance(root, dict)
    steps = root["steps"]
    assert isinstance(steps, list)
    step = steps[0]
    assert isinstance(step, dict)
    return step


@pytest.mark.parametrize("value", [[], {}, ["P"], {"P": 1}])
@pytest.mark.parametrize("where", ["step status", "measurement status", "measurement name", "chartType"])
def test_unhashable_values_in_a_report_are_validation_errors(where: str, value: object) -> None:
    document = _wsjf()
    step = _first_step(document)
    if where == "step status":
        step["status"] = value
    elif where == "chartType":
        step["chart"] = {"chartType": value, "series": []}
    else:
        step["stepType"] = "ET_MNLT"
        measurements = step["numericMeas"]
        assert isinstance(measurements, list)
        measurements.append(dict(measurements[0]))
        measurements[0]["status" if where == "measurement status" else "name"] = value
    with pytest.raises(PyWATSError):
        report = parse_wsjf(json.dumps(document).encode())
        report.validate()


def test_a_repair_with_a_list_as_unit_index_is_a_validation_error() -> None:
    document = {
        "type": "R",
        "id": "5d0f8c4e-7a53-4e0c-8f0e-3c3d0e6a9b11",
        "pn": "P",
        "sn": "S",
        "rev": "A",
        "processCode": 500,
        "result": "P",
        "machineName": "M",
        "location": "L",
        "purpose": "Repair",
        "start": "2025-01-01T10:00:00+00:00",
        "uur": {"processCode": 10, "user": "u"},
        "subUnits": [{"idx": [0], "pn": "P", "sn": "S", "rev": "A", "parentIdx": [1]}],
    }
    with pytest.raises(PyWATSError):
        parse_wsjf(json.dumps(document).encode()).validate()


NS = "http://wats.virinco.com/schemas/WATS/Report/wsxf"


@pytest.mark.parametrize("part", [" ", "x", "1.5", "²"])
def test_a_wsxf_failure_with_a_bad_part_index_is_a_parse_error(part: str) -> None:
    document = (
        f'<Reports xmlns="{NS}"><Report type="UUR" SN="S" PN="P" Rev="A">'
        f'<Failures Category="c" Code="k" PartIdx="{part}"/></Report></Reports>'
    )
    with pytest.raises(ReportParseError):
        parse_wsxf(document.encode())


def test_wsxf_integer_properties_accept_only_ascii_digits() -> None:
    from pywats.domains.report.formats._wsxf_props import _typed

    assert _typed({"flags": "²", "dimension": "--5"}) == {"flags": "²", "dimension": "--5"}
    assert _typed({"flags": "-12"}) == {"flags": -12}


UNKNOWN_ENCODING = b'<?xml version="1.0" encoding="ut3-8"?><Reports/>'


def test_an_unknown_xml_encoding_is_a_parse_error() -> None:
    with pytest.raises(ReportParseError, match="unknown encoding"):
        parse_wsxf(UNKNOWN_ENCODING)


def test_an_unknown_xml_encoding_is_a_400_from_the_server() -> None:
    from pywats_server.errors import BadRequest
    from pywats_server.xml_input import parse_xml

    with pytest.raises(BadRequest):
        parse_xml(UNKNOWN_ENCODING, what="The BOM document")


def test_an_unknown_xml_encoding_after_a_bom_does_not_break_converter_sniffing() -> None:
    from pywats_client.converters.xmltools import sniff_xml

    assert sniff_xml(b"\xef\xbb\xbf" + UNKNOWN_ENCODING) is None


def test_an_xjtag_log_needing_a_newer_zip_version_is_a_conversion_error(tmp_path: Path) -> None:
    from pywats_client.converters.errors import ConversionError
    from pywats_client.converters.source import SourceFile
    from pywats_client.converters.xjtag import open_log

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("Run 1.xml", "<Run/>")
    data = bytearray(buffer.getvalue())
    directory = data.rfind(b"PK\x01\x02")
    data[directory + 6 : directory + 8] = (188).to_bytes(2, "little")  # "version needed": 18.8
    log = tmp_path / "board.xjlog"
    log.write_bytes(bytes(data))
    with pytest.raises(ConversionError):
        open_log(SourceFile(log))


def test_a_klippel_start_time_too_large_for_a_date_is_a_conversion_error() -> None:
    from pywats_client.converters.errors import ConversionError
    from pywats_client.converters.klippel import parse_start

    with pytest.raises(ConversionError):
        parse_start("2025-3-11-73-6-" + "9" * 400 + "-12-30-5-120-60-1.742E+09")


def test_a_spectrum_clock_that_is_no_time_of_day_is_ignored() -> None:
    from pywats_client.converters.teradyne_spectrum import _clock

    assert _clock("03/11/2025", "25:61:99:000") is None
    assert _clock("03/11/2025", "09:15:30:250") is not None
