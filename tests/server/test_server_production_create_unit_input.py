"""CreateUnit with an empty serial or part number is the caller's error (400), not a server error."""

from __future__ import annotations

import httpx
import pytest


@pytest.mark.parametrize(
    ("serial", "part", "field"),
    [("", "PCB-1", "serial_number"), ("SN-1", "", "part_number"), ("  ", "PCB-1", "serial_number")],
)
def test_create_unit_with_an_empty_identity_is_400(
    client: httpx.Client, serial: str, part: str, field: str
) -> None:
    answer = client.post(
        "/api/internal/Production/CreateUnit",
        params={"serialNumber": serial, "partNumber": part, "revision": "A"},
    )
    assert answer.status_code == 400, answer.text
    assert field in answer.json()["Message"]
