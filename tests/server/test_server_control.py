"""The control plane: reset, fault injection and the request log."""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

import httpx
import pytest
from server_helpers import PASSWORD, USER, token


def add_fault(client: httpx.Client, **rule: Any) -> str:
    response = client.post("/_control/faults", json=rule)
    assert response.status_code == 200, response.text
    return str(response.json()["id"])


def logged(client: httpx.Client) -> list[dict[str, Any]]:
    return list(client.get("/_control/requests").json())


# -- reset -----------------------------------------------------------------------------------------


def test_reset_deletes_domain_data_faults_and_log_but_keeps_users(client: httpx.Client) -> None:
    client.put("/api/Product", json={"partNumber": "P"}).raise_for_status()
    client.put("/api/Product/Revision", json={"partNumber": "P", "revision": "A"}).raise_for_status()
    client.put("/api/Product/Group", json={"productGroupName": "G"}).raise_for_status()
    client.put("/api/Product/Vendors", json={"name": "V"}).raise_for_status()
    add_fault(client, path="/nothing/matches/this", status=500)

    response = client.post("/_control/reset")

    assert response.json() == {"reset": True}
    assert client.get("/api/Product/Query").json() == []
    assert client.get("/api/Product/Groups").json() == []
    assert client.get("/api/Product/Vendors").json() == []
    assert client.get("/_control/faults").json() == []
    assert [entry["path"] for entry in logged(client)] == [
        "/api/Product/Query",
        "/api/Product/Groups",
        "/api/Product/Vendors",
    ]
    # The user still authenticates, and numbering starts over.
    assert client.put("/api/Product/Group", json={"productGroupName": "G"}).json()["productGroupId"] == 1


# -- faults ----------------------------------------------------------------------------------------


def test_status_fault_applies_count_times_then_the_real_handler_answers(client: httpx.Client) -> None:
    rule_id = add_fault(client, method="GET", path="/api/App/*", status=503, count=2)

    first, second, third = (client.get("/api/App/Version") for _ in range(3))

    assert (first.status_code, second.status_code, third.status_code) == (503, 503, 200)
    assert first.json() == {"Message": "Injected fault 503"}
    assert first.headers["content-type"] == "application/json"
    assert third.json() == "25.3.0"
    assert [entry["fault_id"] for entry in logged(client)] == [rule_id, rule_id, None]


def test_fault_only_matches_its_method_and_path(client: httpx.Client) -> None:
    add_fault(client, method="PUT", path="/api/product", status=500, count=0)

    assert client.get("/api/App/Version").status_code == 200
    assert client.get("/api/Product/Query").status_code == 200
    assert client.put("/api/Product/Products", json=[]).status_code == 200
    assert client.put("/API/PRODUCT", json={"partNumber": "X"}).status_code == 500  # case-insensitive glob
    assert client.put("/api/Product", json={"partNumber": "X"}).status_code == 500
    assert client.get("/api/Product/Query").json() == []  # the handler never ran


def test_fault_path_is_matched_against_the_decoded_path(client: httpx.Client) -> None:
    add_fault(client, path="/api/Product/A/B", status=409)
    assert client.get("/api/Product/A%2FB").status_code == 409


def test_rules_are_consumed_in_creation_order_and_listed_with_remaining_counts(client: httpx.Client) -> None:
    first = add_fault(client, path="/api/App/Version", status=500, count=1)
    second = add_fault(client, path="*", status=502, count=0)

    assert [rule["id"] for rule in client.get("/_control/faults").json()] == [first, second]
    assert client.get("/api/App/Version").status_code == 500
    assert client.get("/api/App/Version").status_code == 502

    rules = client.get("/_control/faults").json()
    assert [(rule["id"], rule["count"], rule["status"]) for rule in rules] == [(second, None, 502)]
    assert all(client.get("/api/Product/Query").status_code == 502 for _ in range(3))  # unlimited

    assert client.delete("/_control/faults").json() == {"deleted": 1}
    assert client.get("/api/App/Version").status_code == 200


def test_retry_after_header(client: httpx.Client) -> None:
    add_fault(client, status=429, retry_after="7", body='{"Message": "slow down"}')

    response = client.get("/api/App/Version")

    assert response.status_code == 429
    assert response.headers["retry-after"] == "7"
    assert response.json() == {"Message": "slow down"}


def test_empty_body_with_200(client: httpx.Client) -> None:
    add_fault(client, path="/api/Product/*", status=200, body="")

    response = client.get("/api/Product/ANY")

    assert response.status_code == 200
    assert response.content == b""


def test_html_body_with_its_content_type(client: httpx.Client) -> None:
    html = "<html><body><h1>502 Bad Gateway</h1></body></html>"
    add_fault(client, status=502, body=html, content_type="text/html; charset=utf-8")

    response = client.get("/api/App/Version")

    assert response.status_code == 502
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.text == html


def test_delay_without_status_passes_through_to_the_handler(client: httpx.Client) -> None:
    add_fault(client, path="/api/App/Version", delay_s=0.4)

    started = time.perf_counter()
    response = client.get("/api/App/Version")
    elapsed = time.perf_counter() - started

    assert response.status_code == 200
    assert response.json() == "25.3.0"
    assert elapsed >= 0.4


