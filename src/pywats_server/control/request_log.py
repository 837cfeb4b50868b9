"""The request log: what the server received, for tests that check what a client sent.

Only selected, harmless headers are kept. The ``Authorization`` header (the client's token) is never read into
a record, so it can be neither listed nor leaked.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass
from typing import Any

from starlette.datastructures import Headers
from starlette.types import Scope


@dataclass
class RequestRecord:
    """One request. ``status`` is set when the answer starts; it stays ``None`` for a dropped connection."""

    method: str
    path: str
    query: str
    referer: str | None
    content_type: str | None
    accept: str | None
    user_agent: str | None
    status: int | None = None
    fault_id: str | None = None
    dropped: bool = False

    @classmethod
    def from_scope(cls, scope: Scope) -> RequestRecord:
        """Record the request line and the headers tests care about (raw path and query, as received)."""
        headers = Headers(scope=scope)
        raw_path = scope.get("raw_path")
        path = raw_path.decode("latin-1") if isinstance(raw_path, bytes) else str(scope.get("path", ""))
        return cls(
            method=str(scope.get("method", "")),
            path=path,
            query=bytes(scope.get("query_string", b"")).decode("latin-1"),
            referer=headers.get("referer"),
            content_type=headers.get("content-type"),
            accept=headers.get("accept"),
            user_agent=headers.get("user-agent"),
        )

    def to_json(self) -> dict[str, Any]:
        """The record as ``GET /_control/requests`` lists it."""
        return {
            "method": self.method,
            "path": self.path,
            "query": self.query,
            "status": self.status,
            "referer": self.referer,
            "content_type": self.content_type,
            "accept": self.accept,
            "user_agent": self.user_agent,
            "fault_id": self.fault_id,
        }


class RequestLog:
    """The last ``limit`` requests, oldest first; safe to use from the event loop and worker threads."""

    def __init__(self, limit: int) -> None:
        self._records: deque[RequestRecord] = deque(maxlen=limit)
        self._lock = threading.Lock()

    def append(self, record: RequestRecord) -> None:
        """Add a request (in arrival order; the oldest is dropped when the log is full)."""
        with self._lock:
            self._records.append(record)

    def snapshot(self) -> list[RequestRecord]:
        """The requests, oldest first."""
        with self._lock:
            return list(self._records)

    def clear(self) -> int:
        """Forget every request; return how many there were."""
        with self._lock:
            count = len(self._records)
            self._records.clear()
        return count
