"""Levels, product groups and the validation of alarm triggers (control plane)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest


def test_levels_default_and_can_be_replaced(client: httpx.Client) -> None:
    assert client.get("/api/App/Levels").json() == [
        {"levelId": 1, "levelName": "PCBA"},
        {"levelId": 2, "levelName": "Module"},
        {"levelId": 3, "levelName": "System"},
    ]
    assert client.put("/_control/levels", json=["Board", "Box"]).status_code == 200
    assert [level["levelName"] for level in client.get("/api/app/levels").json()] == ["Board", "Box"]
    assert client.put("/_control/levels", json=["A", "a"]).status_code == 400


def test_product_groups_with_and_without_filters(client: httpx.Client) -> None:
    assert client.get("/api/App/ProductGroups").json() == []
    client.put(
        "/api/Product/Group", json={"productGroupName": "Boards", "filter": "PCBA-%"}
    ).raise_for_status()
    assert client.get("/api/App/ProductGroups").json() == [
        {"productGroupId": 1, "productGroupName": "Boards"}
    ]
    with_filters = client.get("/api/App/ProductGroups", params={"includeFilters": "true"}).json()
    assert with_filters == [{"productGroupId": 1, "productGroupName": "Boards", "filter": "PCBA-%"}]


@pytest.mark.parametrize(
    ("trigger", "needle"),
    [
        ({"name": "x", "type": 7}, "type"),
        ({"name": "x", "type": 2}, "threshold"),
        ({"name": "x", "type": 4, "threshold": 1}, "measurementPath"),
        ({"type": 1}, "name"),
    ],
)
def test_bad_alarm_triggers_are_refused(client: httpx.Client, trigger: dict[str, Any], needle: str) -> None:
    answer = client.put("/_control/alarm-triggers", json=[trigger])
    assert answer.status_code == 400 and needle in answer.json()["Message"]
