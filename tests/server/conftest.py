"""Fixtures for the server's own tests: a real server on 127.0.0.1 and plain httpx clients.

One :class:`~pywats_server.EmbeddedServer` serves the whole session; every test that uses ``client`` starts
from an empty server (the control plane's reset).
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from server_helpers import basic, make_settings

from pywats_server import EmbeddedServer


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedServer]:
    """The session's server."""
    with EmbeddedServer(make_settings(tmp_path_factory.mktemp("wats-data"))) as running:
        yield running


@pytest.fixture
def client(server: EmbeddedServer) -> Iterator[httpx.Client]:
    """An authenticated client of an emptied server."""
    with httpx.Client(base_url=server.url, headers=basic(), timeout=10.0) as http:
        http.post("/_control/reset").raise_for_status()
        yield http


@pytest.fixture
def anonymous(server: EmbeddedServer) -> Iterator[httpx.Client]:
    """A client that sends no credentials."""
    with httpx.Client(base_url=server.url, timeout=10.0) as http:
        yield http
