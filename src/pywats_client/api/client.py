"""What the CLI uses to talk to a running service's management API."""

from __future__ import annotations

from typing import Any

import httpx

from pywats_client.api.server import LOOPBACK

__all__ = ["ManagementClient", "ManagementError"]

TIMEOUT_S = 5.0


class ManagementError(RuntimeError):
    """The management API did not answer, or answered with an error."""


class ManagementClient:
    """Calls to ``http://127.0.0.1:<port>/api/...`` with the instance's secret."""

    def __init__(self, port: int, secret: str) -> None:
        self.base = f"http://{LOOPBACK}:{port}/api"
        self._headers = {"Authorization": f"Bearer {secret}"}

    def call(self, method: str, path: str, params: dict[str, Any] | None = None) -> Any:
        try:
            response = httpx.request(
                method,
                self.base + path,
                params=params,
                headers=self._headers,
                timeout=TIMEOUT_S,
                trust_env=False,
            )
        except httpx.HTTPError as exc:
            raise ManagementError(f"the service's management API did not answer: {exc}") from exc
        try:
            data = response.json()
        except ValueError:
            data = None
        if response.status_code >= 400:
            message = data.get("error") if isinstance(data, dict) else response.text[:200]
            raise ManagementError(f"management API: HTTP {response.status_code}: {message}")
        return data

    def status(self) -> dict[str, Any]:
        return dict(self.call("GET", "/status"))

    def stop(self) -> None:
        self.call("POST", "/stop")

    def reload(self) -> None:
        self.call("POST", "/reload")
