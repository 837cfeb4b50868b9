"""Provisioning tokens: HS256-signed JWTs, as WATS hands them to an identity provider.

This server authenticates with Basic credentials only, so the token is issued but not accepted
for requests; it exists so that a provisioning setup can be rehearsed end to end. Tokens are
never logged.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import uuid
from datetime import UTC, datetime, timedelta

ISSUER = "pywats-server"
AUDIENCE = "scim"
MIN_DAYS = 1
MAX_DAYS = 3650


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


class TokenIssuer:
    """Signs tokens with a key made when the server starts (tokens do not outlive the process)."""

    def __init__(self, key: bytes | None = None) -> None:
        self._key = key or secrets.token_bytes(32)

    def issue(self, subject: str, days: int, now: datetime | None = None) -> tuple[str, datetime]:
        """A token for ``subject`` valid ``days`` days, and its expiry."""
        issued = now or datetime.now(UTC)
        expires = issued + timedelta(days=days)
        header = {"alg": "HS256", "typ": "JWT"}
        claims = {
            "iss": ISSUER,
            "aud": AUDIENCE,
            "sub": subject,
            "jti": str(uuid.uuid4()),
            "iat": int(issued.timestamp()),
            "exp": int(expires.timestamp()),
        }
        signing_input = ".".join(
            _b64url(json.dumps(part, separators=(",", ":")).encode()) for part in (header, claims)
        )
        signature = hmac.new(self._key, signing_input.encode("ascii"), hashlib.sha256).digest()
        return f"{signing_input}.{_b64url(signature)}", expires

    def verify(self, token: str) -> bool:
        """Whether ``token`` carries this issuer's signature (expiry not checked)."""
        signing_input, _, signature = token.rpartition(".")
        expected = _b64url(hmac.new(self._key, signing_input.encode("ascii"), hashlib.sha256).digest())
        return bool(signing_input) and hmac.compare_digest(expected, signature)
