"""Yield on the server against an independent calculation over the same generated reports.

The demo generator's history is seeded through the control plane; the test regenerates the same reports
(same seed and end) and counts yields itself, the slow and obvious way (``analytics_reference``).
"""

from __future__ import annotations

import math
from typing import Any

import httpx
import pytest
from analytics_reference import FROM, NAMES, TO, WINDOW, Run, expected_yield, runs_of
from analytics_reference import seeded as seeded  # the module's fixture

Seeded = tuple[httpx.Client, list[dict[str, Any]]]

COUNTS = {"unitCount": "units", "fpCount": "fp", "spCount": "sp", "tpCount": "tp", "lpCount": "lp"}
REPORT_COUNTS = {"testReportCount": "reports", "testYieldCount": "passed_reports", "retestCount": "retests"}


def dynamic(http: httpx.Client, dimensions: str, **members: Any) -> list[dict[str, Any]]:
    answer = http.post("/api/App/DynamicYield", params={"dimensions": dimensions}, json={**WINDOW, **members})
    assert answer.status_code == 200, answer.text
    return list(answer.json())


def assert_matches(row: dict[str, Any], expected: Any) -> None:
    for member, name in {**COUNTS, **REPORT_COUNTS}.items():
        assert row[member] == getattr(expected, name), (member, row)
    for member, value in expected.yields().items():
        assert row.get(member) == pytest.approx(value) if value is not None else member not in row


def test_yield_by_product_and_process_matches_an_independent_count(seeded: Seeded) -> None:
    http, runs = seeded[0], runs_of(seeded[1])
    expected = expected_yield(runs, FROM, TO, key=lambda r: (r.pn, NAMES[r.process]))
    rows = dynamic(http, "partNumber;testOperation")
    assert {(row["partNumber"], row["testOperation"]) for row in rows} == set(expected)
    for row in rows:
        assert_matches(row, expected[(row["partNumber"], row["testOperation"])])
        assert row["fpy"] <= row["spy"] <= row["tpy"] <= row["lpy"]
        assert "rty" not in row  # the grouping separates processes
    assert [(r["partNumber"], r["testOperation"]) for r in rows] == sorted(expected)  # ordered by dimensions


def test_rolled_yield_is_the_product_of_the_process_yields(seeded: Seeded) -> None:
    http, runs = seeded[0], runs_of(seeded[1])
    per_process = expected_yield(runs, FROM, TO, key=lambda r: (r.pn, r.process))
    for row in dynamic(http, "partNumber"):
        factors = [
            e.fp / e.units for (pn, _), e in per_process.items() if pn == row["partNumber"] and e.units
        ]
        assert row["rty"] == pytest.approx(100.0 * math.prod(factors))
        pooled = [e for (pn, _), e in per_process.items() if pn == row["partNumber"]]
        assert row["unitCount"] == sum(e.units for e in pooled)  # a unit counts once per process


def test_units_count_at_their_first_runs_station_so_a_retest_only_station_has_no_units(
    seeded: Seeded,
) -> None:
    http, runs = seeded[0], runs_of(seeded[1])
    expected = expected_yield(runs, FROM, TO, key=lambda r: r.station)
    assert expected["EOL-RT"].reports > 0, "the generated history must retest on EOL-RT"
    rows = {row["stationName"]: row for row in dynamic(http, "stationName")}
    assert set(rows) == set(expected)
    retest_only = rows["EOL-RT"]
    assert retest_only["unitCount"] == 0 and "fpy" not in retest_only
    assert retest_only["retestCount"] == retest_only["testReportCount"] == expected["EOL-RT"].reports
    for station, row in rows.items():
        assert_matches(row, expected[station])


def test_a_unit_first_tested_before_the_window_is_not_counted_again(seeded: Seeded) -> None:
    http, runs = seeded[0], runs_of(seeded[1])
    by_unit: dict[tuple[str, int], list[Run]] = {}
    for run in sorted(runs, key=lambda r: (r.start, r.id)):
        by_unit.setdefault((run.sn, run.process), []).append(run)
    (sn, process), history = next((key, h) for key, h in by_unit.items() if len(h) >= 3)
    window_from = history[0].start + (history[1].start - history[0].start) / 2  # between runs 1 and 2
    members = {"serialNumber": sn, "testOperation": NAMES[process], "dateFrom": window_from.isoformat() + "Z"}
    rows = dynamic(http, "partNumber", **members)
    inside = [run for run in history if window_from <= run.start <= TO]
    assert rows[0]["unitCount"] == 0
    assert rows[0]["testReportCount"] == rows[0]["retestCount"] == len(inside)
    members["dateFrom"] = history[0].start.isoformat() + "Z"  # inclusive bound: now the first run is inside
    again = dynamic(http, "partNumber", **members)[0]
    assert again["unitCount"] == 1
    assert again["lpCount"] == (history[-1].result == "P" and history[-1].start <= TO)


