"""The converter toolkit: settings, decoding, numbers, status words, times, report building."""

from __future__ import annotations

import math
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from converter_support import STATION

from pywats.core.exceptions import ValidationError
from pywats_client.converters import COMMON_PARAMETERS, ConversionError, Parameter, ParameterKind
from pywats_client.converters.building import add_numeric, add_pass_fail, fit_name, set_result, unique_names
from pywats_client.converters.context import ConversionContext, report_id
from pywats_client.converters.encoding import decode_text, detect_encoding, normalise_unit
from pywats_client.converters.errors import ConverterCrashed
from pywats_client.converters.parameters import describe_parameters, resolve_parameters
from pywats_client.converters.source import SourceFile
from pywats_client.converters.times import localize
from pywats_client.converters.values import is_open_limit, parse_int, parse_number, status_from_token

OSLO = ZoneInfo("Europe/Oslo")


def test_settings_are_typed_checked_and_described() -> None:
    params = (
        *COMMON_PARAMETERS,
        Parameter("limit", ParameterKind.NUMBER, 1.5, "a number", minimum=0),
        Parameter("mode", ParameterKind.CHOICE, "a", "a choice", choices=("a", "b")),
        Parameter("map", ParameterKind.MAPPING, {}, "a mapping"),
        Parameter("flag", ParameterKind.BOOLEAN, False, "a flag"),
    )
    values = resolve_parameters(
        params, {"process_code": "10", "limit": "2.5", "flag": "yes", "map": '{"a": 1}', "timezone": "UTC"}
    )
    assert (values["process_code"], values["limit"], values["flag"], values["map"]) == (
        10,
        2.5,
        True,
        {"a": 1},
    )
    assert values["mode"] == "a" and values["revision"] == "1"
    for bad, field in (
        ({"process_code": 10, "limit": -1}, "limit"),
        ({"process_code": 10, "mode": "c"}, "mode"),
        ({"process_code": 10, "timezone": "Mars/Olympus"}, "timezone"),
        ({"process_code": "ten"}, "process_code"),
        ({"process_code": 10, "colour": "red"}, "colour"),
        ({}, "process_code"),
    ):
        with pytest.raises(ValidationError) as info:
            resolve_parameters(params, bad)
        assert info.value.field == field
    assert resolve_parameters(params, {}, check_required=False)["process_code"] is None
    described = {d["name"]: d for d in describe_parameters(params)}
    assert described["process_code"]["required"] is True and described["mode"]["choices"] == ["a", "b"]


@pytest.mark.parametrize(
    ("data", "encoding", "text"),
    [
        ("Ω µ °".encode("utf-8-sig"), "utf-8", "Ω µ °"),
        ("Ω µ °".encode("utf-16"), "utf-16-le", "Ω µ °"),
        ("Ω µ".encode("utf-16-be").join([b"\xfe\xff", b""]), "utf-16-be", "Ω µ"),
        ("µ °".encode("latin-1"), "cp1252", "µ °"),
        ('<?xml version="1.0" encoding="iso-8859-1"?><a>µ</a>'.encode("latin-1"), "iso8859-1", None),
        ("plain µ".encode(), "utf-8", "plain µ"),
        (b"nul\x00byte", "utf-8", "nulbyte"),
    ],
)
def test_encodings_are_detected_without_dropping_characters(
    data: bytes, encoding: str, text: str | None
) -> None:
    assert detect_encoding(data) == encoding
    decoded, _ = decode_text(data)
    if text is not None:
        assert decoded == text
    assert normalise_unit(" \u03bcA ") == "\u00b5A"


def test_numbers_are_read_invariantly() -> None:
    assert parse_number("+1.000000E+03") == 1000.0
    assert parse_number("0x0F42") == 3906.0
    assert math.isnan(parse_number("-NAN") or 0) and parse_number("INF") == math.inf
    assert parse_number("-") is None and parse_number("N/A") is None
    assert parse_number("3,25", decimal=",") == 3.25
    assert parse_number("1 234,5", decimal=",", thousands=" ") == 1234.5
    for bad in ("1,5", "5 V", "1.2.3", "abc"):
        with pytest.raises(ValueError):
            parse_number(bad)
    with pytest.raises(ValueError):
        parse_number("1.234", decimal=",")  # never re-tried with the other convention
    assert is_open_limit(9.999999e99, 9.999999e99) and not is_open_limit(0.0, 1e10)


def test_status_words() -> None:
    assert [status_from_token(w) for w in ("PASS", "ng", "NotStarted", "done", "Error", "Aborted")] == list(
        "PFSDET"
    )
    assert status_from_token("GO", {"go": "P"}) == "P" and status_from_token("maybe") is None


