"""Run one coroutine per key with bounded concurrency (the async half of a hand-written pair).

The domain services' batch methods (``get_products_batch`` …) call :func:`run_each`. Its twin,
``_sync_concurrency.py``, has the same name and contract on a thread pool; ``tools/gen_sync.py``
maps the module name, so a service written against this one translates to real sync code.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

from pywats.core.exceptions import PyWATSError
from pywats.core.parallel import BatchResult

__all__ = ["run_each"]

K = TypeVar("K")
T = TypeVar("T")


async def run_each(
    operation: Callable[[K], Awaitable[T]], keys: Sequence[K], max_concurrent: int
) -> list[BatchResult[K, T]]:
    """``operation(key)`` for every key, at most ``max_concurrent`` at a time, results in key order.

    A :class:`~pywats.PyWATSError` of one key is stored in that key's result; anything else (a
    bug, a cancellation) propagates.
    """
    limit = asyncio.Semaphore(max_concurrent)

    async def one(key: K) -> BatchResult[K, T]:
        async with limit:
            try:
                return BatchResult(key, await operation(key))
            except PyWATSError as exc:
                return BatchResult(key, error=exc)

    return list(await asyncio.gather(*(one(key) for key in keys)))
