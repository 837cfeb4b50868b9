"""Measurements, capability, step analysis and top failed steps against independent calculations."""

from __future__ import annotations

import statistics
from collections import Counter
from typing import Any

import httpx
import pytest
from analytics_reference import FROM, PILCROW, TO, WINDOW, capability, numeric_values, utc
from analytics_reference import seeded as seeded  # the module's fixture

Seeded = tuple[httpx.Client, list[dict[str, Any]]]
RIPPLE = f"Power{PILCROW}Ripple"
RAILS = f"Power{PILCROW}Output rails"


def in_window(documents: list[dict[str, Any]], part_number: str | None = None) -> list[dict[str, Any]]:
    return [
        d
        for d in documents
        if d["type"] == "T"
        and FROM <= utc(d["startUTC"]) <= TO
        and (part_number is None or d["pn"] == part_number)
    ]


def first_runs(documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    history: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for d in sorted((d for d in documents if d["type"] == "T"), key=lambda d: (utc(d["startUTC"]), d["id"])):
        history.setdefault((d["sn"], d["processCode"]), []).append(d)
    return [runs[0] for runs in history.values() if FROM <= utc(runs[0]["startUTC"]) <= TO]


def post(http: httpx.Client, path: str, members: dict[str, Any], **params: str) -> Any:
    answer = http.post(path, params=params, json={**WINDOW, **members})
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_aggregated_measurement_statistics_and_cpk(seeded: Seeded) -> None:
    http, documents = seeded
    groups = post(http, "/api/App/AggregatedMeasurements", {"partNumber": "MOD-300"}, measurementPaths=RIPPLE)
    assert [g["measurementPath"] for g in groups] == [RIPPLE]
    (item,) = groups[0]["measurements"]
    values = [m["value"] for _, m in numeric_values(in_window(documents, "MOD-300"), RIPPLE, None)]
    reference = capability(values, None, 30.0)  # LE: the single limit is an upper bound
    assert item["count"] == len(values)
    assert item["min"] == min(values) and item["max"] == max(values)
    assert item["avg"] == pytest.approx(reference["avg"])
    assert item["stdev"] == pytest.approx(reference["stdev"])
    assert item["var"] == pytest.approx(statistics.variance(values))
    assert item["cpk"] == pytest.approx(reference["cpk"]) and item["cpk"] < 1.0  # a marginal measurement
    assert item["cpUpper"] == pytest.approx(reference["cpk"]) and "cpLower" not in item and "cp" not in item
    assert item["limit1"] == 30.0 and item["compOperator"] == "LE" and item["unit"] == "mV"


def test_multi_measurement_paths_use_a_double_pilcrow(seeded: Seeded) -> None:
    http, documents = seeded
    groups = post(http, "/api/App/AggregatedMeasurements", {"partNumber": "PCBA-200"}, measurementPaths=RAILS)
    labels = [g["measurementPath"] for g in groups]
    assert sorted(labels) == sorted(f"{RAILS}{PILCROW * 2}{name}" for name in ("3.3V", "5.0V", "12.0V"))
    five = next(g for g in groups if g["measurementPath"].endswith("5.0V"))["measurements"][0]
    values = [m["value"] for _, m in numeric_values(in_window(documents, "PCBA-200"), RAILS, "5.0V")]
    reference = capability(values, five["limit1"], five["limit2"])
    assert five["count"] == len(values) and five["cpk"] == pytest.approx(reference["cpk"])
    assert five["cp"] == pytest.approx((five["limit2"] - five["limit1"]) / (6 * reference["stdev"]))
    single = post(
        http, "/api/App/AggregatedMeasurements", {"partNumber": "PCBA-200"}, measurementPaths=f"{RAILS}¶¶5.0V"
    )
    assert [g["measurementPath"] for g in single] == [f"{RAILS}¶¶5.0V"]


def test_individual_values_and_the_run_filter(seeded: Seeded) -> None:
    http, documents = seeded
    answer = post(
        http, "/api/App/Measurements", {"partNumber": "SYS-500"}, measurementPaths=f"{RIPPLE};{RAILS}¶¶3.3V"
    )
    by_path = {g["measurementPath"]: g["measurements"] for g in answer}
    expected = numeric_values(in_window(documents, "SYS-500"), RIPPLE, None)
    assert len(by_path[RIPPLE]) == len(expected)
    assert sorted(m["value"] for m in by_path[RIPPLE]) == sorted(m["value"] for _, m in expected)
    starts = [m["startUtc"] for m in by_path[RIPPLE]]
    assert starts == sorted(starts)
    sample = by_path[RIPPLE][0]
    assert {"id", "serialNumber", "value", "limit1", "status", "startUtc"} <= sample.keys()
    newest = post(
        http, "/api/App/Measurements", {"partNumber": "SYS-500", "maxCount": 3}, measurementPaths=RIPPLE
    )
    assert [m["startUtc"] for m in newest[0]["measurements"]] == starts[-3:]
    firsts = [d for d in first_runs(documents) if d["pn"] == "SYS-500"]
    only_first = post(
        http, "/api/App/AggregatedMeasurements", {"partNumber": "SYS-500", "run": 1}, measurementPaths=RIPPLE
    )
    assert only_first[0]["measurements"][0]["count"] == len(numeric_values(firsts, RIPPLE, None))
    answer = http.post("/api/App/Measurements", json=WINDOW)
    assert answer.status_code == 400 and "measurementPaths" in answer.json()["Message"]


def _failed_leaves(document: dict[str, Any]) -> list[str]:
    found = []
    stack = [(child, child["name"]) for child in document["root"].get("steps", [])]
    while stack:
        step, path = stack.pop()
        children = step.get("steps", [])
        if step["status"] == "F" and not any(c["status"] == "F" for c in children):
            found.append(path)
        stack.extend((child, f"{path}{PILCROW}{child['name']}") for child in children)
    return found


def test_top_failed_steps(seeded: Seeded) -> None:
    http, documents = seeded
    reports = in_window(documents)
    failures = Counter((d["pn"], d["rev"], path) for d in reports for path in _failed_leaves(d))
    top = post(http, "/api/App/TopFailed", {"topCount": 5})
    assert [row["failCount"] for row in top] == sorted(failures.values(), reverse=True)[:5]
    for row in top:
        key = (row["partNumber"], row["revision"], row["stepPath"])
        executions = sum(1 for d in reports if (d["pn"], d["rev"]) == key[:2] and _has_path(d, key[2]))
        assert row["failCount"] == failures[key]
        assert row["totalCount"] == executions
        assert row["failRate"] == pytest.approx(100.0 * failures[key] / executions)
        assert row["firstFailDate"] <= row["lastFailDate"]
    get = http.get("/api/App/TopFailed", params={"partNumber": "MOD-300", "topCount": 2})
    assert get.status_code == 200 and len(get.json()) <= 2


def _has_path(document: dict[str, Any], wanted: str) -> bool:
    stack = [(child, child["name"]) for child in document["root"].get("steps", [])]
    while stack:
        step, path = stack.pop()
        if path == wanted:
            return True
        stack.extend((child, f"{path}{PILCROW}{child['name']}") for child in step.get("steps", []))
    return False


def test_test_step_analysis(seeded: Seeded) -> None:
    http, documents = seeded
    members = {"partNumber": "PCBA-100", "testOperation": "PCBA test"}
    rows = post(http, "/api/App/TestStepAnalysis", members)
    reports = [d for d in in_window(documents, "PCBA-100") if d["processCode"] == 50]
    ripple = next(row for row in rows if row["stepPath"] == RIPPLE)
    pairs = numeric_values(reports, RIPPLE, None)
    assert ripple["stepCount"] == sum(_has_path(d, RIPPLE) for d in reports)  # an error there leaves no value
    assert ripple["stepFailedCount"] == sum(m["status"] == "F" for _, m in pairs)
    caused = sum(1 for d in reports if d["result"] == "F" and _first_failure(d) == RIPPLE)
    assert ripple["stepCausedUutFailed"] == caused
    values = [m["value"] for _, m in pairs]
    assert ripple["measureCount"] == len(values) and ripple["avg"] == pytest.approx(statistics.fmean(values))
    good = [m["value"] for _, m in pairs if m["status"] != "F"]
    assert ripple["measureCountWof"] == len(good) and ripple["maxWof"] == max(good)
    rails = [row for row in rows if row["stepPath"] == RAILS]
    assert [row["measureName"] for row in rails] == ["3.3V", "5.0V", "12.0V"]
    order = [row["stepPath"] for row in rows]
    assert (
        order.index(f"Setup{PILCROW}Fixture contact")
        < order.index(RIPPLE)
        < order.index(f"Communication{PILCROW}Self test")
    )


def _first_failure(document: dict[str, Any]) -> str | None:
    def walk(steps: list[dict[str, Any]], prefix: str) -> str | None:
        for step in steps:
            path = f"{prefix}{PILCROW}{step['name']}" if prefix else step["name"]
            if step.get("causedUUTFailure"):
                return path
            found = walk(step.get("steps", []), path)
            if found:
                return found
        return None

    return walk(document["root"].get("steps", []), "")


@pytest.mark.parametrize(
    ("step_filters", "sequence_filters", "expected"),
    [
        (RIPPLE, "", {RIPPLE}),
        (f"<Filters><Step path='{RIPPLE}'/><Step>{RAILS}</Step></Filters>", "", {RIPPLE, RAILS}),
        (
            "",
            "Communication",
            {f"Communication{PILCROW}Firmware version", f"Communication{PILCROW}Self test"},
        ),
    ],
)
def test_step_status_and_measurement_lists_with_step_filters(
    seeded: Seeded, step_filters: str, sequence_filters: str, expected: set[str]
) -> None:
    http = seeded[0]
    params = {"stepFilters": step_filters, "sequenceFilters": sequence_filters}
    statuses = http.post(
        "/api/internal/App/StepStatusList", params=params, json={**WINDOW, "partNumber": "MOD-400"}
    )
    assert statuses.status_code == 200, statuses.text
    assert {row["stepPath"] for row in statuses.json()} == expected
    for row in statuses.json():
        assert row["passCount"] + row["failCount"] <= row["totalCount"]
    listed = http.post(
        "/api/internal/App/MeasurementList", params=params, json={**WINDOW, "partNumber": "MOD-400"}
    )
    assert listed.status_code == 200
    paths = {row["stepPath"].split(PILCROW * 2)[0] for row in listed.json()}
    assert paths <= expected and (paths or expected == {f"Communication{PILCROW}Self test"})


def test_doctype_in_a_step_filter_is_refused(seeded: Seeded) -> None:
    http, _ = seeded
    evil = '<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'
    answer = http.post(
        "/api/internal/App/StepStatusList", params={"stepFilters": evil, "sequenceFilters": ""}, json={}
    )
    assert answer.status_code == 400 and "DOCTYPE" in answer.json()["Message"]
