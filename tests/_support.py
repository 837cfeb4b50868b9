"""Helpers shared by tests (plain functions and constants; fixtures live in conftest.py)."""

from __future__ import annotations

import base64

# Fast retries so that fault tests take milliseconds, not seconds.
FAST_RETRY = {"base_delay": 0.01, "max_delay": 0.05}


def bad_token() -> str:
    """A well-formed token with a wrong password."""
    return base64.b64encode(b"tester:wrong-password").decode()
