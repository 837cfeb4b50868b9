"""Shared helpers for client tests: a server-backed client factory for both twins."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from _support import FAST_RETRY
from pywats import RetryConfig, pyWATS
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
