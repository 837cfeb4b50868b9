"""Shared helpers for client tests: a server-backed client factory for both twins."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from _support import FAST_RETRY
from _twins import AsyncBridge, Twin
from pywats import AsyncWATS, RetryConfig, pyWATS
from pywats.testing import LocalWATSServer, ServerControl


@pytest.fixture
def make_api(wats_server: LocalWATSServer, wats_control: ServerControl) -> Iterator[Callable[..., pyWATS]]:
    """Build sync clients of the local server with overrides; all are closed after the test."""
    made: list[pyWATS] = []

    def factory(**overrides: Any) -> pyWATS:
        overrides.setdefault("retry_config", RetryConfig(**FAST_RETRY))
        api = pyWATS(base_url=wats_server.url, token=wats_server.token, **overrides)
        made.append(api)
        return api

    yield factory
    for api in made:
        api.close()


@pytest.fixture(params=["sync", "async"])
def make_twin(
    request: pytest.FixtureRequest, wats_server: LocalWATSServer, wats_control: ServerControl
) -> Iterator[Callable[..., Any]]:
    """Build clients of the local server: ``pyWATS``, or ``AsyncWATS`` driven through a bridge.

    Tests using it run twice, once per twin, with the same synchronous-looking body.
    """
    bridge = AsyncBridge() if request.param == "async" else None
    made: list[Any] = []

    def factory(**overrides: Any) -> Any:
        overrides.setdefault("retry_config", RetryConfig(**FAST_RETRY))
        if bridge is None:
            api: Any = pyWATS(base_url=wats_server.url, token=wats_server.token, **overrides)
        else:
            api = Twin(AsyncWATS(base_url=wats_server.url, token=wats_server.token, **overrides), bridge)
        made.append(api)
        return api

    yield factory
    for api in made:
        api.close()
    if bridge is not None:
        bridge.close()


@pytest.fixture
def twin(make_twin: Callable[..., Any]) -> Any:
    """A STRICT client of the local server, once sync and once async (see ``make_twin``)."""
    return make_twin()
