"""The ticket rules of the WATS server, as pure functions (endpoints.md §10, §15.5, §16.18).

* A ticket is in exactly one status: Open 1, In progress 2, On hold 4, Solved 8, Closed 16,
  Archived 32. Queries may OR several together.
* A ticket without an assignee may only be Open. Saves are whole-ticket writes and the server
  never returns the assignee, so every save that keeps a ticket out of Open must re-send it.
* Archived is reached only through ``ArchiveTickets``, only from Solved or Closed, and an archived
  ticket cannot be changed any more.
"""

from __future__ import annotations

from pywats_server.errors import BadRequest, Conflict

OPEN, IN_PROGRESS, ON_HOLD, SOLVED, CLOSED, ARCHIVED = 1, 2, 4, 8, 16, 32
STATUS_NAMES = {
    OPEN: "Open",
    IN_PROGRESS: "In progress",
    ON_HOLD: "On hold",
    SOLVED: "Solved",
    CLOSED: "Closed",
    ARCHIVED: "Archived",
}
ALL_STATUSES = sum(STATUS_NAMES)
ARCHIVABLE = (SOLVED, CLOSED)
PRIORITIES = {0: "Low", 1: "Medium", 2: "High"}
DEFAULT_PRIORITY = 1
VIEW_ASSIGNED, VIEW_FOLLOWING, VIEW_ALL = 0, 1, 2
UPDATE_CONTENT, UPDATE_PROGRESS, UPDATE_PROPERTIES = 0, 1, 2
UPDATE_TYPES = (0, 1, 2, 3)


def check_priority(priority: int) -> int:
    """``priority`` if it is Low (0), Medium (1) or High (2)."""
    if priority not in PRIORITIES:
        raise BadRequest(f"priority must be 0 (Low), 1 (Medium) or 2 (High), not {priority}.")
    return priority


def check_new_status(status: int) -> int:
    """A status a client may set: exactly one known status, and not Archived."""
    if status not in STATUS_NAMES:
        raise BadRequest(f"status must be one of {sorted(STATUS_NAMES)}, not {status}.")
    if status == ARCHIVED:
        raise BadRequest(
            "A ticket is archived with POST /api/RootCause/ArchiveTickets, not by setting status 32."
        )
    return status


def check_assignee(status: int, assignee: str | None) -> None:
    """The assignee rule: only an Open ticket may be without an assignee."""
    if status != OPEN and not assignee:
        raise BadRequest(
            f"A ticket without an assignee can only be Open; status {STATUS_NAMES.get(status, status)} "
            "needs an assignee (send it with every update)."
        )


def check_changeable(ticket_number: int, status: int) -> None:
    """An archived ticket is read-only."""
    if status == ARCHIVED:
        raise Conflict(f"Ticket #{ticket_number} is archived and cannot be changed.")


def check_archivable(ticket_number: int, status: int) -> None:
    """Only Solved or Closed tickets can be archived."""
    if status not in ARCHIVABLE:
        raise BadRequest(
            f"Ticket #{ticket_number} is {STATUS_NAMES.get(status, status)}; only Solved or Closed "
            "tickets can be archived."
        )


def check_status_filter(status: int) -> int:
    """A query's status: one or more status flags OR-ed together."""
    if status <= 0 or status & ~ALL_STATUSES:
        raise BadRequest(f"status must combine the flags 1–32 (1 to {ALL_STATUSES}), not {status}.")
    return status


def check_view(view: int) -> int:
    """0 assigned to me, 1 following, 2 all."""
    if view not in (VIEW_ASSIGNED, VIEW_FOLLOWING, VIEW_ALL):
        raise BadRequest(f"view must be 0 (assigned), 1 (following) or 2 (all), not {view}.")
    return view


def describe_changes(before: dict[str, object], after: dict[str, object]) -> str | None:
    """The history text of changed properties (``status: Open → Solved; …``), or None."""
    parts = [
        f"{key}: {_show(key, old)} → {_show(key, after.get(key))}"
        for key, old in before.items()
        if after.get(key) != old
    ]
    return "; ".join(parts) or None


def _show(key: str, value: object) -> str:
    if value is None or value == "":
        return "—"
    if key == "status" and isinstance(value, int):
        return STATUS_NAMES.get(value, str(value))
    if key == "priority" and isinstance(value, int):
        return PRIORITIES.get(value, str(value))
    return str(value)


def matches_search(search: str, subject: str, tags: list[dict[str, object]]) -> bool:
    """Whether ``search`` occurs (ignoring case) in the subject, a tag key or a tag value."""
    needle = search.casefold()
    haystack = [subject, *(str(t.get("key") or "") for t in tags), *(str(t.get("value") or "") for t in tags)]
    return any(needle in text.casefold() for text in haystack)
