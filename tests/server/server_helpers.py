"""Constants and plain helpers shared by the server tests (fixtures live in conftest.py)."""

from __future__ import annotations

import base64
from pathlib import Path

from pywats_server import ServerSettings

USER = "tester"
PASSWORD = "s3cret-pässword:with-colon"
SECOND_USER = "operator"
SECOND_PASSWORD = "another one"


def token(user: str, password: str) -> str:
    """The Basic token for these credentials."""
    return base64.b64encode(f"{user}:{password}".encode()).decode()


def basic(user: str = USER, password: str = PASSWORD) -> dict[str, str]:
    """The Authorization header for these credentials."""
    return {"Authorization": f"Basic {token(user, password)}"}


def make_settings(data_dir: Path) -> ServerSettings:
    """Settings of a test server keeping its data in ``data_dir``."""
    return ServerSettings(data_dir=data_dir, users={USER: PASSWORD, SECOND_USER: SECOND_PASSWORD})
