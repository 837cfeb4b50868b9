"""pyWATS server: a local WATS-compatible HTTP server for demos, tests and benchmarks.

Run it with ``pywats-server`` (see ``pywats-server --help``), embed it with :class:`EmbeddedServer`, or
build the ASGI application yourself with :func:`create_app`.

This package never imports :mod:`pywats`: it is the independent oracle the client is tested against.
"""

from pywats_server.app import create_app
from pywats_server.embedded import EmbeddedServer
from pywats_server.settings import ServerSettings

__all__ = ["EmbeddedServer", "ServerSettings", "create_app"]
