"""Who is calling: the user name of the request's Basic credentials.

Authentication itself happens in :mod:`pywats_server.auth` before a route runs; routes that
record an owner or author (tickets, inspection definitions) read the name from here.
"""

from __future__ import annotations

from starlette.requests import Request

from pywats_server.auth import parse_basic_token

__all__ = ["request_user"]

UNKNOWN_USER = "unknown"


def request_user(request: Request) -> str:
    """The user name the request authenticated as."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    parsed = parse_basic_token(token) if scheme.casefold() == "basic" else None
    return parsed[0] if parsed else UNKNOWN_USER
