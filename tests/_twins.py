"""Drive ``AsyncWATS`` from synchronous test code, so one test body checks both twins.

:class:`AsyncBridge` runs one event loop in a helper thread for the whole test; :class:`Twin`
wraps an async object (client, service, template) and turns each coroutine it returns into its
result on that loop. The library itself never does this: it is a test harness.
"""

from __future__ import annotations

import asyncio
import inspect
import threading
from collections.abc import Awaitable
from typing import Any, TypeVar

T = TypeVar("T")

CALL_TIMEOUT_S = 60.0


class AsyncBridge:
    """An event loop running in a daemon thread; :meth:`run` waits for a coroutine's result there."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name="twin-loop", daemon=True)
        self._thread.start()

    def run(self, awaitable: Awaitable[T]) -> T:
        async def wait() -> T:
            return await awaitable

        return asyncio.run_coroutine_threadsafe(wait(), self.loop).result(timeout=CALL_TIMEOUT_S)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=CALL_TIMEOUT_S)
        self.loop.close()


class Twin:
    """An async object used like its sync twin: ``twin.product.get_product("X")`` returns the product."""

    def __init__(self, target: Any, bridge: AsyncBridge) -> None:
        self._target = target
        self._bridge = bridge

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        if callable(value) and not isinstance(value, type):

            def call(*args: Any, **kwargs: Any) -> Any:
                result = value(*args, **kwargs)
                if inspect.isawaitable(result):
                    result = self._bridge.run(result)
                return self._wrap(result)

            return call
        return self._wrap(value)

    def _wrap(self, value: Any) -> Any:
        return Twin(value, self._bridge) if type(value).__name__.startswith("Async") else value

    def __enter__(self) -> Twin:
        self._bridge.run(self._target.__aenter__())
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self._bridge.run(self._target.__aexit__(*exc_info))

    def __repr__(self) -> str:
        return f"Twin({self._target!r})"

    @property
    def unwrapped(self) -> Any:
        """The async object itself."""
        return self._target
