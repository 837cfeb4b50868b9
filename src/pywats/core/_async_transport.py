"""The asynchronous transport: one send → retry → map-errors loop over an httpx client.

This file is the source of truth; ``_sync_transport.py`` is generated from it by
``tools/gen_sync.py`` and must not be edited by hand.

Besides :meth:`AsyncTransport.request` (a body in memory, a parsed answer) there are two
streaming calls for large files: :meth:`AsyncTransport.upload` reads the request body from an
open binary file chunk by chunk, and :meth:`AsyncTransport.download` writes the answer into one.
Neither holds a whole file in memory, and both retry an attempt only while no byte of the file
has been read or written, because a half-sent or half-written file cannot be replayed.
"""
# sync-docstring: The synchronous transport: one send → retry → map-errors loop over an httpx client.

from __future__ import annotations

import logging
from asyncio import sleep
from collections.abc import AsyncIterator
from typing import Any, BinaryIO, NamedTuple

import httpx

from pywats.core._http import decode_body, error_from_status
from pywats.core._tls import ssl_context
from pywats.core.config import MAX_CONNECTIONS, MAX_KEEPALIVE_CONNECTIONS, ClientConfig
from pywats.core.exceptions import (
    ConnectionError,
    EmptyResponseError,
    ErrorMode,
    NotFoundError,
    PyWATSError,
    TimeoutError,
    ValidationError,
)
from pywats.core.retry import Failure, retry_delay, should_retry

__all__ = ["STREAM_CHUNK_BYTES", "AsyncTransport", "TransferResult"]

logger = logging.getLogger("pywats.http_client")

_JSON_HEADERS = {"Content-Type": "application/json"}
STREAM_CHUNK_BYTES = 256 * 1024
"""Bytes read from a file per step of a streamed upload (a download writes what arrives)."""
_ERROR_BODY_LIMIT_BYTES = 64 * 1024  # of an error answer to a download: enough for any message


class TransferResult(NamedTuple):
    """What :meth:`AsyncTransport.download` wrote: the byte count and the answer's content type."""

    size: int
    content_type: str


