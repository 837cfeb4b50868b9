"""Inputs the campaigns found that once escaped as untyped errors; each must now be a typed error."""

from __future__ import annotations

import pytest

from pywats.domains.report.formats import parse_report, parse_wstf
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
