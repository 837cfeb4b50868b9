"""Run a coroutine from synchronous code.

pyWATS's own sync client does not use this: it is generated as real synchronous code, so no
event loop runs per call. ``run_sync`` is for *your* coroutines, e.g. a script that wants the
result of an ``async with AsyncWATS(...)`` block.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

__all__ = ["run_sync"]

T = TypeVar("T")


def run_sync(coro: Coroutine[Any, Any, T]) -> T:
    """Run ``coro`` to completion on a fresh event loop and return its result.

    Raises ``RuntimeError`` with an explanation when called while an event loop is already
    running in this thread (Jupyter, FastAPI, inside another coroutine): blocking that loop
    would deadlock it, so ``await`` the coroutine there instead.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    coro.close()  # it will never run; closing it avoids a "never awaited" warning
    raise RuntimeError(
        "run_sync() was called from inside a running event loop (for example Jupyter, FastAPI or "
        "another coroutine); use 'await' on the coroutine there instead, or use the sync pyWATS client"
    )