class AsyncTransport:
    """Sends requests to one WATS server, retrying transient failures and raising typed errors."""

    def __init__(self, config: ClientConfig, http_client: httpx.AsyncClient | None = None) -> None:
        self.config = config
        self._base = config.base_url
        auth = {"Authorization": f"Basic {config.token}", "Accept": "application/json"}
        self._owns_client = http_client is None
        if http_client is None:
            self._client = httpx.AsyncClient(
                # HTTP/2 is negotiated through TLS (ALPN) only, so a plain-http server never gets it;
                # enabling it there only makes the pool hand several requests to each new connection
                # and move them back when it turns out to be HTTP/1.1.
                http2=config.base_url.startswith("https://"),
                timeout=httpx.Timeout(config.timeout),
                limits=httpx.Limits(
                    max_connections=MAX_CONNECTIONS, max_keepalive_connections=MAX_KEEPALIVE_CONNECTIONS
                ),
                verify=ssl_context(config.verify),
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
        not_found: Any = None,
    ) -> Any:
        """Send one request and return its parsed JSON body (None for an empty body).

        The request body is ``json_body`` (encoded JSON), ``body`` with ``content_type`` (XML,
        zip, octet-stream…) or ``files`` (multipart: field → (filename, bytes, content type)).
        ``raw=True`` returns the response body as bytes instead of parsing JSON.

        ``resource`` (type, identifier) marks a lookup: a 404 becomes :class:`NotFoundError`
        naming it, or ``None`` in LENIENT mode. ``expect_data`` makes an empty 2xx body an
        :class:`EmptyResponseError` in STRICT mode (``None`` in LENIENT mode). ``not_found`` is
        what a 404 returns in LENIENT mode (``None`` unless a command needs to tell it apart).
        """
        url = self._base + path
        headers = self._internal_headers if internal else self._auth_headers
        if json_body is not None:
            headers = {**(headers or {}), **_JSON_HEADERS}
        elif body is not None:
            json_body = body
            headers = {**(headers or {}), "Content-Type": content_type or "application/octet-stream"}
        params = _query(params)
        retry = self.config.retry
        logger.info("%s %s", method, url)
        attempt = 0
        outcome: int | Failure
        while True:
            attempt += 1
            try:
                response = await self._client.request(
                    method, url, params=params, content=json_body, files=files, headers=headers
                )
                content = response.content
            except httpx.HTTPError as exc:
                outcome, error = _transport_failure(exc, self.config, method, path, operation)
                retry_headers: httpx.Headers | None = None
            else:
                status = response.status_code
                logger.debug("Response: %d %s (%d bytes)", status, response.reason_phrase, len(content))
                if status < 300:
                    return self._answer(
                        content,
                        response.headers.get("content-type"),
                        status,
                        method=method,
                        path=path,
                        operation=operation,
                        resource=resource,
                        expect_data=expect_data,
                        raw=raw,
                    )
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
                self._give_up(error, attempt)
                return not_found
            await self._pause(method, url, outcome, attempt, retry_headers)

    async def upload(
        self,
        method: str,
        path: str,
        *,
        operation: str,
        source: BinaryIO,
        size: int | None = None,
        content_type: str = "application/octet-stream",
        params: dict[str, Any] | None = None,
        internal: bool = False,
        not_found: Any = None,
    ) -> Any:
        """Send the rest of the open binary file ``source`` as the body, a chunk at a time.

        ``size`` (the bytes left in ``source``) is sent as ``Content-Length``; without it the body
        goes chunked. The file is never read whole into memory. A failed attempt is retried (per
        the retry policy) only if nothing was read from ``source`` yet. Returns the parsed JSON
        answer, as :meth:`request` does (``not_found`` for a 404 in LENIENT mode).
        """
        url = self._base + path
        headers = {**(self._internal_headers if internal else self._auth_headers or {})}
        headers["Content-Type"] = content_type
        if size is not None:
            headers["Content-Length"] = str(size)
        params = _query(params)
        retry = self.config.retry
        logger.info("%s %s (streamed body%s)", method, url, "" if size is None else f", {size} bytes")
        attempt = 0
        outcome: int | Failure
        while True:
            attempt += 1
            body = _FileBody(source)
            try:
                response = await self._client.request(
                    method, url, params=params, content=body.chunks(), headers=headers
                )
                content = response.content
            except httpx.HTTPError as exc:
                outcome, error = _transport_failure(exc, self.config, method, path, operation)
                retry_headers: httpx.Headers | None = None
            else:
                status = response.status_code
                logger.debug("Response: %d %s after %d bytes sent", status, response.reason_phrase, body.sent)
                if status < 300:
                    return self._answer(
                        content,
                        response.headers.get("content-type"),
                        status,
                        method=method,
                        path=path,
                        operation=operation,
                    )
                outcome = status
                error = error_from_status(
                    status, response.reason_phrase, content, operation=operation, method=method, path=path
                )
                retry_headers = response.headers
            if body.sent or not should_retry(retry, method, attempt, outcome):
                if body.sent:
                    error.details["bytes_sent"] = body.sent
                self._give_up(error, attempt)
                return not_found
            await self._pause(method, url, outcome, attempt, retry_headers)

    async def download(
        self,
        method: str,
        path: str,
        *,
        operation: str,
        sink: BinaryIO,
        max_bytes: int | None = None,
        accept: str = "application/octet-stream, application/json;q=0.5",
        params: dict[str, Any] | None = None,
        internal: bool = False,
        resource: tuple[str, str] | None = None,
    ) -> TransferResult | None:
        """Write the body of a successful answer into the open binary file ``sink``, chunk by chunk.

        Returns the byte count and content type written, or None for a 404 in LENIENT mode. An
        answer longer than ``max_bytes`` raises :class:`ValidationError` (field ``max_size``); what
        was written by then stays in ``sink`` for the caller to discard. A failed attempt is
        retried (per the retry policy) only while nothing has been written to ``sink``.
        """
        url = self._base + path
        headers = {**(self._internal_headers if internal else self._auth_headers or {}), "Accept": accept}
        params = _query(params)
        retry = self.config.retry
        logger.info("%s %s (streamed answer)", method, url)
        attempt = 0
        outcome: int | Failure
        while True:
            attempt += 1
            written = 0
            retry_headers: httpx.Headers | None = None
            try:
                async with self._client.stream(method, url, params=params, headers=headers) as response:
                    status = response.status_code
                    if status < 300:
                        announced = _content_length(response.headers)
                        _check_size(announced, max_bytes, operation, path)
                        async for chunk in response.aiter_bytes():
                            written += len(chunk)
                            _check_size(written, max_bytes, operation, path)
                            sink.write(chunk)
                        logger.debug("Response: %d (%d bytes written)", status, written)
                        return TransferResult(written, response.headers.get("content-type", ""))
                    content = b""
                    async for chunk in response.aiter_bytes():
                        content += chunk
                        if len(content) >= _ERROR_BODY_LIMIT_BYTES:
                            break
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
            except httpx.HTTPError as exc:
                outcome, error = _transport_failure(exc, self.config, method, path, operation)
            if written or not should_retry(retry, method, attempt, outcome):
                if written:
                    error.details["bytes_written"] = written
                self._give_up(error, attempt)
                return None
            await self._pause(method, url, outcome, attempt, retry_headers)

    # -- shared steps of the three loops --------------------------------------------------------

    def _answer(
        self,
        content: bytes,
        content_type: str | None,
        status: int,
        *,
        method: str,
        path: str,
        operation: str,
        resource: tuple[str, str] | None = None,
        expect_data: bool = False,
        raw: bool = False,
    ) -> Any:
        """The result of a 2xx answer: raw bytes, or parsed JSON checked for emptiness."""
        if raw:
            data: Any = content or None
        else:
            data = decode_body(content, content_type, status, operation=operation)
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

    def _give_up(self, error: PyWATSError, attempt: int) -> None:
        """Raise ``error``, unless it is a 404 in LENIENT mode (then the call returns None)."""
        if isinstance(error, NotFoundError) and self.config.error_mode is ErrorMode.LENIENT:
            return None
        if attempt > 1:
            error.details["attempts"] = attempt
        raise error

    async def _pause(
        self,
        method: str,
        url: str,
        outcome: int | Failure,
        attempt: int,
        retry_headers: httpx.Headers | None,
    ) -> None:
        """Wait before the next attempt, as long as the retry policy says."""
        retry = self.config.retry
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


