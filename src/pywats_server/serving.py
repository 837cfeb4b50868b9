"""Running the application under uvicorn on a socket we bind ourselves (shared by the CLI and EmbeddedServer).

Binding first means ``port=0`` works and the real port is known before anyone is told where to connect.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable

import uvicorn
from starlette.types import ASGIApp

from pywats_server.control.middleware import DroppedConnectionLogFilter

logger = logging.getLogger(__name__)

GRACEFUL_SHUTDOWN_TIMEOUT_S = 5
_UVICORN_ERROR_LOGGER = "uvicorn.error"


def bind_socket(host: str, port: int) -> socket.socket:
    """A TCP socket bound to ``host:port`` (IPv4 or IPv6, whatever ``host`` resolves to first)."""
    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    sock = socket.socket(family, kind, proto)
    try:
        # Lets a restarted server take the port back while old connections sit in TIME_WAIT.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError:
        sock.close()
        raise
    return sock


def socket_port(sock: socket.socket) -> int:
    """The port a bound socket listens on."""
    return int(sock.getsockname()[1])


def http_url(host: str, port: int) -> str:
    """``http://host:port``, with IPv6 literals in brackets."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


class AnnouncingServer(uvicorn.Server):
    """A uvicorn server that calls ``on_ready`` once it accepts connections (after the app's startup ran)."""

    def __init__(self, config: uvicorn.Config, on_ready: Callable[[], None]) -> None:
        super().__init__(config)
        self._on_ready = on_ready

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        if self.started:
            self._on_ready()


def make_server(app: ASGIApp, *, log_level: str, on_ready: Callable[[], None]) -> AnnouncingServer:
    """A uvicorn server for ``app``: no access log, no logging reconfiguration, quick graceful shutdown."""
    error_logger = logging.getLogger(_UVICORN_ERROR_LOGGER)
    if not any(isinstance(existing, DroppedConnectionLogFilter) for existing in error_logger.filters):
        error_logger.addFilter(DroppedConnectionLogFilter())
    config = uvicorn.Config(
        app,
        log_config=None,  # leave the host program's logging alone; records propagate to its handlers
        log_level=log_level,
        access_log=False,
        lifespan="on",
        ws="none",
        server_header=False,
        # Served on loopback (or a trusted LAN) directly, never behind a proxy whose headers we must trust.
        proxy_headers=False,
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_TIMEOUT_S,
    )
    return AnnouncingServer(config, on_ready)
