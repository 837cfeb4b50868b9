"""The internal Unit Flow endpoints: a node/link graph of how units moved, kept per user between calls."""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import pairwise
from typing import Any

import httpx
from analytics_reference import FROM, TO, WINDOW, utc
from analytics_reference import seeded as seeded  # the module's fixture
from server_helpers import SECOND_PASSWORD, SECOND_USER, basic

from pywats_server import EmbeddedServer

Seeded = tuple[httpx.Client, list[dict[str, Any]]]
FLOW = "/api/internal/UnitFlow"
QUERY = {**WINDOW, "partNumber": "MOD-300"}


def visits(documents: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    units: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for d in sorted(documents, key=lambda d: utc(d["startUTC"])):
        if d["pn"] == "MOD-300" and FROM <= utc(d["startUTC"]) <= TO:
            units[d["sn"]].append(d)
    return units


def post(http: httpx.Client, path: str, body: dict[str, Any]) -> dict[str, Any]:
    answer = http.post(path, json=body)
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def test_the_flow_graph_matches_the_reports(seeded: Seeded) -> None:
    http, documents = seeded
    assert http.get(f"{FLOW}/Nodes").json() == []  # no query yet
    flow = post(http, FLOW, QUERY)
    units = visits(documents)
    node_units: dict[str, set[str]] = defaultdict(set)
    links: Counter[tuple[str, str]] = Counter()
    for sn, history in units.items():
        path = [str(d["processCode"]) for d in history]
        for node in path:
            node_units[node].add(sn)
        links.update(pairwise(path))
    assert {n["id"]: n["unitCount"] for n in flow["nodes"]} == {k: len(v) for k, v in node_units.items()}
    assert {
        (link["sourceId"], link["targetId"]): link["passCount"] + link["failCount"] for link in flow["links"]
    } == links
    assert flow["totalUnits"] == len(units) == len(flow["units"])
    by_sn = {u["serialNumber"]: u for u in flow["units"]}
    for sn, history in units.items():
        assert by_sn[sn]["nodePath"] == [str(d["processCode"]) for d in history]
        assert by_sn[sn]["currentNode"] == str(history[-1]["processCode"])
    repair = next(n for n in flow["nodes"] if n["id"] == "500")
    assert repair["processName"] == "Repair"
    assert [u["startTime"] for u in flow["units"]] == sorted(u["startTime"] for u in flow["units"])
    # The GET endpoints read the current query.
    assert http.get(f"{FLOW}/Nodes").json() == flow["nodes"]
    assert http.get(f"{FLOW}/Links").json() == flow["links"]
    assert http.get(f"{FLOW}/Units").json() == flow["units"]


def test_view_changes_keep_the_query(seeded: Seeded) -> None:
    http, documents = seeded
    post(http, FLOW, QUERY)
    split = post(http, f"{FLOW}/SplitBy", {"splitBy": "stationName"})
    assert {n["id"] for n in split["nodes"]} >= {"90:BURNIN-01", "500:REPAIR-01"}
    assert all(n["stationName"] == n["id"].split(":", 1)[1] for n in split["nodes"])
    hidden = post(http, FLOW, {"hideList": ["90:BURNIN-01"]})
    assert next(n for n in hidden["nodes"] if n["id"] == "90:BURNIN-01")["isVisible"] is False
    assert all(
        not link["isVisible"]
        for link in hidden["links"]
        if "90:BURNIN-01" in (link["sourceId"], link["targetId"])
    )
    ordered = post(http, f"{FLOW}/UnitOrder", {"unitOrder": "serialNumber desc"})
    serials = [u["serialNumber"] for u in ordered["units"]]
    assert serials == sorted(serials, reverse=True) and len(serials) == len(visits(documents))
    fresh = post(http, FLOW, QUERY)  # a query member starts over: no split, nothing hidden
    assert all(":" not in n["id"] and n["isVisible"] for n in fresh["nodes"])
    shown = post(http, FLOW, {"showList": ["Burn In test"]})
    assert [n["id"] for n in shown["nodes"] if n["isVisible"]] == ["90"]


def test_expanded_operations_and_traced_units(seeded: Seeded) -> None:
    http, documents = seeded
    expanded = post(http, FLOW, {**QUERY, "expandOperations": True})
    parents = [n for n in expanded["nodes"] if n.get("isExpanded")]
    children = [n for n in expanded["nodes"] if n.get("parentId")]
    assert {p["id"] for p in parents} == {c["parentId"] for c in children}
    assert all(c["level"] == 1 and c["id"].startswith(c["parentId"] + ":") for c in children)
    sn = next(iter(visits(documents)))
    traced = post(http, f"{FLOW}/SN", {**WINDOW, "serialNumbers": [sn]})
    assert traced["totalUnits"] == 1 and traced["units"][0]["serialNumber"] == sn
    passed_only = post(http, FLOW, {**QUERY, "includeFailed": False})
    assert all(u["status"] == "Passed" for u in passed_only["units"])
    only_tests = post(http, FLOW, {**QUERY, "processCodes": [50, 100]})
    assert {n["id"] for n in only_tests["nodes"]} <= {"50", "100"}
    bad = http.post(f"{FLOW}/SplitBy", json={"splitBy": "colour"})
    assert bad.status_code == 400 and "splitBy" in bad.json()["Message"]


def test_each_user_has_their_own_current_flow(seeded: Seeded, server: EmbeddedServer) -> None:
    http, _ = seeded
    post(http, FLOW, QUERY)
    with httpx.Client(
        base_url=server.url, headers=basic(SECOND_USER, SECOND_PASSWORD), timeout=30.0
    ) as other:
        assert other.get(f"{FLOW}/Units").json() == []
        post(other, FLOW, {**WINDOW, "partNumber": "SYS-500"})
        assert {u["partNumber"] for u in other.get(f"{FLOW}/Units").json()} == {"SYS-500"}
    assert {u["partNumber"] for u in http.get(f"{FLOW}/Units").json()} == {"MOD-300"}
