"""Root-cause tickets through both clients against the local server (endpoints.md §10)."""

from __future__ import annotations

import uuid

import pytest
from twins import Twin, twin_fixture  # noqa: F401

from pywats import (
    ErrorMode,
    NotFoundError,
    Ticket,
    TicketPriority,
    TicketStatus,
    TicketUpdateType,
    TicketView,
    ValidationError,
)


def _requests(t: Twin, method: str, path_part: str) -> list[dict[str, object]]:
    return [r for r in t.control.requests() if r["method"] == method and path_part in str(r["path"])]


def test_create_and_read_a_ticket(twin: Twin) -> None:
    report = uuid.uuid4()
    ticket = twin.run(
        twin.api.rootcause.create_ticket(
            "Solder bridge on U12",
            TicketPriority.HIGH,
            assignee="tester",
            team="SMT",
            report_uuid=report,
            initial_comment="Seen on 3 boards",
            tags={"line": "A"},
        )
    )
    assert isinstance(ticket, Ticket)
    assert ticket.ticket_id is not None and ticket.ticket_number is not None
    assert ticket.status is TicketStatus.OPEN
    assert ticket.priority is TicketPriority.HIGH
    assert ticket.owner == "tester"
    assert ticket.report_uuid == report
    assert ticket.assignee == "tester"  # not sent by the server: remembered by the client
    assert [(h.content, h.update_type) for h in ticket.history] == [
        ("Seen on 3 boards", TicketUpdateType.CONTENT)
    ]

    fetched = twin.run(twin.api.rootcause.get_ticket(str(ticket.ticket_id)))
    assert fetched.subject == "Solder bridge on U12"
    assert fetched.assignee == "tester"
    assert [(t.key, t.value) for t in fetched.tags] == [("line", "A")]

    other_client = twin.make()  # a client that never saw the assignee
    assert twin.run(other_client.rootcause.get_ticket(ticket.ticket_id)).assignee is None


def test_missing_ticket_strict_and_lenient(twin: Twin) -> None:
    missing = uuid.uuid4()
    with pytest.raises(NotFoundError) as info:
        twin.run(twin.api.rootcause.get_ticket(missing))
    assert info.value.resource_type == "Ticket"
    assert info.value.identifier == str(missing)
    lenient = twin.make(error_mode=ErrorMode.LENIENT)
    assert twin.run(lenient.rootcause.get_ticket(missing)) is None
    with pytest.raises(ValidationError) as changing:
        twin.run(lenient.rootcause.add_comment(missing, "hello"))
    assert changing.value.field == "ticket_id"


def test_status_changes_follow_the_assignee_rule(twin: Twin) -> None:
    rc = twin.api.rootcause
    ticket = twin.run(rc.create_ticket("Cold joint J2"))
    assert ticket.assignee is None

    # No assignee known: refused before anything is sent.
    twin.control.clear_requests()
    with pytest.raises(ValidationError) as info:
        twin.run(rc.change_status(ticket.ticket_id, TicketStatus.IN_PROGRESS))
    assert info.value.field == "assignee"
    assert _requests(twin, "PUT", "/RootCause/Ticket") == []

    moved = twin.run(rc.change_status(ticket.ticket_id, TicketStatus.IN_PROGRESS, assignee="tester"))
    assert moved.status is TicketStatus.IN_PROGRESS and moved.assignee == "tester"
    # Remembered from now on: a comment keeps the assignee, so the server accepts it.
    commented = twin.run(rc.add_comment(ticket.ticket_id, "Reworked, retesting"))
    assert commented.history[-1].content == "Reworked, retesting"
    assert commented.status is TicketStatus.IN_PROGRESS

    # Deliberately unassigning an In-progress ticket: the server refuses it.
    fetched = twin.run(rc.get_ticket(ticket.ticket_id))
    fetched.assignee = None
    with pytest.raises(ValidationError) as refused:
        twin.run(rc.update_ticket(fetched))
    assert refused.value.details["status_code"] == 400
    assert "assignee" in refused.value.message

    solved = twin.run(rc.change_status(ticket.ticket_id, TicketStatus.SOLVED))
    assert solved.status is TicketStatus.SOLVED
    properties = [h.content for h in solved.history if h.update_type is TicketUpdateType.PROPERTIES]
    assert any("In progress → Solved" in (text or "") for text in properties)


def test_assign_and_update_a_ticket(twin: Twin) -> None:
    rc = twin.api.rootcause
    ticket = twin.run(rc.create_ticket("Scratch on housing", TicketPriority.LOW))
    assigned = twin.run(rc.assign_ticket(str(ticket.ticket_id), "tester"))
    assert assigned.assignee == "tester"
    assert "assignee: — → tester" in (assigned.history[-1].content or "")

    assigned.subject = "Deep scratch on housing"
    assigned.progress = "Supplier informed"
    assigned.status = TicketStatus.ON_HOLD
    saved = twin.run(rc.update_ticket(assigned))
    assert (saved.subject, saved.progress, saved.status) == (
        "Deep scratch on housing",
        "Supplier informed",
        TicketStatus.ON_HOLD,
    )
    assert saved.history[-1].update_type is TicketUpdateType.PROGRESS


