"""What this client last told the server about each ticket's assignee.

The WATS server keeps a ticket's assignee but never returns it, while it rejects any save that
leaves a ticket outside OPEN without one (endpoints.md §10, §16.18). Saves are whole-ticket
writes, so a read → modify → save cycle must re-send the assignee from memory.
"""

from __future__ import annotations

import threading

__all__ = ["AssigneeMemory"]

MAX_REMEMBERED_TICKETS = 10_000


class AssigneeMemory:
    """A bounded map ticket id → assignee (the oldest entries are forgotten first)."""

    def __init__(self, limit: int = MAX_REMEMBERED_TICKETS) -> None:
        self._limit = limit
        self._assignees: dict[str, str] = {}
        self._lock = threading.Lock()

    def get(self, ticket_id: str) -> str | None:
        """The assignee last sent for this ticket, or None."""
        with self._lock:
            return self._assignees.get(ticket_id)

    def remember(self, ticket_id: str, assignee: str | None) -> None:
        """Record the assignee just saved (None: the ticket is now unassigned)."""
        with self._lock:
            self._assignees.pop(ticket_id, None)
            if assignee:
                self._assignees[ticket_id] = assignee
                while len(self._assignees) > self._limit:
                    del self._assignees[next(iter(self._assignees))]
