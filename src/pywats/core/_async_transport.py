"""The asynchronous transport: one send → retry → map-errors loop over an httpx client.

This file is the source of truth; ``_sync_transport.py`` is generated from it by
``tools/gen_sync.py`` and must not be edited by hand.
"""
# sync-docstring: The synchronous transport: one send → retry → map-errors loop over an httpx client.

from __future__ import annotations

import logging
from asyncio import sleep
from typing import Any

import httpx

from pywats.core._http import decode_body, error_from_status
from pywats.core.config import MAX_CONNECTIONS, MAX_KEEPALIVE_CONNECTIONS, ClientConfig
from pywats.core.exceptions import (
    ConnectionError,
    EmptyResponseError,
    ErrorMode,
    NotFoundError,
    PyWATSError,
    TimeoutError,
)
from pywats.core.retry import Failure, retry_delay, should_retry

__all__ = ["AsyncTransport"]

logger = logging.getLogger("pywats.http_client")

_JSON_HEADERS = {"Content-Type": "application/json"}


class AsyncTransport:
    """Sends requests to one WATS server, retrying transient failures and raising typed errors."""

    def __init__(self, config: ClientConfig, http_client: httpx.AsyncClient | None = None) -> None:
        self.config = config
        self._base = config.base_url
        auth = {"Authorization": f"Basic {config.token}", "Accept": "application/json"}
        self._owns_client = http_client is None
        if http_client is None:
            self._client = httpx.AsyncClient(
                http2=True,
                timeout=httpx.Timeout(config.timeout),
                limits=httpx.Limits(
                    max_connections=MAX_CONNECTIONS, max_keepalive_connections=MAX_KEEPALIVE_CONNECTIONS
                ),
                verify=config.verify,
                headers=auth,
                follow_redirects=True,
            )
            self._auth_headers: dict[str, str] | None = None
        else:
            # A caller's client (proxy, mTLS, custom CA) is used as given; credentials travel per request.
            self._client = http_client
            self._auth_headers = auth
        self._internal_headers = {**(self._auth_headers or {}), "Referer": self._base}

    @property
    def http_client(self) -> httpx.AsyncClient:
        """The underlying httpx client."""
        return self._client

    async def close(self) -> None:
        """Close the connection pool (a caller's own client is left open)."""
        if self._owns_client:
            await self._client.aclose()

    async def request(
        self,
        method: str,
        path: str,
        *,
        operation: str,
        params: dict[str, Any] | None = None,
        json_body: bytes | None = None,
        body: bytes | None = None,
        content_type: str | None = None,
        files: dict[str, tuple[str, bytes, str]] | None = None,
        internal: bool = False,
        resource: tuple[str, str] | None = None,
        expect_data: bool = False,
        raw: bool = False,
    ) -> Any:
        """Send one request and return its parsed JSON body (None for an empty body).

        The request body is ``json_body`` (encoded JSON), ``body`` with ``content_type`` (XML,
        zip, octet-stream…) or ``files`` (multipart: field → (filename, bytes, content type)).
        ``raw=True`` returns the response body as bytes instead of parsing JSON.

        ``resource`` (type, identifier) marks a lookup: a 404 becomes :class:`NotFoundError`
        naming it, or ``None`` in LENIENT mode. ``expect_data`` makes an empty 2xx body an
        :class:`EmptyResponseError` in STRICT mode (``None`` in LENIENT mode).
        """
        url = self._base + path
        headers = self._internal_headers if internal else self._auth_headers
        if json_body is not None:
            headers = {**(headers or {}), **_JSON_HEADERS}
        elif body is not None:
            json_body = body
            headers = {**(headers or {}), "Content-Type": content_type or "application/octet-stream"}
        if params:
            params = {k: _query_value(v) for k, v in params.items() if v is not None}
        retry = self.config.retry
        logger.info("%s %s", method, url)
        attempt = 0
        while True:
            attempt += 1
            try:
                response = await self._client.request(
                    method, url, params=params, content=json_body, files=files, headers=headers
                )
                content = response.content
            except httpx.TimeoutException as exc:
                outcome: int | Failure = Failure.TIMEOUT
                error: PyWATSError = TimeoutError(
                    f"{method} {path} got no answer within {self.config.timeout:g} s",
                    operation=operation,
                    details={"method": method, "path": path, "timeout_s": self.config.timeout},
                    cause=exc,
                )
                retry_headers: httpx.Headers | None = None
            except httpx.TransportError as exc:
                outcome = Failure.CONNECTION
                error = ConnectionError(
                    f"Could not reach the WATS server at {self._base}: {type(exc).__name__}: {exc}",
                    operation=operation,
                    details={"method": method, "path": path},
                    cause=exc,
                )
                retry_headers = None
            except httpx.HTTPError as exc:
                # Redirect loops, undecodable bodies: not transient, never retried.
                raise ConnectionError(
                    f"{method} {path} failed: {type(exc).__name__}: {exc}",
                    operation=operation,
                    details={"method": method, "path": path},
                    cause=exc,
                ) from exc
            else:
                status = response.status_code
                if status < 300:
                    logger.debug("Response: %d %s (%d bytes)", status, response.reason_phrase, len(content))
                    if raw:
                        data: Any = content or None
                    else:
                        data = decode_body(
                            content, response.headers.get("content-type"), status, operation=operation
                        )
                    if expect_data and (data is None or data == {} or data == []):
                        if self.config.error_mode is ErrorMode.LENIENT:
                            return None
                        what = f"{resource[0]} '{resource[1]}'" if resource else f"{method} {path}"
                        raise EmptyResponseError(
                            f"The server answered {status} with no data for {what}",
                            operation=operation,
                            details={"method": method, "path": path, "status_code": status},
                        )
                    return data
                logger.debug("Response: %d %s (%d bytes)", status, response.reason_phrase, len(content))
                outcome = status
                error = error_from_status(
                    status,
                    response.reason_phrase,
                    content,
                    operation=operation,
                    method=method,
                    path=path,
                    resource=resource,
                )
                retry_headers = response.headers
            if not should_retry(retry, method, attempt, outcome):
                if isinstance(error, NotFoundError) and self.config.error_mode is ErrorMode.LENIENT:
                    return None
                if attempt > 1:
                    error.details["attempts"] = attempt
                raise error
            delay = retry_delay(retry, attempt, retry_headers)
            logger.debug(
                "Retrying %s %s after %s (attempt %d of %d) in %.2f s",
                method,
                url,
                outcome.value if isinstance(outcome, Failure) else outcome,
                attempt,
                retry.max_attempts,
                delay,
            )
            await sleep(delay)
            retry.record_retry(delay)


def _query_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value
