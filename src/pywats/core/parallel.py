"""Run one blocking call per key on a thread pool: :func:`batch_execute` and its result helpers.

Made for the synchronous client, whose calls block on network I/O (the threads spend their time
waiting, so the GIL is not the limit)::

    results = batch_execute(keys=part_numbers, operation=lambda pn: api.product.get_product(pn))
    products = collect_successes(results)
    for key, error in collect_failures(results):
        print(f"Failed to fetch {key}: {error}")

Every key gets one :class:`BatchResult`, in the order of ``keys``; an ``Exception`` raised for
one key is stored in its result and never stops the others. (With ``AsyncWATS`` use
:func:`pywats.core.batching.batch_map` instead: no threads needed.)
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from typing import Generic, TypeVar

from pywats.core.exceptions import ValidationError

__all__ = [
    "DEFAULT_MAX_WORKERS",
    "BatchResult",
    "batch_execute",
    "collect_failures",
    "collect_successes",
    "parallel_execute",
    "partition_results",
]

logger = logging.getLogger("pywats.core.parallel")

K = TypeVar("K")
R = TypeVar("R")

DEFAULT_MAX_WORKERS = 10


@dataclass(frozen=True, slots=True)
class BatchResult(Generic[K, R]):
    """The outcome for one key: ``value`` if ``operation(key)`` returned, else ``error``."""

    key: K
    value: R | None = None
    error: Exception | None = None

    @property
    def ok(self) -> bool:
        """True when the operation returned (even if it returned ``None``)."""
        return self.error is None

    # The names the beta's result objects used, so code written against it keeps reading well.
    @property
    def is_success(self) -> bool:
        """Same as :attr:`ok`."""
        return self.error is None

    @property
    def is_failure(self) -> bool:
        """``not ok``."""
        return self.error is not None


def batch_execute(
    keys: Iterable[K],
    operation: Callable[[K], R],
    max_workers: int = DEFAULT_MAX_WORKERS,
    *,
    on_progress: Callable[[int, int], object] | None = None,
) -> list[BatchResult[K, R]]:
    """Call ``operation(key)`` for every key on up to ``max_workers`` threads (default 10).

    Returns one :class:`BatchResult` per key, in the order of ``keys``. ``on_progress(done,
    total)`` is called (from the calling thread) after each key finishes. Only ``Exception`` is
    captured; ``KeyboardInterrupt`` and friends propagate.
    """
    if isinstance(max_workers, bool) or not isinstance(max_workers, int) or max_workers < 1:
        raise ValidationError(
            f"max_workers must be a positive integer, got {max_workers!r}",
            field="max_workers",
            value=max_workers,
            operation="batch_execute",
        )
    if not callable(operation):
        raise ValidationError(
            "operation must be callable", field="operation", value=operation, operation="batch_execute"
        )
    key_list = list(keys)
    if not key_list:
        return []

    def run_one(key: K) -> BatchResult[K, R]:
        try:
            return BatchResult(key, operation(key))
        except Exception as exc:
            return BatchResult(key, error=exc)

    workers = min(max_workers, len(key_list))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="pywats-batch") as pool:
        futures = [pool.submit(run_one, key) for key in key_list]
        if on_progress is not None:
            for done, _ in enumerate(as_completed(futures), start=1):
                on_progress(done, len(key_list))
        results = [future.result() for future in futures]
    failed = sum(1 for result in results if result.error is not None)
    if failed:
        logger.warning("batch_execute: %d of %d keys failed", failed, len(results))
    return results


parallel_execute = batch_execute
"""The beta's name for :func:`batch_execute`."""


def collect_successes(results: Iterable[BatchResult[K, R]]) -> list[R]:
    """The values of the successful results, in order (a ``None`` an operation returned is kept)."""
    return [result.value for result in results if result.error is None]  # type: ignore[misc]


def collect_failures(results: Iterable[BatchResult[K, R]]) -> list[tuple[K, Exception]]:
    """``(key, error)`` for each failed result, in order."""
    return [(result.key, result.error) for result in results if result.error is not None]


def partition_results(results: Sequence[BatchResult[K, R]]) -> tuple[list[R], list[tuple[K, Exception]]]:
    """``(collect_successes(results), collect_failures(results))`` in one call."""
    return collect_successes(results), collect_failures(results)