@pytest.mark.parametrize(
    ("grouping", "label"),
    [
        (2, lambda t: f"{t:%Y-%m}"),
        (3, lambda t: "{}-W{:02d}".format(*t.isocalendar()[:2])),
        (4, lambda t: f"{t:%Y-%m-%d}"),
    ],
)
def test_date_groupings(seeded: Seeded, grouping: int, label: Any) -> None:
    http, runs = seeded[0], runs_of(seeded[1])
    expected = expected_yield(runs, FROM, TO, key=lambda r: label(r.start))
    rows = dynamic(http, "period", dateGrouping=grouping)
    assert [row["period"] for row in rows] == sorted(expected)
    for row in rows:
        assert_matches(row, expected[row["period"]])


def test_filters_apply_to_first_runs_and_reports(seeded: Seeded) -> None:
    http, runs = seeded[0], runs_of(seeded[1])
    cases: list[tuple[dict[str, Any], Any]] = [
        ({"stationName": "ICT-0%"}, lambda r: r.station.startswith("ICT-0")),
        ({"partNumber": "pcba-100;MOD-400"}, lambda r: r.pn in ("PCBA-100", "MOD-400")),
        ({"productGroup": "Boards"}, lambda r: r.pn.startswith("PCBA-")),
        ({"level": "Module"}, lambda r: r.pn.startswith("MOD-")),
        ({"revision": "B"}, lambda r: r.rev == "B"),
        ({"operator": "anna;ben"}, lambda r: r.operator in ("anna", "ben")),
        ({"testOperation": "End of line test"}, lambda r: r.process == 100),
        ({"processCode": "50"}, lambda r: r.process == 50),
        ({"processCode": 90}, lambda r: r.process == 90),
        ({"miscDescription": "Run", "miscValue": "1"}, None),  # the generator records the run number
    ]
    for members, keep in cases:
        rows = {row["testOperation"]: row for row in dynamic(http, "testOperation", **members)}
        if keep is None:  # misc "Run" = 1 marks exactly the first runs: every report is one
            assert all(row["retestCount"] == 0 and row["unitCount"] > 0 for row in rows.values()), members
            continue
        expected = expected_yield(runs, FROM, TO, key=lambda r: NAMES[r.process], keep=keep)
        assert set(rows) == {name for name, e in expected.items() if e.units or e.reports}, members
        for name, row in rows.items():
            assert_matches(row, expected[name])


def test_status_filter_counts_only_reports_of_that_status(seeded: Seeded) -> None:
    http, runs = seeded[0], runs_of(seeded[1])
    rows = dynamic(http, "partNumber", status="Failed")
    expected = expected_yield(runs, FROM, TO, key=lambda r: r.pn)
    failed = expected_yield(runs, FROM, TO, key=lambda r: r.pn, keep=lambda r: r.result == "F")
    for row in rows:
        assert row["unitCount"] == expected[row["partNumber"]].units  # units are not filtered by status
        assert row["testReportCount"] == (
            failed[row["partNumber"]].reports if row["partNumber"] in failed else 0
        )
        assert row["testYieldCount"] == 0


