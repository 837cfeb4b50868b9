"""A module-scoped pair of clients (sync, then async) over a server seeded once with demo data.

Analytics tests only read, so each module seeds once instead of once per test. Import the fixture into a
test module: ``from analytics_clients import seeded_api as seeded_api``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from _support import FAST_RETRY
from _twins import AsyncBridge, Twin
from pywats import AsyncWATS, RetryConfig, pyWATS
from pywats.testing import LocalWATSServer

SEED = {"seed": 8, "units": 60, "days": 40, "steps": 8}


@pytest.fixture(scope="module", params=["sync", "async"])
def seeded_api(request: pytest.FixtureRequest, wats_server: LocalWATSServer) -> Iterator[Any]:
    """``pyWATS`` or a bridged ``AsyncWATS`` of the server holding :data:`SEED`'s demo history."""
    control = wats_server.control
    control.reset()
    control.seed(**SEED)
    retry = RetryConfig(**FAST_RETRY)
    if request.param == "sync":
        with pyWATS(base_url=wats_server.url, token=wats_server.token, retry_config=retry) as api:
            yield api
        return
    bridge = AsyncBridge()
    api = Twin(AsyncWATS(base_url=wats_server.url, token=wats_server.token, retry_config=retry), bridge)
    try:
        yield api
    finally:
        api.close()
        bridge.close()
