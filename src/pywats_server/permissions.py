"""Permissions: which users may do the few things WATS guards beyond authentication.

The server knows two kinds of users. Everyone in ``ServerSettings.users`` has full rights
unless also listed in ``ServerSettings.restricted_users``; a restricted user lacks the
administrative permissions below and is answered 403 when a call needs one (WATS's own
permission model is much finer; these are the ones the API reference names).
"""

from __future__ import annotations

from collections.abc import Collection

from pywats_server.errors import WatsHTTPError

__all__ = ["EDIT_TOTAL_COUNT", "MANAGE_ALL_TICKETS", "Forbidden", "Permissions"]

EDIT_TOTAL_COUNT = "Edit Total count"
"""Needed to set an asset's running or total count to a chosen value."""
MANAGE_ALL_TICKETS = "Manage All Tickets"
"""Needed to list every root-cause ticket rather than one's own."""


class Forbidden(WatsHTTPError):
    """403: authenticated, but without the permission the call needs."""

    status_code = 403


class Permissions:
    """Answers "may this user do that?" for one server."""

    def __init__(self, restricted_users: Collection[str]) -> None:
        self._restricted = frozenset(restricted_users)

    def has(self, user: str, permission: str) -> bool:
        """Whether ``user`` holds ``permission``."""
        return user not in self._restricted

    def require(self, user: str, permission: str) -> None:
        """Raise :class:`Forbidden` unless ``user`` holds ``permission``."""
        if not self.has(user, permission):
            raise Forbidden(f"The user '{user}' lacks the permission '{permission}'.")