def test_local_times_at_the_dst_switches() -> None:
    plain, note = localize(datetime(2025, 7, 1, 12, 0), OSLO)
    assert plain.utcoffset().total_seconds() == 7200 and note is None  # type: ignore[union-attr]
    gap, note = localize(datetime(2025, 3, 30, 2, 30), OSLO)
    assert gap.isoformat() == "2025-03-30T02:30:00+01:00" and note and "did not exist" in note
    twice, note = localize(datetime(2025, 10, 26, 2, 30), OSLO)
    assert twice.isoformat() == "2025-10-26T02:30:00+02:00" and note and "twice" in note


def _context(**settings: object) -> ConversionContext:
    values = resolve_parameters(COMMON_PARAMETERS, {"process_code": 10, **settings})
    return ConversionContext(STATION, values, converter_name="unit")


def test_new_report_fills_the_header_and_refuses_what_it_cannot_know() -> None:
    ctx = _context(timezone="Europe/Oslo", part_number="PN-1", operator="kari")
    report = ctx.new_report(sn=" SN-1 ", start=datetime(2025, 3, 14, 9, 0), run_key="board 1")
    assert (report.sn, report.pn, report.rev, report.operator, report.station_name) == (
        "SN-1",
        "PN-1",
        "1",
        "kari",
        STATION.station_name,
    )
    assert (
        report.raw["start"] == "2025-03-14T09:00:00+01:00"
        and report.raw["startUTC"] == "2025-03-14T08:00:00Z"
    )
    assert report.id == report_id("unit", "SN-1", "2025-03-14T08:00:00Z", "board 1")
    with pytest.raises(ConversionError, match="serial number"):
        ctx.new_report(sn="", start=datetime(2025, 3, 14))
    with pytest.raises(ConversionError, match="part number"):
        _context().new_report(sn="X", start=datetime(2025, 3, 14))
    known = ConversionContext(
        STATION, {"process_code": 99}, processes=[type("P", (), {"code": 10, "name": "T"})()]
    )
    with pytest.raises(ConversionError, match="not defined on the server"):
        known.process_code()
    dry = ConversionContext(STATION, {}, dry_run=True)
    assert dry.process_code() == 10


def test_import_mode_keeps_file_statuses() -> None:
    report = _context(part_number="P").new_report(sn="S", start=datetime(2025, 3, 14))
    seq = report.root.add_sequence_call("Rails")
    done = add_numeric(seq, "Temp", 31.5, status="D")
    assert done.status == "D" and done.raw["numericMeas"][0]["status"] == "P"
    skipped = add_numeric(seq, "Optional", None, status="S")
    assert skipped.status == "S" and "numericMeas" not in skipped.raw
    error = add_pass_fail(seq, "Clock", "E")
    assert error.status == "E" and error.raw["booleanMeas"][0]["status"] == "F"
    le = add_numeric(seq, "Iq", 0.1, high=0.2)
    assert (le.raw["numericMeas"][0]["compOp"], le.raw["numericMeas"][0]["lowLimit"]) == ("LE", 0.2)
    assert seq.status == "E" and set_result(report, "F") == "F"
    assert any(m.description == "ConverterNote" for m in report.misc_infos) is False


def test_names_fit_and_stay_unique() -> None:
    long_a, long_b = "x" * 150 + "a", "x" * 150 + "b"
    assert len(fit_name(long_a)) == 100 and fit_name(long_a) != fit_name(long_b)
    assert fit_name("  a \n b ") == "a b" and fit_name("") == "(unnamed)"
    assert unique_names(["a", "a", "b", "a"]) == ["a", "a #2", "b", "a #3"]


def test_errors_say_where_and_cross_processes() -> None:
    import pickle

    error = ConversionError("bad value", line=7, element="row", file="x.csv", converter="csv")
    assert str(error).startswith("[csv] x.csv, line 7, row: bad value")
    copy = pickle.loads(pickle.dumps(ConverterCrashed("hung", converter="c")))
    assert isinstance(copy, ConverterCrashed) and copy.reason == "hung"
    assert ConversionError("r").located(line=3, file="f").line == 3


def test_source_file_reads_once_and_reports_missing_files(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 100_000)
    source = SourceFile(path)
    assert len(source.head()) == 65536 and len(source.head(200_000)) == 100_000 and source.size == 100_000
    with pytest.raises(ConversionError, match="cannot read"):
        SourceFile(tmp_path / "missing.txt").head()


def test_parse_int_takes_ascii_digits_only() -> None:
    assert parse_int("42") == 42
    assert parse_int("-3", signed=True) == -3
    for not_a_whole_number in ("¹", "²", "٣", "-3", "4.0", "", " 4", None):
        assert parse_int(not_a_whole_number) is None, not_a_whole_number
    assert parse_int("-", signed=True) is None
