"""pytest fixtures for testing code that uses pyWATS (registered automatically on install)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from pywats.testing._control import ServerControl
from pywats.testing._server import LocalWATSServer

if TYPE_CHECKING:
    from pywats import pyWATS


@pytest.fixture(scope="session")
def wats_server() -> Iterator[LocalWATSServer]:
    """A local WATS-compatible server for the whole test session."""
    with LocalWATSServer() as server:
        yield server


@pytest.fixture
def wats_control(wats_server: LocalWATSServer) -> Iterator[ServerControl]:
    """The server's control plane, with data, faults and request log reset before the test."""
    control = wats_server.control
    control.reset()
    yield control
    control.clear_faults()


@pytest.fixture
def wats_api(wats_server: LocalWATSServer, wats_control: ServerControl) -> Iterator[pyWATS]:
    """A ``pyWATS`` client of the local server (data reset before the test)."""
    from pywats import pyWATS

    with pyWATS(base_url=wats_server.url, token=wats_server.token) as api:
        yield api