def test_volume_high_volume_and_worst_yield_lists(seeded: Seeded) -> None:
    http, runs = seeded[0], runs_of(seeded[1])
    expected = expected_yield(runs, FROM, TO, key=lambda r: (r.pn, NAMES[r.process]))
    volume = http.post("/api/App/VolumeYield", json=WINDOW).json()
    assert {(r["partNumber"], r["testOperation"]) for r in volume} == set(expected)
    assert all(r["productName"] for r in volume)
    high = http.post("/api/App/HighVolume", json={**WINDOW, "topCount": 3}).json()
    assert [r["unitCount"] for r in high] == sorted((e.units for e in expected.values()), reverse=True)[:3]
    worst = http.post("/api/App/WorstYield", json={**WINDOW, "topCount": 4}).json()
    worst_expected = sorted(100.0 * e.fp / e.units for e in expected.values() if e.units)[:4]
    assert [r["fpy"] for r in worst] == pytest.approx(worst_expected)
    groups = http.post("/api/App/HighVolumeByProductGroup", json=WINDOW).json()
    assert {r["productGroup"] for r in groups} == {"Boards", "Modules", "Systems"}
    by_group_worst = http.post("/api/App/WorstYieldByProductGroup", json={**WINDOW, "topCount": 1}).json()
    assert len(by_group_worst) == 1 and by_group_worst[0]["fpy"] == min(r["fpy"] for r in groups)
    assert http.get("/api/App/WorstYield", params={"productGroup": "Systems"}).status_code == 200


def test_kpi_members_and_ordering(seeded: Seeded) -> None:
    http = seeded[0]
    rows = dynamic(http, "unitCount desc;partNumber")
    assert [r["unitCount"] for r in rows] == sorted((r["unitCount"] for r in rows), reverse=True)
    row = rows[0]
    assert row["fpFailCount"] == row["unitCount"] - row["fpCount"]
    assert row["ppmFpy"] == pytest.approx(1e6 * (1 - row["fpy"] / 100))
    assert row["testYield"] == pytest.approx(100.0 * row["testYieldCount"] / row["testReportCount"])
    assert row["firstUtc"] <= row["lastUtc"]
    by_body = http.post("/api/App/DynamicYield", json={**WINDOW, "dimensions": "partNumber"}).json()
    assert {r["partNumber"] for r in by_body} == {
        r["partNumber"] for r in rows
    }  # dimensions read from the body too


@pytest.mark.parametrize(
    ("params", "members", "needle"),
    [
        ({"dimensions": "partNumber;colour"}, {}, "colour"),
        ({"dimensions": "partNumber sideways"}, {}, "asc or desc"),
        ({}, {"dateGrouping": 9}, "dateGrouping"),
        ({}, {"status": "Bogus"}, "Bogus"),
        ({}, {"dateFrom": "2026-03-01T00:00:00Z", "dateTo": "2026-02-01T00:00:00Z"}, "dateFrom"),
        ({}, {"dateFrom": "yesterday"}, "dateFrom"),
        ({}, {"periodCount": 0}, "periodCount"),
    ],
)
def test_bad_filters_are_answered_400_naming_the_member(
    seeded: Seeded, params: dict[str, str], members: dict[str, Any], needle: str
) -> None:
    http = seeded[0]
    answer = http.post("/api/App/DynamicYield", params=params, json=members)
    assert answer.status_code == 400
    assert needle in answer.json()["Message"]


def test_asset_and_misc_dimensions(seeded: Seeded) -> None:
    http, runs = seeded[0], runs_of(seeded[1])
    expected = expected_yield(runs, FROM, TO, key=lambda r: f"FX-{r.station}")  # each station's fixture
    rows = {row["assetSerialNumber"]: row for row in dynamic(http, "assetSerialNumber")}
    assert set(rows) == set(expected)
    for serial, row in rows.items():
        assert_matches(row, expected[serial])
    answer = http.put("/api/Asset", json={"serialNumber": "FX-EOL-01", "assetName": "EOL fixture"})
    assert answer.status_code in (200, 400), answer.text  # a type may be required; the name needs the asset
    named = {row.get("assetName") for row in dynamic(http, "assetName")}
    assert (answer.status_code != 200) or "EOL fixture" in named
    misc = dynamic(http, "miscInfoDescription;miscInfoString", miscDescription="Run")
    first = {row["miscInfoString"]: row for row in misc if row["miscInfoDescription"] == "Run"}
    assert {row["miscInfoDescription"] for row in misc} == {"Run"}  # only the pairs the filter names
    assert first["1"]["retestCount"] == 0 and first["1"]["unitCount"] == sum(
        e.units for e in expected.values()
    )
    both = {
        (r["miscInfoDescription"], r["miscInfoString"])
        for r in dynamic(http, "miscInfoDescription;miscInfoString")
    }
    assert {("Firmware", "2.4.1"), ("Run", "1")} <= both
    assert ("Firmware", "1") not in both  # pairs stay pairs
