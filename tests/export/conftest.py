"""Seeded report data for the export and DataFrame tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from export_seed import Seeded, seed

from pywats import pyWATS
from pywats.testing import LocalWATSServer


@pytest.fixture(scope="module")
def seeded(wats_server: LocalWATSServer) -> Seeded:
    """The seeded data, shared by a module's tests (which must not reset the server)."""
    wats_server.control.reset()
    return seed(wats_server)


@pytest.fixture
def api(wats_server: LocalWATSServer) -> Iterator[pyWATS]:
    """A client of the server that does not reset it."""
    with pyWATS(base_url=wats_server.url, token=wats_server.token) as client:
        yield client
