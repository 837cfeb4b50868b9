"""ASGI middleware that records requests and injects faults, in front of every WATS route.

Order in the application (outermost first): :class:`RequestLogMiddleware` → authentication →
:class:`FaultInjectionMiddleware` → routes. So the log also shows rejected (401) requests, and a fault is only
consumed by a request that authenticated. Neither touches ``/_control`` requests.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pywats_server.control.faults import FaultRule, FaultRules
from pywats_server.control.paths import is_control_path
from pywats_server.control.request_log import RequestLog, RequestRecord

logger = logging.getLogger(__name__)

# The record of the current request, shared by the two middlewares through the ASGI scope.
_RECORD_SCOPE_KEY = "pywats_server.request_record"

# Body of a dropped answer: the headers promise more bytes than are ever sent.
_DROP_PARTIAL_BODY = b'{"Message": "'
_DROP_DECLARED_LENGTH = 1024
_NO_BODY_STATUSES = frozenset({204, 304})

# Set while this request's connection is being dropped on purpose (see DroppedConnectionLogFilter).
dropping_connection: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "pywats_server_dropping_connection", default=False
)


class RequestLogMiddleware:
    """Append every non-control HTTP request to ``log`` and note the status of its answer."""

    def __init__(self, app: ASGIApp, log: RequestLog) -> None:
        self.app = app
        self.log = log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or is_control_path(scope["path"]):
            await self.app(scope, receive, send)
            return
        record = RequestRecord.from_scope(scope)
        scope[_RECORD_SCOPE_KEY] = record
        self.log.append(record)

        async def recording_send(message: Message) -> None:
            if message["type"] == "http.response.start" and not record.dropped:
                record.status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, recording_send)
        except Exception:
            if record.status is None and not record.dropped:
                record.status = 500
            raise


class FaultInjectionMiddleware:
    """Apply the first matching fault rule to each non-control HTTP request."""

    def __init__(self, app: ASGIApp, rules: FaultRules) -> None:
        self.app = app
        self.rules = rules

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or is_control_path(scope["path"]):
            await self.app(scope, receive, send)
            return
        rule = self.rules.take(scope["method"], scope["path"])
        if rule is None:
            await self.app(scope, receive, send)
            return
        record = scope.get(_RECORD_SCOPE_KEY)
        if isinstance(record, RequestRecord):
            record.fault_id = rule.id
        logger.info("fault %s applies to %s %s", rule.id, scope["method"], scope["path"])
        if rule.delay_s > 0:
            await asyncio.sleep(rule.delay_s)
        if rule.drop:
            if isinstance(record, RequestRecord):
                record.dropped = True
            await _drain_request_body(receive)
            await _drop_connection(send)
        elif rule.status is not None:
            await _drain_request_body(receive)
            await _send_fault_response(rule, send)
        else:
            await self.app(scope, receive, send)


async def _drain_request_body(receive: Receive) -> None:
    # Read what the client sent so it sees our answer (or the abort) rather than a write error of its own.
    while True:
        message = await receive()
        if message["type"] != "http.request" or not message.get("more_body", False):
            return


async def _send_fault_response(rule: FaultRule, send: Send) -> None:
    status = rule.status
    assert status is not None
    body = b"" if status in _NO_BODY_STATUSES else rule.response_body()
    headers = [(b"content-type", rule.content_type.encode("latin-1"))]
    if status not in _NO_BODY_STATUSES:
        headers.append((b"content-length", str(len(body)).encode("ascii")))
    if rule.retry_after is not None:
        headers.append((b"retry-after", rule.retry_after.encode("latin-1")))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body, "more_body": False})


async def _drop_connection(send: Send) -> None:
    """Start an answer, send part of its body and stop: the server then closes the connection.

    ASGI has no "abort" message. Returning with a response started but not completed makes the server close
    the transport, so the client sees a truncated message, a transport-level failure, never a status code.
    """
    dropping_connection.set(True)
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(_DROP_DECLARED_LENGTH).encode("ascii")),
    ]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": _DROP_PARTIAL_BODY, "more_body": True})


class DroppedConnectionLogFilter(logging.Filter):
    """Silence uvicorn's error line for a response left incomplete on purpose by a ``drop`` fault.

    uvicorn logs "ASGI callable returned without completing response." from the same task that ran the
    request, so the context variable set by the drop is still visible here; real incomplete responses of other
    requests or applications are still logged.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return not (dropping_connection.get() and record.getMessage().startswith("ASGI callable returned"))
