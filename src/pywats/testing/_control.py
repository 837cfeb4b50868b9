"""A small client of ``pywats-server``'s control plane (reset, faults, request log)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import httpx

__all__ = ["Fault", "ServerControl"]


@dataclass
class Fault:
    """One fault rule: the next ``count`` requests matching ``method`` and ``path`` (a glob) fail.

    ``status`` answers that status with ``body``; ``drop`` breaks the connection instead;
    ``delay_s`` waits first (with no status it then answers normally). ``count <= 0`` means
    every matching request.
    """

    path: str = "*"
    method: str = "*"
    status: int | None = None
    count: int = 1
    delay_s: float = 0.0
    retry_after: str | None = None
    drop: bool = False
    body: str | None = None
    content_type: str = "application/json"


class ServerControl:
    """Reset or seed the server, inject faults and read its request log."""

    def __init__(self, url: str, token: str) -> None:
        self.url = url
        self._headers = {"Authorization": f"Basic {token}"}

    def _call(self, method: str, path: str, body: Any = None) -> Any:
        response = httpx.request(method, self.url + path, json=body, headers=self._headers, timeout=10.0)
        response.raise_for_status()
        return response.json() if response.content else None

    def reset(self) -> None:
        """Delete all data, faults and logged requests (users stay)."""
        self._call("POST", "/_control/reset")

    def seed(self, **fields: Any) -> dict[str, Any]:
        """Put the demo factory and its report history on the server; returns what was stored.

        Fields (all optional): ``seed``, ``units``, ``days``, ``end`` (ISO text; default now) and ``steps``.
        The same fields give the same reports, so seeding twice replaces instead of adding.
        """
        answer = httpx.post(self.url + "/_control/seed", json=fields, headers=self._headers, timeout=300.0)
        answer.raise_for_status()
        return dict(answer.json())

    def add_fault(self, fault: Fault | None = None, /, **fields: Any) -> str:
        """Add a fault rule (a :class:`Fault` or its fields as keywords); returns its id."""
        rule = asdict(fault) if fault is not None else asdict(Fault(**fields))
        return str(self._call("POST", "/_control/faults", rule)["id"])

    def faults(self) -> list[dict[str, Any]]:
        """The active fault rules with their remaining counts."""
        return list(self._call("GET", "/_control/faults"))

    def clear_faults(self) -> None:
        """Remove every fault rule."""
        self._call("DELETE", "/_control/faults")

    def requests(self) -> list[dict[str, Any]]:
        """Requests the server received (oldest first), without credentials."""
        return list(self._call("GET", "/_control/requests"))

    def clear_requests(self) -> None:
        """Forget the logged requests."""
        self._call("DELETE", "/_control/requests")
