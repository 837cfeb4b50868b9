"""HTTP Basic authentication for every request, as the WATS server requires.

Clients send ``Authorization: Basic <token>`` where the token is ``base64("user:password")``. The check
runs as ASGI middleware so it also covers the OpenAPI schema, the control plane and URLs no route matches.
The header is never logged or stored anywhere.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import logging
from collections.abc import Mapping

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from pywats_server.errors import UNAUTHORIZED_MESSAGE, error_response

logger = logging.getLogger(__name__)

WWW_AUTHENTICATE = 'Basic realm="WATS"'


def basic_token(user: str, password: str) -> str:
    """The Basic token a client sends for these credentials: ``base64("user:password")``."""
    return base64.b64encode(f"{user}:{password}".encode()).decode("ascii")


def parse_basic_token(token: str) -> tuple[str, str] | None:
    """Decode a Basic token into ``(user, password)``; ``None`` unless it is Base64 of ``user:password``."""
    try:
        decoded = base64.b64decode(token.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    user, sep, password = decoded.partition(":")
    if not sep:
        return None
    return user, password


class Credentials:
    """The accounts a server accepts; checks a presented ``Authorization`` header in constant time."""

    def __init__(self, users: Mapping[str, str]) -> None:
        self._accounts = [f"{user}:{password}".encode() for user, password in users.items()]

    def authenticate(self, authorization: str | None) -> bool:
        """True when ``authorization`` is ``Basic <token>`` for one of the accounts."""
        if not authorization:
            return False
        scheme, _, token = authorization.partition(" ")
        if scheme.casefold() != "basic":
            return False
        parsed = parse_basic_token(token)
        if parsed is None:
            return False
        presented = f"{parsed[0]}:{parsed[1]}".encode()
        # Compare against every account without stopping early, so timing does not reveal which part matched.
        matched = False
        for account in self._accounts:
            matched |= hmac.compare_digest(presented, account)
        return matched


class BasicAuthMiddleware:
    """Reject every HTTP request that does not carry valid Basic credentials with 401."""

    def __init__(self, app: ASGIApp, credentials: Credentials) -> None:
        self.app = app
        self.credentials = credentials

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.credentials.authenticate(Headers(scope=scope).get("authorization")):
            await self.app(scope, receive, send)
            return
        logger.debug("rejected unauthenticated %s request", scope.get("method"))
        response = error_response(401, UNAUTHORIZED_MESSAGE, headers={"WWW-Authenticate": WWW_AUTHENTICATE})
        await response(scope, receive, send)
