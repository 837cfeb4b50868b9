"""RootCause tickets on the wire: create, read, list, save rules, archive (endpoints.md §10)."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from server_helpers import SECOND_USER, USER, basic

from pywats_server import EmbeddedServer


def create(client: httpx.Client, **body: Any) -> dict[str, Any]:
    body.setdefault("subject", "Solder bridge on U12")
    response = client.post("/api/RootCause/Ticket", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def save(client: httpx.Client, body: dict[str, Any]) -> httpx.Response:
    return client.put("/api/RootCause/Ticket", json=body)


def test_create_answers_the_ticket_with_id_number_owner_and_first_comment(client: httpx.Client) -> None:
    ticket = create(
        client,
        priority=2,
        team="SMT",
        update={"content": "Seen on 3 boards"},
        tags=[{"key": "line", "value": "A"}],
    )

    assert uuid.UUID(ticket["ticketId"])
    assert ticket["ticketNumber"] >= 1
    assert ticket["status"] == 1
    assert ticket["priority"] == 2
    assert ticket["owner"] == USER
    assert ticket["team"] == "SMT"
    assert ticket["tags"] == [{"key": "line", "value": "A"}]
    assert [(h["content"], h["updateType"], h["updateUser"]) for h in ticket["history"]] == [
        ("Seen on 3 boards", 0, USER)
    ]
    assert "assignee" not in ticket  # WATS never returns it (endpoints.md §16.18)
    assert "update" not in ticket


def test_ticket_numbers_increase(client: httpx.Client) -> None:
    first, second = create(client), create(client)
    assert second["ticketNumber"] == first["ticketNumber"] + 1


def test_get_returns_the_stored_ticket_and_404_for_an_unknown_id(client: httpx.Client) -> None:
    ticket = create(client, assignee=SECOND_USER)
    fetched = client.get("/api/RootCause/Ticket", params={"ticketId": ticket["ticketId"]})
    assert fetched.status_code == 200
    assert fetched.json() == ticket

    missing = client.get("/api/RootCause/Ticket", params={"ticketId": str(uuid.uuid4())})
    assert missing.status_code == 404
    assert "not found" in missing.json()["Message"]


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"subject": "  "}, "subject"),
        ({"subject": "x", "priority": 7}, "priority"),
        ({"subject": "x", "status": 3}, "status"),
        ({"subject": "x", "status": 32}, "ArchiveTickets"),
        ({"subject": "x", "status": 2}, "assignee"),
    ],
)
def test_create_rejects_bad_tickets(client: httpx.Client, body: dict[str, Any], fragment: str) -> None:
    response = client.post("/api/RootCause/Ticket", json=body)
    assert response.status_code == 400
    assert fragment in response.json()["Message"]


def test_a_ticket_without_assignee_can_only_be_open(client: httpx.Client) -> None:
    ticket = create(client)
    refused = save(client, {"ticketId": ticket["ticketId"], "status": 2})
    assert refused.status_code == 400
    assert "assignee" in refused.json()["Message"]

    accepted = save(client, {"ticketId": ticket["ticketId"], "status": 2, "assignee": SECOND_USER})
    assert accepted.status_code == 200
    assert accepted.json()["status"] == 2

    # Saving again without re-sending the assignee would unassign an In-progress ticket: refused.
    comment_only = save(client, {"ticketId": ticket["ticketId"], "update": {"content": "more"}})
    assert comment_only.status_code == 400
    stored = client.get("/api/RootCause/Ticket", params={"ticketId": ticket["ticketId"]}).json()
    assert stored["status"] == 2 and len(stored["history"]) == 1  # nothing of the refused save remains


def test_save_records_changes_progress_and_comments_in_the_history(client: httpx.Client) -> None:
    ticket = create(client)
    body = {
        "ticketId": ticket["ticketId"],
        "status": 2,
        "assignee": SECOND_USER,
        "priority": 2,
        "progress": "Reflow profile checked",
        "update": {"content": "Taking this"},
    }
    saved = save(client, body).json()
    kinds = [(h["updateType"], h["content"]) for h in saved["history"]]
    assert (
        kinds[0][0] == 2
        and "status: Open → In progress" in kinds[0][1]
        and "assignee: — → operator" in kinds[0][1]
    )
    assert "priority: Medium → High" in kinds[0][1]
    assert kinds[1:] == [(1, "Reflow profile checked"), (0, "Taking this")]
    assert saved["progress"] == "Reflow profile checked"
    assert saved["updatedUtc"] >= ticket["updatedUtc"]
    # Members not sent keep their values.
    again = save(client, {"ticketId": ticket["ticketId"], "assignee": SECOND_USER}).json()
    assert (again["subject"], again["priority"], again["status"]) == (ticket["subject"], 2, 2)
    assert len(again["history"]) == 3


def test_save_errors(client: httpx.Client) -> None:
    assert save(client, {"subject": "no id"}).status_code == 400
    assert save(client, {"ticketId": str(uuid.uuid4())}).status_code == 404
    ticket = create(client)
    assert save(client, {"ticketId": ticket["ticketId"], "subject": " "}).status_code == 400
    assert save(client, {"ticketId": ticket["ticketId"], "status": 64}).status_code == 400
    unknown_file = {
        "ticketId": ticket["ticketId"],
        "update": {"content": "x", "attachments": [{"attachmentId": str(uuid.uuid4())}]},
    }
    response = save(client, unknown_file)
    assert response.status_code == 400 and "upload it first" in response.json()["Message"]


def _solve(client: httpx.Client, ticket: dict[str, Any]) -> None:
    assert save(client, {"ticketId": ticket["ticketId"], "status": 8, "assignee": USER}).status_code == 200


def test_archive_only_solved_or_closed_tickets_all_or_none(client: httpx.Client) -> None:
    solved, still_open = create(client), create(client)
    _solve(client, solved)

    refused = client.post("/api/RootCause/ArchiveTickets", json=[solved["ticketId"], still_open["ticketId"]])
    assert refused.status_code == 400
    assert f"#{still_open['ticketNumber']}" in refused.json()["Message"]
    assert client.get("/api/RootCause/Ticket", params={"ticketId": solved["ticketId"]}).json()["status"] == 8

    assert client.post("/api/RootCause/ArchiveTickets", json=[solved["ticketId"]]).status_code == 204
    archived = client.get("/api/RootCause/Ticket", params={"ticketId": solved["ticketId"]}).json()
    assert archived["status"] == 32
    locked = save(client, {"ticketId": solved["ticketId"], "assignee": USER, "update": {"content": "late"}})
    assert locked.status_code == 409

    assert client.post("/api/RootCause/ArchiveTickets", json=[str(uuid.uuid4())]).status_code == 404
    assert client.post("/api/RootCause/ArchiveTickets", json=["not-a-guid"]).status_code == 400


def test_list_by_status_view_and_search(client: httpx.Client, server: EmbeddedServer) -> None:
    mine = create(client, subject="Tombstoning C5", assignee=USER)
    theirs = create(
        client, subject="Cold joint J2", assignee=SECOND_USER, tags=[{"key": "board", "value": "PSU-7"}]
    )
    unassigned = create(client, subject="Scratch on housing")
    save(client, {"ticketId": theirs["ticketId"], "status": 2, "assignee": SECOND_USER})

    def numbers(user: str = USER, **params: Any) -> list[int]:
        response = httpx.get(
            server.url + "/api/RootCause/Tickets", params=params, headers=basic(*_creds(user))
        )
        assert response.status_code == 200, response.text
        return [t["ticketNumber"] for t in response.json()]

    assert numbers(status=1, view=0) == [mine["ticketNumber"]]
    assert numbers(status=3, view=2) == [
        mine["ticketNumber"],
        theirs["ticketNumber"],
        unassigned["ticketNumber"],
    ]
    assert numbers(status=2, view=2) == [theirs["ticketNumber"]]
    assert numbers(SECOND_USER, status=3, view=0) == [theirs["ticketNumber"]]
    # Following: created by the caller (all three were created by USER).
    assert numbers(SECOND_USER, status=63, view=1) == [theirs["ticketNumber"]]
    assert numbers(status=63, view=1) == [
        mine["ticketNumber"],
        theirs["ticketNumber"],
        unassigned["ticketNumber"],
    ]
    assert numbers(status=63, view=2, searchString="psu-7") == [theirs["ticketNumber"]]
    assert numbers(status=63, view=2, searchString="TOMBSTONING") == [mine["ticketNumber"]]


def _creds(user: str) -> tuple[str, str]:
    from server_helpers import PASSWORD, SECOND_PASSWORD

    return (user, PASSWORD if user == USER else SECOND_PASSWORD)


@pytest.mark.parametrize(
    "params", [{"status": 0, "view": 2}, {"status": 64, "view": 2}, {"status": 1, "view": 3}, {"status": 1}]
)
def test_list_rejects_bad_filters(client: httpx.Client, params: dict[str, int]) -> None:
    assert client.get("/api/RootCause/Tickets", params=params).status_code == 400
