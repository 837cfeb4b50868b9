"""ASP.NET-style routing: case-insensitive static segments, raw per-segment path parameters."""

from __future__ import annotations

from urllib.parse import quote

import httpx
import pytest

NASTY_PART_NUMBERS = [
    "A/B#C?D",
    "100%",
    "50%25off",  # looks percent-encoded already
    "with space",
    "R&D+1=2",
    "a+b",
    "Ünïcødé-βeta-部品",
    "semi;colon,comma",
    "back\\slash",
    "quote'double\"",
    "tilde~star*[bracket]^!",
    "trailing/",
    "/leading",
    "a//b",
    "a/../b",
]


def path_segment(part_number: str) -> str:
    """The part number percent-encoded as one path segment (dots too, so clients cannot fold them)."""
    return quote(part_number, safe="").replace(".", "%2E")


@pytest.mark.parametrize("part_number", NASTY_PART_NUMBERS)
def test_nasty_part_number_round_trips_through_one_path_segment(
    client: httpx.Client, part_number: str
) -> None:
    put = client.put("/api/Product", json={"partNumber": part_number, "name": "nasty"})
    assert put.status_code == 200, put.text

    got = client.get(f"/api/Product/{path_segment(part_number)}")

    assert got.status_code == 200, got.text
    assert got.json()["partNumber"] == part_number
    assert got.json()["productId"] == put.json()["productId"]


def test_dot_segments_are_part_numbers_not_navigation(client: httpx.Client) -> None:
    client.put("/api/Product", json={"partNumber": ".."}).raise_for_status()
    response = client.get("/api/Product/%2E%2E")
    assert response.status_code == 200
    assert response.json()["partNumber"] == ".."


def test_nasty_part_numbers_in_query_parameters(client: httpx.Client) -> None:
    part_number = "A/B#C?D&E=F+G %"
    client.put("/api/Product", json={"partNumber": part_number}).raise_for_status()
    client.put(
        "/api/Product/Revision", json={"partNumber": part_number, "revision": "1/0#"}
    ).raise_for_status()

    response = client.get("/api/Product", params={"partNumber": part_number, "revision": "1/0#"})

    assert response.status_code == 200, response.text
    assert (response.json()["partNumber"], response.json()["revision"]) == (part_number, "1/0#")


def test_an_encoded_slash_is_not_a_segment_separator(client: httpx.Client) -> None:
    client.put("/api/Product", json={"partNumber": "A"}).raise_for_status()
    # "A/B" as two raw segments matches no route; as one encoded segment it names an unknown product.
    assert client.get("/api/Product/A/B").status_code == 404
    assert client.get("/api/Product/A%2FB").json() == {"Message": "Product 'A/B' not found"}


@pytest.mark.parametrize(
    "path", ["/api/Product/Query", "/API/PRODUCT/QUERY", "/api/product/query", "/Api/pRoDuCt/qUeRy"]
)
def test_static_segments_match_case_insensitively(client: httpx.Client, path: str) -> None:
    client.put("/api/Product", json={"partNumber": "CASE-1"}).raise_for_status()
    response = client.get(path)
    assert response.status_code == 200
    assert [row["partNumber"] for row in response.json()] == ["CASE-1"]


def test_path_parameters_keep_their_case(client: httpx.Client) -> None:
    client.put("/api/Product", json={"partNumber": "MiXeD"}).raise_for_status()
    assert client.get("/API/PRODUCT/MiXeD").status_code == 200
    assert client.get("/api/Product/mixed").status_code == 404


def test_trailing_slash_is_tolerated(client: httpx.Client) -> None:
    put = client.put("/api/Product/", json={"partNumber": "SLASH"})
    assert put.status_code == 200
    assert client.get("/api/Product/SLASH/").json()["partNumber"] == "SLASH"
    assert client.get("/api/App/Version/").json() == "25.3.0"


def test_query_parameter_names_match_case_insensitively(client: httpx.Client) -> None:
    client.put("/api/Product", json={"partNumber": "Q-1"}).raise_for_status()
    client.put("/api/Product/Revision", json={"partNumber": "Q-1", "revision": "A"}).raise_for_status()
    response = client.get("/api/Product?PARTNUMBER=Q-1&Revision=A")
    assert response.status_code == 200
    assert response.json()["revision"] == "A"


def test_literal_segment_wins_over_a_parameter(client: httpx.Client) -> None:
    # "Groups" could be a part number, but like ASP.NET the literal route is preferred.
    client.put("/api/Product/Group", json={"productGroupName": "G"}).raise_for_status()
    response = client.get("/api/product/groups")
    assert response.json() == [{"productGroupId": 1, "productGroupName": "G"}]
