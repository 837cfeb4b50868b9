"""Run one test against both clients: ``pyWATS`` (sync) and ``AsyncWATS`` (async).

A test takes the ``twin`` fixture and wraps every client call in ``twin.run(...)``: for the
sync client that returns the value as is, for the async one it runs the coroutine to its end on
the test's own event loop. Import the fixture into a test module with
``from twins import twin_fixture  # noqa: F401``.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from _support import FAST_RETRY
from pywats import AsyncWATS, RetryConfig, pyWATS
from pywats.testing import LocalWATSServer, ServerControl


@dataclass
class Twin:
    """A client of the local server and the way to get results out of it."""

    api: Any  # pyWATS or AsyncWATS
    is_async: bool
    loop: asyncio.AbstractEventLoop | None
    control: ServerControl
    token: str
    extra: list[Any] = field(default_factory=list)

    def run(self, value: Any) -> Any:
        """The result of a client call (awaited on the async twin)."""
        if inspect.isawaitable(value):
            assert self.loop is not None, "the sync client returned an awaitable"
            return self.loop.run_until_complete(value)
        assert not self.is_async, "the async client returned a plain value"
        return value

    def collect(self, iterable: Any) -> list[Any]:
        """All items of a sync or async iterator."""
        if self.is_async:
            assert self.loop is not None

            async def gather() -> list[Any]:
                return [item async for item in iterable]

            return self.loop.run_until_complete(gather())
        return list(iterable)

    def make(self, **overrides: Any) -> Any:
        """Another client of the same kind and server (closed with this one), e.g. in LENIENT mode."""
        made = _build(self.is_async, self.api.base_url, self.token, overrides)
        self.extra.append(made)
        return made


def _build(is_async: bool, url: str, token: str, overrides: dict[str, Any]) -> Any:
    overrides.setdefault("retry_config", RetryConfig(**FAST_RETRY))
    cls = AsyncWATS if is_async else pyWATS
    return cls(base_url=url, token=token, **overrides)


@pytest.fixture(name="twin", params=["sync", "async"])
def twin_fixture(
    request: pytest.FixtureRequest, wats_server: LocalWATSServer, wats_control: ServerControl
) -> Iterator[Twin]:
    """Each test runs twice: once with ``pyWATS``, once with ``AsyncWATS``."""
    is_async = request.param == "async"
    loop = asyncio.new_event_loop() if is_async else None
    api = _build(is_async, wats_server.url, wats_server.token, {})
    helper = Twin(api=api, is_async=is_async, loop=loop, control=wats_control, token=wats_server.token)
    try:
        yield helper
    finally:
        for client in [api, *helper.extra]:
            closing = client.close()
            if loop is not None:
                loop.run_until_complete(closing)
        if loop is not None:
            loop.close()