class _FileBody:
    """A request body read from an open binary file; ``sent`` counts the bytes read so far."""

    def __init__(self, source: BinaryIO) -> None:
        self.source = source
        self.sent = 0

    async def chunks(self) -> AsyncIterator[bytes]:
        """The file's remaining bytes, a chunk at a time."""
        # Reading a local file blocks only briefly per chunk; the network dominates.
        while chunk := self.source.read(STREAM_CHUNK_BYTES):
            self.sent += len(chunk)
            yield chunk


def _transport_failure(
    exc: httpx.HTTPError, config: ClientConfig, method: str, path: str, operation: str
) -> tuple[Failure, PyWATSError]:
    """The retry outcome and the exception for an attempt that got no HTTP answer.

    Failures that are not transient (redirect loops, undecodable bodies) are raised at once.
    """
    if isinstance(exc, httpx.TimeoutException):
        timeout = config.timeout
        return Failure.TIMEOUT, TimeoutError(
            f"{method} {path} got no answer within {timeout:g} s",
            operation=operation,
            details={"method": method, "path": path, "timeout_s": timeout},
            cause=exc,
        )
    if isinstance(exc, httpx.TransportError):
        return Failure.CONNECTION, ConnectionError(
            f"Could not reach the WATS server at {config.base_url}: {type(exc).__name__}: {exc}",
            operation=operation,
            details={"method": method, "path": path},
            cause=exc,
        )
    raise ConnectionError(
        f"{method} {path} failed: {type(exc).__name__}: {exc}",
        operation=operation,
        details={"method": method, "path": path},
        cause=exc,
    ) from exc


def _query(params: dict[str, Any] | None) -> dict[str, Any] | None:
    """Query parameters as sent: None values dropped, booleans as ``true``/``false``."""
    if not params:
        return params
    return {k: _query_value(v) for k, v in params.items() if v is not None}


def _query_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _content_length(headers: httpx.Headers) -> int | None:
    try:
        return int(headers["content-length"])
    except (KeyError, ValueError):
        return None


def _check_size(size: int | None, max_bytes: int | None, operation: str, path: str) -> None:
    if size is not None and max_bytes is not None and size > max_bytes:
        raise ValidationError(
            f"The answer of {path} is larger than max_size ({max_bytes} bytes); "
            "pass a larger max_size to accept it",
            field="max_size",
            value=max_bytes,
            operation=operation,
            details={"path": path, "size_bytes": size, "max_bytes": max_bytes},
        )
