"""What the CLI and the GUI use to talk to a running service's management API."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import httpx

from pywats_client.api.server import LOOPBACK

if TYPE_CHECKING:
    from pywats_client.config import LoadedConfig

__all__ = ["ManagementClient", "ManagementError", "connect"]

TIMEOUT_S = 5.0


class ManagementError(RuntimeError):
    """The management API did not answer (``status`` is None), or answered with an HTTP error."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


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
            raise ManagementError(
                f"management API: HTTP {response.status_code}: {message}", response.status_code
            )
        return data

    def status(self) -> dict[str, Any]:
        return dict(self.call("GET", "/status"))

    def stop(self) -> None:
        self.call("POST", "/stop")

    def reload(self) -> None:
        self.call("POST", "/reload")

    def queue(self, state: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """Queue entries' metadata with their ``state``, oldest first (all states unless ``state``)."""
        params: dict[str, Any] = {"limit": limit}
        if state is not None:
            params["state"] = state
        return list(self.call("GET", "/queue", params))

    def retry(self, entry_id: str) -> bool:
        """Send a parked or retrying entry back to pending; False if it is in neither state."""
        try:
            return bool(self.call("POST", f"/queue/{entry_id}/retry")["retried"])
        except ManagementError as exc:
            if exc.status == 404:
                return False
            raise

    def remove(self, entry_id: str) -> str | None:
        """Delete an entry; the state it was in, or None if there is none (or it is being uploaded)."""
        try:
            return str(self.call("DELETE", f"/queue/{entry_id}")["removed"])
        except ManagementError as exc:
            if exc.status == 404:
                return None
            raise

    def converters(self) -> list[dict[str, Any]]:
        return list(self.call("GET", "/converters"))

    def config(self) -> dict[str, Any]:
        """The running configuration, token masked."""
        return dict(self.call("GET", "/config"))

    def log(self, after: int = 0, level: str = "DEBUG", limit: int = 500) -> dict[str, Any]:
        """Log records numbered above ``after`` at ``level`` or worse: ``{"records": [...], "next": n}``."""
        return dict(self.call("GET", "/log", {"after": after, "level": level, "limit": limit}))

    def history(self, hours: float = 12, bucket_s: int = 3600) -> dict[str, Any]:
        """Uploads and failures per ``bucket_s`` over the last ``hours``, and ``uploads_today``."""
        return dict(self.call("GET", "/history", {"hours": hours, "bucket_s": bucket_s}))


def connect(loaded: LoadedConfig) -> ManagementClient | None:
    """A client for the instance's running service, or None if none runs with the management API."""
    from pywats_client.config import load_secret
    from pywats_client.service.runtime import RuntimeFiles

    info = RuntimeFiles(loaded.data_dir).read_info()
    port = info.get("api_port") if info else None
    secret = load_secret(loaded.paths)
    if not isinstance(port, int) or not secret:
        return None
    return ManagementClient(port, secret)
