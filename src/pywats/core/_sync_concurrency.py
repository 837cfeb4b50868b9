"""Run one call per key with bounded concurrency (the sync half of a hand-written pair).

The twin of ``_async_concurrency.py``: same name, same contract, on a thread pool, so the
generated sync services run no event loop. ``httpx.Client`` is safe to share between threads.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from pywats.core.exceptions import PyWATSError
from pywats.core.parallel import BatchResult

__all__ = ["run_each"]

K = TypeVar("K")
T = TypeVar("T")


def run_each(operation: Callable[[K], T], keys: Sequence[K], max_concurrent: int) -> list[BatchResult[K, T]]:
    """``operation(key)`` for every key, at most ``max_concurrent`` at a time, results in key order.

    A :class:`~pywats.PyWATSError` of one key is stored in that key's result; anything else (a
    bug, an interrupt) propagates.
    """

    def one(key: K) -> BatchResult[K, T]:
        try:
            return BatchResult(key, operation(key))
        except PyWATSError as exc:
            return BatchResult(key, error=exc)

    if not keys:
        return []
    with ThreadPoolExecutor(max_workers=min(max_concurrent, len(keys)), thread_name_prefix="pywats") as pool:
        return list(pool.map(one, keys))
