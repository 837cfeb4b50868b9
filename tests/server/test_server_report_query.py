"""Header queries on the server: OData filters over the stored reports, paging, ordering, expansion."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from report_samples import minimal_uut, repair_for

BASE = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)


@pytest.fixture
def reports(client: httpx.Client) -> list[Any]:
    made = []
    for index, (sn, pn) in enumerate(
        [("SN-1", "PN-A"), ("SN-2", "PN-A"), ("sn-3", "PN-B"), ("SN-4", "PN-B")]
    ):
        uut = minimal_uut(sn, start=BASE + timedelta(hours=index))
        uut.pn = pn
        uut.add_misc_info("Firmware", f"1.{index}")
        uut.add_sub_unit("PCBA", f"SUB-{index}", "PCB-7", "A")
        uut.info.fixture_id = None if index % 2 else f"FX-{index}"  # type: ignore[union-attr]
        if index == 1:
            uut.root.add_numeric_step("Fails", 9.0, high_limit=5.0)
        made.append(uut)
    made[3].process_code = 50
    for uut in made:
        assert client.post("/api/Report/WSJF", content=uut.to_wsjf()).status_code == 200
    repair = repair_for(made[1])
    assert client.post("/api/Report/WSJF", content=repair.to_wsjf()).status_code == 200
    return made


def _query(client: httpx.Client, **params: Any) -> list[str]:
    params.setdefault("reportType", "U")
    answer = client.get("/api/Report/Query/Header", params=params)
    assert answer.status_code == 200, answer.text
    return [row["serialNumber"] for row in answer.json()]


@pytest.mark.parametrize(
    ("odata_filter", "expected"),
    [
        ("serialNumber eq 'SN-2'", ["SN-2"]),
        ("serialNumber eq 'SN-3'", ["sn-3"]),  # case-insensitive, as on WATS's SQL Server
        ("serialNumber ne 'SN-1' and partNumber eq 'PN-A'", ["SN-2"]),
        ("result eq 'Failed'", ["SN-2"]),
        ("result eq 'P'", ["SN-4", "sn-3", "SN-1"]),
        ("processCode gt 10", ["SN-4"]),
        ("10 lt processCode", ["SN-4"]),
        ("fixtureId eq null", ["SN-4", "SN-2"]),
        ("not (fixtureId eq null)", ["sn-3", "SN-1"]),
        ("start ge 2026-01-10T13:00:00Z and start lt 2026-01-10T15:00:00Z", ["sn-3", "SN-2"]),
        ("startUtc le 2026-01-10T12:00:00+00:00", ["SN-1"]),
        ("startswith(serialNumber, 'sn') and endswith(serialNumber,'4')", ["SN-4"]),
        ("contains(tolower(stationName), 'st-')", ["SN-4", "sn-3", "SN-2", "SN-1"]),
        ("subUnits/any(s: s/serialNumber eq 'SUB-2' or s/serialNumber eq 'SUB-0')", ["sn-3", "SN-1"]),
        ("miscInfo/any(m: m/description eq 'Firmware' and m/value eq '1.3')", ["SN-4"]),
        ("causedUutFailure eq 'Fails'", ["SN-2"]),
        ("serialNumber eq 'x'' or ''1''=''1'", []),
    ],
)
def test_filters(client: httpx.Client, reports: list[Any], odata_filter: str, expected: list[str]) -> None:
    assert _query(client, **{"$filter": odata_filter}) == expected


def test_uuid_filter_and_repairs(client: httpx.Client, reports: list[Any]) -> None:
    assert _query(client, **{"$filter": f"uuid eq {reports[0].id.upper()}"}) == ["SN-1"]
    repairs = client.get(
        "/api/Report/Query/Header", params={"reportType": "R", "$expand": "uurSubUnits"}
    ).json()
    assert [(r["serialNumber"], r["reportType"], r["referencedUut"]) for r in repairs] == [
        ("SN-2", "R", reports[1].id)
    ]
    assert repairs[0]["uurSubUnits"][0]["partType"] == "Main"


def test_order_and_paging(client: httpx.Client, reports: list[Any]) -> None:
    assert _query(client) == ["SN-4", "sn-3", "SN-2", "SN-1"]
    assert _query(client, **{"$orderby": "partNumber desc, start asc"}) == ["sn-3", "SN-4", "SN-1", "SN-2"]
    assert _query(client, **{"$orderby": "start", "$top": 2, "$skip": 1}) == ["SN-2", "sn-3"]
    assert _query(client, **{"$top": 0}) == []


def test_expand_and_field_names(client: httpx.Client, reports: list[Any]) -> None:
    rows = client.get(
        "/api/Report/Query/Header",
        params={"reportType": "U", "$expand": "subUnits,miscInfo,assets,attachments", "$orderby": "start"},
    ).json()
    first = rows[0]
    assert first["subUnits"] == [
        {"serialNumber": "SUB-0", "partNumber": "PCB-7", "revision": "A", "partType": "PCBA"}
    ]
    assert first["miscInfo"] == [{"description": "Firmware", "value": "1.0"}]
    assert first["assets"] == [] and first["attachments"] == []
    assert first["startUtc"] == "2026-01-10T12:00:00Z" and first["result"] == "Passed"


def test_case_insensitive_parameter_names(client: httpx.Client, reports: list[Any]) -> None:
    answer = client.get(
        "/API/report/query/header", params={"ReportType": "u", "$FILTER": "serialNumber eq 'SN-1'"}
    )
    assert [row["serialNumber"] for row in answer.json()] == ["SN-1"]


def test_by_misc_info(client: httpx.Client, reports: list[Any]) -> None:
    rows = client.get(
        "/api/Report/Query/HeaderByMiscInfo", params={"description": "Firmware", "stringValue": "1.2"}
    ).json()
    assert [row["serialNumber"] for row in rows] == ["sn-3"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"reportType": "X"}, "reportType must be U (UUT) or R (UUR)"),
        ({"reportType": "U", "$filter": "nope eq 1"}, "Could not find a property named 'nope'"),
        ({"reportType": "U", "$filter": "serialNumber eq"}, "Unexpected end of $filter"),
        ({"reportType": "U", "$filter": "subUnits/any(s: s/colour eq 'red')"}, "named 'colour'"),
        ({"reportType": "U", "$filter": "result eq 'Maybe'"}, "'Maybe' is not a report result"),
        ({"reportType": "U", "$filter": "serialNumber"}, "does not evaluate to true or false"),
        ({"reportType": "U", "$orderby": "start up"}, "Invalid $orderby clause"),
        ({"reportType": "U", "$expand": "everything"}, "Cannot $expand everything"),
        ({"reportType": "U", "$skip": -1}, "$skip must not be negative"),
    ],
)
def test_bad_queries_get_400(client: httpx.Client, params: dict[str, Any], message: str) -> None:
    answer = client.get("/api/Report/Query/Header", params=params)
    assert answer.status_code == 400
    assert message in answer.json()["Message"]


def test_report_type_is_required(client: httpx.Client) -> None:
    assert client.get("/api/Report/Query/Header").status_code == 400


def test_process_name_is_filled_from_the_process_list(client: httpx.Client) -> None:
    named = minimal_uut("SN-NAMED", start=BASE)
    named.process_code = 50
    named.raw["processName"] = "Board test as the station calls it"
    unnamed = minimal_uut("SN-UNNAMED", start=BASE + timedelta(minutes=1))
    unnamed.process_code = 100
    unnamed.raw.pop("processName", None)
    for uut in (named, unnamed):
        assert client.post("/api/Report/WSJF", content=uut.to_wsjf()).status_code == 200

    rows = client.get("/api/Report/Query/Header", params={"reportType": "U"}).json()
    by_sn = {row["serialNumber"]: row for row in rows}
    assert by_sn["SN-UNNAMED"]["processName"] == "End of line test"  # the server's process 100
    assert by_sn["SN-UNNAMED"]["testOperation"] == "End of line test"
    assert by_sn["SN-NAMED"]["processName"] == "Board test as the station calls it"  # kept as sent
    filtered = client.get(
        "/api/Report/Query/Header", params={"reportType": "U", "$filter": "processName eq 'End of line test'"}
    ).json()
    assert [row["serialNumber"] for row in filtered] == ["SN-UNNAMED"]
