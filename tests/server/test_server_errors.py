"""Error responses have the ASP.NET Web API shape ``{"Message": ...}``."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import httpx
import pytest
from server_helpers import basic, make_settings

from pywats_server import EmbeddedServer


def assert_error(response: httpx.Response, status: int, message: str) -> None:
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == {"Message": message}


def test_unknown_route_is_404_with_the_request_uri(client: httpx.Client) -> None:
    response = client.get("/api/Nothing/Here%20There")
    assert_error(
        response, 404, "No HTTP resource was found that matches the request URI '/api/Nothing/Here%20There'."
    )


def test_unknown_product_is_404(client: httpx.Client) -> None:
    assert_error(client.get("/api/Product/NOPE"), 404, "Product 'NOPE' not found")


def test_wrong_method_is_405(client: httpx.Client) -> None:
    response = client.post("/api/Product/Query")
    assert_error(response, 405, "The requested resource does not support http method 'POST'.")
    assert "GET" in response.headers["allow"]


def test_invalid_json_is_400(client: httpx.Client) -> None:
    response = client.put("/api/Product", content=b"{not json", headers={"Content-Type": "application/json"})
    assert_error(response, 400, "The request body is not valid JSON.")


def test_validation_error_is_400_naming_the_fields(client: httpx.Client) -> None:
    response = client.put("/api/Product", json={"name": "no part number", "state": "active"})
    assert response.status_code == 400
    message = response.json()["Message"]
    assert "partNumber" in message
    assert "state" in message
    assert "name" not in message.replace("partNumber", "")


def test_missing_body_is_400(client: httpx.Client) -> None:
    assert_error(client.put("/api/Product"), 400, "The request is invalid. body: Field required.")


def test_missing_query_parameter_is_400_naming_it(client: httpx.Client) -> None:
    response = client.get("/api/Product", params={"partNumber": "X"})
    assert response.status_code == 400
    assert "revision" in response.json()["Message"]


def test_unhandled_error_is_500_with_a_generic_message(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # A real failure, not a mock: the vendor table disappears under the running server.
    with EmbeddedServer(make_settings(tmp_path)) as broken, httpx.Client(base_url=broken.url) as http:
        http.get("/api/Product/Vendors", headers=basic()).raise_for_status()
        with sqlite3.connect(tmp_path / "wats.db") as db:
            db.execute("DROP TABLE product_vendor")

        with caplog.at_level(logging.ERROR, logger="pywats_server"):
            response = http.get("/api/Product/Vendors", headers=basic())

        assert_error(response, 500, "An error has occurred.")
        logged = [record for record in caplog.records if record.exc_info]
        assert logged, "the traceback must be logged"
        assert "product_vendor" in str(logged[0].exc_info[1] if logged[0].exc_info else "")
        log_entry = http.get("/_control/requests", headers=basic()).json()[-1]
        assert (log_entry["path"], log_entry["status"]) == ("/api/Product/Vendors", 500)