def test_delay_with_status(client: httpx.Client) -> None:
    add_fault(client, delay_s=0.2, status=504)
    started = time.perf_counter()
    assert client.get("/api/App/Version").status_code == 504
    assert time.perf_counter() - started >= 0.2


def test_a_delayed_request_does_not_block_other_requests(client: httpx.Client) -> None:
    add_fault(client, path="/api/App/Version", delay_s=1.0)
    slow_done = threading.Event()

    def slow() -> None:
        with httpx.Client(base_url=str(client.base_url), headers=client.headers, timeout=10.0) as other:
            other.get("/api/App/Version")
        slow_done.set()

    worker = threading.Thread(target=slow)
    worker.start()
    time.sleep(0.2)  # let the slow request reach its delay
    started = time.perf_counter()
    assert client.get("/api/Product/Query").status_code == 200
    fast_elapsed = time.perf_counter() - started
    worker.join(10)

    assert slow_done.is_set()
    assert fast_elapsed < 0.75


def test_drop_is_a_transport_error_not_a_status(
    client: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    rule_id = add_fault(client, method="GET", path="/api/Product/Query", drop=True)

    with caplog.at_level(logging.WARNING), pytest.raises(httpx.TransportError):
        client.get("/api/Product/Query")

    assert client.get("/api/Product/Query").status_code == 200  # one use only; the server is fine
    entries = logged(client)
    assert (entries[0]["fault_id"], entries[0]["status"]) == (rule_id, None)
    assert not [record for record in caplog.records if "ASGI callable" in record.getMessage()]


def test_dropped_put_is_not_processed(client: httpx.Client) -> None:
    add_fault(client, method="PUT", drop=True)
    with pytest.raises(httpx.TransportError):
        client.put("/api/Product", json={"partNumber": "LOST"})
    assert client.get("/api/Product/Query").json() == []


def test_faults_never_apply_to_the_control_plane(client: httpx.Client) -> None:
    add_fault(client, path="*", status=500, count=0)
    add_fault(client, path="/_control/*", drop=True, count=0)

    assert client.get("/_control/faults").status_code == 200
    assert client.get("/_control/requests").status_code == 200
    assert client.post("/_CONTROL/reset").json() == {"reset": True}
    assert client.get("/api/App/Version").status_code == 200  # reset removed the rules


@pytest.mark.parametrize(
    "rule",
    [
        {"status": 99},
        {"status": 600},
        {"status": "teapot"},
        {"delay_s": -1},
        {"method": "GET POST"},
        {"statuscode": 500},  # misspelt option
    ],
)
def test_invalid_fault_rules_are_400(client: httpx.Client, rule: dict[str, Any]) -> None:
    response = client.post("/_control/faults", json=rule)
    assert response.status_code == 400
    assert "Message" in response.json()
    assert client.get("/_control/faults").json() == []


def test_delete_one_fault_rule(client: httpx.Client) -> None:
    keep = add_fault(client, path="/keep", status=500)
    drop = add_fault(client, path="/drop", status=500)

    assert client.delete(f"/_control/faults/{drop}").json() == {"deleted": 1}
    assert client.delete(f"/_control/faults/{drop}").status_code == 404
    assert [rule["id"] for rule in client.get("/_control/faults").json()] == [keep]


# -- request log -----------------------------------------------------------------------------------


def test_request_log_records_requests_oldest_first_without_credentials(
    client: httpx.Client, anonymous: httpx.Client
) -> None:
    client.get(
        "/api/Product/A%2FB",
        params={"x": "1 2"},
        headers={
            "Referer": "https://wats.example.com",
            "Accept": "application/json",
            "User-Agent": "probe/1",
        },
    )
    client.put("/api/Product", json={"partNumber": "P"})
    anonymous.get("/api/App/Version")

    entries = logged(client)

    assert entries[0] == {
        "method": "GET",
        "path": "/api/Product/A%2FB",
        "query": "x=1+2",
        "status": 404,
        "referer": "https://wats.example.com",
        "content_type": None,
        "accept": "application/json",
        "user_agent": "probe/1",
        "fault_id": None,
    }
    assert [(e["method"], e["path"], e["status"]) for e in entries] == [
        ("GET", "/api/Product/A%2FB", 404),
        ("PUT", "/api/Product", 200),
        ("GET", "/api/App/Version", 401),
    ]
    assert entries[1]["content_type"] == "application/json"
    raw = client.get("/_control/requests").text
    assert token(USER, PASSWORD) not in raw
    assert "authorization" not in raw.lower()
    assert "Basic" not in raw


def test_control_requests_are_not_logged_and_the_log_can_be_cleared(client: httpx.Client) -> None:
    client.get("/api/App/Version")
    client.get("/_control/faults")

    assert [entry["path"] for entry in logged(client)] == ["/api/App/Version"]
    assert client.delete("/_control/requests").json() == {"deleted": 1}
    assert logged(client) == []
