"""An in-process server for tests and benchmarks.

::

    with EmbeddedServer() as server:
        httpx.get(server.url + "/api/App/Version", headers={"Authorization": f"Basic {server.token}"})

The server runs uvicorn in a background thread on 127.0.0.1 and a free port. Without settings it uses a
temporary data directory (deleted on exit) and a generated account.
"""

from __future__ import annotations

import dataclasses
import logging
import secrets
import tempfile
import threading
import time
from pathlib import Path
from types import TracebackType

from pywats_server.app import create_app
from pywats_server.auth import basic_token
from pywats_server.serving import AnnouncingServer, bind_socket, http_url, make_server, socket_port
from pywats_server.settings import ServerSettings

logger = logging.getLogger(__name__)

LOOPBACK = "127.0.0.1"
DEFAULT_STARTUP_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 15.0
_POLL_INTERVAL_S = 0.02


class EmbeddedServer:
    """A server in a background thread; a context manager (or call :meth:`start` and :meth:`stop`).

    ``settings.host`` and ``settings.port`` are ignored: it always listens on 127.0.0.1 on a free port.
    When ``settings`` is omitted, data lives in a temporary directory removed by :meth:`stop`; when it has
    no users, one is generated. :attr:`token` is the Basic token of the first user.
    """

    def __init__(
        self,
        settings: ServerSettings | None = None,
        *,
        log_level: str = "warning",
        startup_timeout_s: float = DEFAULT_STARTUP_TIMEOUT_S,
    ) -> None:
        self._temp_dir: tempfile.TemporaryDirectory[str] | None = None
        if settings is None:
            self._temp_dir = tempfile.TemporaryDirectory(prefix="pywats-server-")
            settings = ServerSettings(data_dir=Path(self._temp_dir.name))
        if not settings.users:
            settings = dataclasses.replace(settings, users={"admin": secrets.token_urlsafe(16)})
        self.settings = dataclasses.replace(settings, host=LOOPBACK, port=0)
        self._log_level = log_level
        self._startup_timeout_s = startup_timeout_s
        self._server: AnnouncingServer | None = None
        self._thread: threading.Thread | None = None
        self._port: int | None = None

    @property
    def port(self) -> int:
        """The port the server listens on (only while running)."""
        if self._port is None:
            raise RuntimeError("the embedded server is not running")
        return self._port

    @property
    def url(self) -> str:
        """Base URL, e.g. ``http://127.0.0.1:54321`` (no trailing slash)."""
        return http_url(LOOPBACK, self.port)

    @property
    def token(self) -> str:
        """Basic token (``base64("user:password")``) of the first configured user."""
        user, password = next(iter(self.settings.users.items()))
        return basic_token(user, password)

    def start(self) -> None:
        """Start serving; returns once the server accepts requests."""
        if self._thread is not None:
            raise RuntimeError("the embedded server is already running")
        ready = threading.Event()
        app = create_app(self.settings)
        sock = bind_socket(LOOPBACK, 0)
        server = make_server(app, log_level=self._log_level, on_ready=ready.set)
        thread = threading.Thread(
            target=server.run, kwargs={"sockets": [sock]}, name="pywats-embedded-server", daemon=True
        )
        self._server, self._thread, self._port = server, thread, socket_port(sock)
        thread.start()
        if not _wait_until_ready(ready, thread, self._startup_timeout_s):
            self.stop()
            sock.close()
            raise RuntimeError("the embedded pyWATS server did not start (see the log for the cause)")
        logger.info("embedded server listening at %s", self.url)

    def stop(self) -> None:
        """Shut down gracefully, wait for the thread, delete the temporary data directory if we made one."""
        server, thread = self._server, self._thread
        self._server = self._thread = self._port = None
        if server is not None and thread is not None:
            server.should_exit = True
            thread.join(STOP_TIMEOUT_S)
            if thread.is_alive():
                logger.warning("embedded server did not stop within %.0f s; forcing it", STOP_TIMEOUT_S)
                server.force_exit = True
                thread.join(STOP_TIMEOUT_S)
        if self._temp_dir is not None:
            self._temp_dir.cleanup()
            self._temp_dir = None

    def __enter__(self) -> EmbeddedServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def _wait_until_ready(ready: threading.Event, thread: threading.Thread, timeout_s: float) -> bool:
    # Poll so that a server thread that dies during startup is noticed at once, not after the timeout.
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if ready.wait(_POLL_INTERVAL_S):
            return True
        if not thread.is_alive():
            return ready.is_set()
    return ready.is_set()
