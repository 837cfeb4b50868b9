"""Finding reports by header queries: OData filters, paging, ordering, expansion and the shortcuts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from pywats import ReportHeader, ValidationError
from pywats.domains.report.models import ReportType
from report_samples import minimal_uut

NOW = datetime.now(UTC).replace(microsecond=0)


@pytest.fixture
def stored(twin: Any) -> list[Any]:
    """Five UUT reports (one failing, one a day old, one with a quote in its serial) and one repair."""
    reports = []
    for index, sn in enumerate(["SN-A", "SN-B", "O'Brien-1", "SN-D"]):
        uut = minimal_uut(sn, start=NOW - timedelta(minutes=10 * (index + 1)))
        uut.add_misc_info("WorkOrder", f"WO-{index}")
        uut.add_sub_unit("PCBA", f"SUB-{sn}", "PCB-7" if index % 2 == 0 else "PCB-8", "A")
        reports.append(uut)
    reports[1].root.add_numeric_step("Late failure", 9.0, high_limit=5.0)
    old = minimal_uut("SN-OLD", start=NOW - timedelta(days=2))
    old.pn = "PN-2"
    reports.append(old)
    for report in reports:
        twin.report.submit_report(report)
    uur = twin.report.create_uur_from_uut(reports[1], operator="tech")
    uur.station_name, uur.location = "REPAIR", "Lab"
    twin.report.submit_report(uur)
    return reports


def _sns(headers: list[ReportHeader]) -> list[str | None]:
    return [h.serial_number for h in headers]


def test_query_with_filter_order_and_paging(twin: Any, stored: list[Any]) -> None:
    everything = twin.report.query_uut_headers(orderby="start desc")
    assert _sns(everything) == ["SN-A", "SN-B", "O'Brien-1", "SN-D", "SN-OLD"]
    page = twin.report.query_headers(ReportType.UUT, orderby="serialNumber asc", top=2, skip=1)
    assert _sns(page) == ["SN-A", "SN-B"]
    failed = twin.report.query_uut_headers(odata_filter="result eq 'Failed'")
    assert _sns(failed) == ["SN-B"] and failed[0].result == "Failed" and not failed[0].passed
    assert failed[0].caused_uut_failure == "Late failure"
    both = twin.report.query_headers(
        "uut",
        odata_filter="partNumber eq 'PN-1' and (startswith(serialNumber,'SN') "
        "or contains(serialNumber, 'brien'))",
        orderby="start",
    )
    assert _sns(both) == ["SN-D", "O'Brien-1", "SN-B", "SN-A"]


def test_header_fields(twin: Any, stored: list[Any]) -> None:
    header = twin.report.get_headers_by_serial("SN-A")[0]
    assert isinstance(header, ReportHeader) and header.id == stored[0].id
    assert (header.part_number, header.revision, header.station_name, header.location, header.purpose) == (
        "PN-1",
        "A",
        "ST-1",
        "Lab",
        "Production",
    )
    assert (header.process_code, header.operator, header.report_type, header.result) == (
        10,
        "op",
        "T",
        "Passed",
    )
    assert header.start_utc is not None and abs(header.start_utc - (NOW - timedelta(minutes=10))) < timedelta(
        seconds=1
    )


def test_values_are_escaped(twin: Any, stored: list[Any]) -> None:
    assert _sns(twin.report.get_headers_by_serial("O'Brien-1")) == ["O'Brien-1"]
    assert twin.report.get_headers_by_serial("x' or serialNumber ne 'y") == []


def test_shortcut_queries(twin: Any, stored: list[Any]) -> None:
    assert _sns(twin.report.get_headers_by_part_number("PN-2")) == ["SN-OLD"]
    assert _sns(twin.report.query_headers_by_misc_info("WorkOrder", "WO-2")) == ["O'Brien-1"]
    assert _sns(twin.report.query_headers_by_subunit_part_number("PCB-8")) == ["SN-B", "SN-D"]
    assert _sns(twin.report.query_headers_by_subunit_serial("SUB-SN-A")) == ["SN-A"]
    assert _sns(twin.report.get_recent_headers(1)) == ["SN-A", "SN-B", "O'Brien-1", "SN-D"]
    assert len(twin.report.get_recent_headers()) == 5
    ranged = twin.report.get_headers_by_date_range(NOW - timedelta(minutes=25), NOW - timedelta(minutes=5))
    assert _sns(ranged) == ["SN-A", "SN-B"]
    today = _sns(twin.report.get_todays_headers())
    assert "SN-OLD" not in today
    with_units = twin.report.query_headers_with_subunits(odata_filter="serialNumber eq 'SN-A'")
    assert [(u.part_number, u.serial_number) for u in with_units[0].sub_units] == [("PCB-7", "SUB-SN-A")]
    uur = twin.report.query_headers_with_subunits(ReportType.UUR)
    assert uur[0].uur_sub_units[0].serial_number == "SN-B" and uur[0].referenced_uut == stored[1].id


def test_expand_misc_info_and_lambda_filters(twin: Any, stored: list[Any]) -> None:
    headers = twin.report.query_uut_headers(
        expand=["miscInfo"],
        odata_filter="miscInfo/any(m: m/description eq 'WorkOrder' and m/value eq 'WO-3')",
    )
    assert _sns(headers) == ["SN-D"]
    assert [(m.description, m.value) for m in headers[0].misc_info] == [("WorkOrder", "WO-3")]


def test_bad_queries_raise_with_the_servers_words(twin: Any, stored: list[Any]) -> None:
    with pytest.raises(ValidationError, match="Could not find a property named 'colour'"):
        twin.report.query_uut_headers(odata_filter="colour eq 'red'")
    with pytest.raises(ValidationError, match="Invalid \\$orderby"):
        twin.report.query_uut_headers(orderby="start sideways")
    with pytest.raises(ValidationError):
        twin.report.query_headers("sideways")
    with pytest.raises(ValidationError):
        twin.report.query_uut_headers(top=-1)
    with pytest.raises(ValidationError):
        twin.report.get_recent_headers(-2)
