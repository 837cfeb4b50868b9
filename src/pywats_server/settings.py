"""Settings of a pyWATS server instance.

A :class:`ServerSettings` is built once (by the CLI, a test fixture or
:class:`~pywats_server.embedded.EmbeddedServer`) and passed down to :func:`~pywats_server.app.create_app`;
nothing in the server reads configuration from globals or the environment after that point.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080
DEFAULT_SERVER_VERSION = "25.3.0"
DEFAULT_REQUEST_LOG_LIMIT = 10_000
DEFAULT_MAX_UPLOAD_BYTES = 4 * 1024**3
DATABASE_FILE_NAME = "wats.db"
DATA_DIR_NAME = "pywats-server"


def default_data_dir() -> Path:
    """``$XDG_DATA_HOME/pywats-server``, or ``~/.local/share/pywats-server`` if XDG_DATA_HOME is unset."""
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return base / DATA_DIR_NAME


@dataclass(frozen=True)
class ServerSettings:
    """Everything a server instance needs to know.

    Attributes:
        host: interface to bind; loopback unless the operator asks for more.
        port: TCP port; 0 lets the operating system pick a free one.
        data_dir: directory for the SQLite database and the generated token file.
        database_url: any SQLAlchemy URL (``postgresql+psycopg://…``); ``None`` means ``<data_dir>/wats.db``.
        users: user name → password; every request must authenticate as one of them with HTTP Basic.
        server_version: what ``GET /api/App/Version`` answers.
        request_log_limit: how many requests the control plane's request log keeps (oldest dropped first).
        restricted_users: users (of ``users``) without administrative permissions; they get 403 where WATS
            requires one (see :mod:`pywats_server.permissions`).
        max_upload_bytes: the largest file body accepted (asset files, package zips); larger ones get 413.
    """

    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    data_dir: Path = field(default_factory=default_data_dir)
    database_url: str | None = None
    users: dict[str, str] = field(default_factory=dict)
    server_version: str = DEFAULT_SERVER_VERSION
    request_log_limit: int = DEFAULT_REQUEST_LOG_LIMIT
    restricted_users: frozenset[str] = frozenset()
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES

    @property
    def resolved_database_url(self) -> str:
        """The SQLAlchemy URL actually used: ``database_url`` or the SQLite file in ``data_dir``."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / DATABASE_FILE_NAME}"
