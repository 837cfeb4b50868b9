"""Repair statistics and history, serial-number history, report lists and OEE against the generated data."""

from __future__ import annotations

from collections import Counter
from typing import Any

import httpx
import pytest
from analytics_reference import FROM, PILCROW, TO, WINDOW, utc
from analytics_reference import seeded as seeded  # the module's fixture

Seeded = tuple[httpx.Client, list[dict[str, Any]]]


def window(documents: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [d for d in documents if d["type"] == kind and FROM <= utc(d["startUTC"]) <= TO]


def post(http: httpx.Client, path: str, members: dict[str, Any], **params: str) -> Any:
    answer = http.post(path, params=params, json={**WINDOW, **members})
    assert answer.status_code == 200, answer.text
    return answer.json()


def failures(documents: list[dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    return [(d, f) for d in documents for unit in d.get("subUnits", []) for f in unit.get("failures", [])]


def test_dynamic_repair_counts_and_rates(seeded: Seeded) -> None:
    http, documents = seeded
    repairs = window(documents, "R")
    assert repairs, "the generated history must contain repairs in the window"
    rows = post(http, "/api/App/DynamicRepair", {}, dimensions="partNumber;repairCategory;repairCode")
    expected = Counter((d["pn"], f["category"], f["code"]) for d, f in failures(repairs))
    assert {
        (r["partNumber"], r["repairCategory"], r["repairCode"]): r["repairCount"] for r in rows
    } == expected
    tested: dict[str, set[str]] = {}
    for d in window(documents, "T"):
        tested.setdefault(d["pn"], set()).add(d["sn"])
    for row in rows:
        total = len(tested[row["partNumber"]])
        units = {
            d["sn"]
            for d, f in failures(repairs)
            if (d["pn"], f["category"], f["code"])
            == (row["partNumber"], row["repairCategory"], row["repairCode"])
        }
        assert row["totalCount"] == total
        assert row["repairRate"] == pytest.approx(100.0 * len(units) / total)
        assert row["repairReportCount"] == row["repairCount"]  # one failure per generated repair
    by_body = post(http, "/api/App/DynamicRepair", {"dimensions": "repairCategory"})  # read from the body too
    assert {r["repairCategory"] for r in by_body} == {f["category"] for _, f in failures(repairs)}
    tested_ops = Counter(d["uur"]["processName"] for d in repairs)
    rows = post(http, "/api/App/DynamicRepair", {}, dimensions="repairCount desc;testOperation")
    assert {r["testOperation"]: r["repairCount"] for r in rows} == tested_ops
    assert [r["repairCount"] for r in rows] == sorted(tested_ops.values(), reverse=True)
    steps = post(http, "/api/App/DynamicRepair", {}, dimensions="referencedStepPath")
    assert all(PILCROW in r["referencedStepPath"] for r in steps)


def test_related_repair_history(seeded: Seeded) -> None:
    http, documents = seeded
    uuts = {d["id"]: d for d in documents if d["type"] == "T"}
    repaired = [
        (d, f) for d, f in failures([d for d in documents if d["type"] == "R"]) if d["pn"] == "MOD-300"
    ]
    answer = http.get("/api/App/RelatedRepairHistory", params={"partNumber": "MOD-300", "revision": "C"})
    assert answer.status_code == 200
    records = answer.json()
    assert len(records) == len(repaired) > 0
    assert [r["repairDate"] for r in records] == sorted((r["repairDate"] for r in records), reverse=True)
    by_report = {d["id"]: (d, f) for d, f in repaired}
    for record in records:
        uur, failure = by_report[record["reportId"]]
        assert record["serialNumber"] == uur["sn"] and record["failCode"] == failure["code"]
        assert record["failStepName"] == failure["refStepName"]
        tested = uuts[uur["uur"]["refUUT"]]
        assert record["failStepPath"].endswith(PILCROW + failure["refStepName"]) and tested["result"] != "P"
    missing = http.get("/api/App/RelatedRepairHistory", params={"partNumber": "MOD-300"})
    assert missing.status_code == 400 and "revision" in missing.json()["Message"]


def test_serial_number_history_lists_every_report_with_run_numbers(seeded: Seeded) -> None:
    http, documents = seeded
    repaired_sn = next(d["sn"] for d in documents if d["type"] == "R")
    own = sorted((d for d in documents if d["sn"] == repaired_sn), key=lambda d: utc(d["startUTC"]))
    headers = post(
        http,
        "/api/App/SerialNumberHistory",
        {"serialNumber": repaired_sn.lower(), "dateFrom": None, "dateTo": None},
    )
    assert [h["uuid"] for h in headers] == [d["id"] for d in own]
    runs: Counter[int] = Counter()
    for header, document in zip(headers, own, strict=True):
        assert header["reportType"] == document["type"]
        if document["type"] == "T":
            runs[document["processCode"]] += 1
            assert header["run"] == runs[document["processCode"]]
    answer = http.post("/api/App/SerialNumberHistory", json={})
    assert answer.status_code == 400 and "serialNumber" in answer.json()["Message"]


def test_uut_and_uur_report_lists(seeded: Seeded) -> None:
    http, documents = seeded
    uuts = sorted(window(documents, "T"), key=lambda d: utc(d["startUTC"]), reverse=True)
    newest = post(http, "/api/App/UutReport", {"topCount": 5})
    assert [h["uuid"] for h in newest] == [d["id"] for d in uuts[:5]]
    failed = post(http, "/api/App/UutReport", {"status": "Failed", "partNumber": "PCBA-%"})
    assert {h["uuid"] for h in failed} == {
        d["id"] for d in uuts if d["result"] == "F" and d["pn"].startswith("PCBA-")
    }
    uurs = post(http, "/api/App/UurReport", {})
    assert [h["uuid"] for h in uurs] == [
        d["id"] for d in sorted(window(documents, "R"), key=lambda d: utc(d["startUTC"]), reverse=True)
    ]
    assert all(h["reportType"] == "R" and h["referencedUut"] for h in uurs)


def test_oee_counts_and_rates(seeded: Seeded) -> None:
    http, documents = seeded
    tests = [d for d in window(documents, "T") if d["machineName"] == "EOL-01"]
    oee = post(http, "/api/App/OeeAnalysis", {"stationName": "EOL-01"})
    assert oee["totalCount"] == len(tests)
    assert oee["goodCount"] == sum(d["result"] == "P" for d in tests)
    assert oee["rejectCount"] == oee["totalCount"] - oee["goodCount"]
    assert oee["runTime"] == pytest.approx(sum(d["uut"]["execTime"] for d in tests) / 60)
    assert oee["quality"] == pytest.approx(100.0 * oee["goodCount"] / oee["totalCount"])
    assert oee["oee"] == pytest.approx(oee["availability"] * oee["performance"] * oee["quality"] / 10_000)
    assert 0 < oee["availability"] <= 100 and 0 < oee["performance"] <= 100
    assert oee["stationName"] == "EOL-01" and oee["period"].startswith(FROM.isoformat())