def test_listing_by_status_view_and_search(twin: Twin) -> None:
    rc = twin.api.rootcause
    mine = twin.run(rc.create_ticket("Tombstoning C5", assignee="tester"))
    busy = twin.run(rc.create_ticket("Cold joint J2", assignee="tester", tags={"board": "PSU-7"}))
    nobody = twin.run(rc.create_ticket("Scratch on housing"))
    twin.run(rc.change_status(busy.ticket_id, TicketStatus.IN_PROGRESS))

    def numbers(tickets: list[Ticket]) -> list[int | None]:
        return [t.ticket_number for t in tickets]

    assert numbers(twin.run(rc.get_tickets())) == [mine.ticket_number]
    assert numbers(twin.run(rc.get_open_tickets(TicketView.ALL))) == [
        mine.ticket_number,
        nobody.ticket_number,
    ]
    assert numbers(twin.run(rc.get_active_tickets())) == [mine.ticket_number, busy.ticket_number]
    assert numbers(
        twin.run(rc.get_tickets(TicketStatus.OPEN | TicketStatus.IN_PROGRESS, TicketView.ALL, "psu-7"))
    ) == [busy.ticket_number]
    assert numbers(twin.run(rc.get_tickets(63, 1))) == [t.ticket_number for t in (mine, busy, nobody)]
    listed = twin.run(rc.get_tickets(TicketStatus.IN_PROGRESS, TicketView.ALL))
    assert listed[0].assignee == "tester"  # filled in from memory for lists too
    query = _requests(twin, "GET", "/RootCause/Tickets")[-1]["query"]
    assert "status=2" in str(query) and "view=2" in str(query)


def test_archive(twin: Twin) -> None:
    rc = twin.api.rootcause
    done = twin.run(rc.create_ticket("Done", assignee="tester"))
    open_one = twin.run(rc.create_ticket("Still open"))
    twin.run(rc.change_status(done.ticket_id, TicketStatus.SOLVED))

    with pytest.raises(ValidationError) as info:
        twin.run(rc.archive_tickets([done.ticket_id, open_one.ticket_id]))
    assert "only Solved or Closed" in info.value.message
    assert twin.run(rc.archive_tickets([str(done.ticket_id)])) is None
    assert twin.run(rc.get_ticket(done.ticket_id)).status is TicketStatus.ARCHIVED
    assert twin.run(rc.get_tickets(TicketStatus.ARCHIVED, TicketView.ALL))[0].ticket_id == done.ticket_id
    with pytest.raises(NotFoundError):
        twin.run(rc.archive_tickets([uuid.uuid4()]))
    twin.control.clear_requests()
    assert twin.run(rc.archive_tickets([])) is None
    assert twin.control.requests() == []


BAD_ARGUMENTS = [
    (lambda rc: rc.create_ticket(""), "subject"),
    (lambda rc: rc.create_ticket("x", 5), "priority"),
    (lambda rc: rc.create_ticket("x", report_uuid="not-a-guid"), "report_uuid"),
    (lambda rc: rc.create_ticket("x", assignee=" "), "assignee"),
    (lambda rc: rc.get_ticket("12"), "ticket_id"),
    (lambda rc: rc.get_tickets(0), "status"),
    (lambda rc: rc.get_tickets(TicketStatus.OPEN, 9), "view"),
    (lambda rc: rc.get_tickets(TicketStatus.OPEN, TicketView.ALL, 42), "search_string"),
    (lambda rc: rc.change_status(uuid.uuid4(), TicketStatus.OPEN | TicketStatus.SOLVED), "status"),
    (lambda rc: rc.assign_ticket(uuid.uuid4(), ""), "assignee"),
    (lambda rc: rc.add_comment(uuid.uuid4(), "  "), "comment"),
    (lambda rc: rc.update_ticket({"subject": "x"}), "ticket"),
    (lambda rc: rc.update_ticket(Ticket(subject="x")), "ticket.ticket_id"),
    (lambda rc: rc.archive_tickets("abc"), "ticket_ids"),
    (lambda rc: rc.archive_tickets(["abc"]), "ticket_ids"),
]


def test_bad_arguments_fail_before_sending(twin: Twin) -> None:
    """Each call raises ValidationError naming the field, and nothing reaches the server."""
    twin.control.clear_requests()
    for call, field in BAD_ARGUMENTS:
        with pytest.raises(ValidationError) as info:
            twin.run(call(twin.api.rootcause))
        assert info.value.field == field, (field, info.value)
    assert twin.control.requests() == []
