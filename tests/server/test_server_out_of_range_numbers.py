"""Numbers too large for the database or the clock are the client's error (400), never a 500."""

from __future__ import annotations

import httpx
import pytest

HUGE = 47016586501477393728798720
STEP_QUERY = {
    "productGroupId": 0,
    "levelId": 0,
    "stepFilters": "",
    "sequenceFilters": "",
    "days": 829843709943293,
}
REQUESTS = {
    "Units/Changes $top": ("GET", "/api/Production/Units/Changes", {"$top": HUGE}),
    "Units/Changes id": ("DELETE", "/api/Production/Units/Changes/18446744073709551617", {}),
    "MeasurementList days": ("GET", "/api/internal/App/MeasurementList", STEP_QUERY),
    "StepStatusList days": ("GET", "/api/internal/App/StepStatusList", STEP_QUERY),
    "download history client": (
        "GET",
        "/api/internal/Software/GetPackageDownloadHistory",
        {"clientId": -HUGE},
    ),
    "package version": ("DELETE", "/api/Software/PackageByName", {"name": "x", "version": -HUGE}),
}


@pytest.mark.parametrize(("method", "path", "params"), REQUESTS.values(), ids=list(REQUESTS))
def test_out_of_range_numbers_are_400(
    client: httpx.Client, method: str, path: str, params: dict[str, int | str]
) -> None:
    answer = client.request(method, path, params=params)
    assert answer.status_code == 400, answer.text
    assert "out of the range" in answer.json()["Message"]


def test_out_of_range_numbers_in_a_body_are_400(client: httpx.Client) -> None:
    answer = client.put("/api/Production/Batches", json=[{"BatchNumber": "B-1", "BatchSize": HUGE}])
    assert answer.status_code in (400, 404), answer.text
