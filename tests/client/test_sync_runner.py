"""run_sync(): runs a user's coroutine from sync code, refuses clearly inside a loop."""

from __future__ import annotations

import asyncio
import warnings

import pytest

from pywats import AsyncWATS
from pywats.core.sync_runner import run_sync
from pywats.testing import LocalWATSServer


def test_runs_a_coroutine_against_the_server(wats_server: LocalWATSServer) -> None:
    async def fetch_version() -> str:
        async with AsyncWATS(base_url=wats_server.url, token=wats_server.token) as api:
            return await api.get_version()

    assert run_sync(fetch_version())


def test_returns_values_and_propagates_errors() -> None:
    async def value() -> int:
        return 42

    async def boom() -> None:
        raise KeyError("x")

    assert run_sync(value()) == 42
    with pytest.raises(KeyError):
        run_sync(boom())


def test_inside_a_running_loop_it_raises_a_clear_error() -> None:
    async def outer() -> None:
        async def inner() -> int:
            return 1

        with warnings.catch_warnings():
            warnings.simplefilter("error")  # no "coroutine was never awaited"
            with pytest.raises(RuntimeError, match="running event loop"):
                run_sync(inner())

    asyncio.run(outer())
