"""Core utilities of pyWATS: transport, retry, error modes, configuration, station identity.

The helpers below are importable from here and load on first use, so ``import pywats`` does not
pay for them::

    from pywats.core import batch_execute, collect_successes, collect_failures
    from pywats.core import paginate, Paginator
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Public name → module that defines it; imported on first access.
_LAZY: dict[str, str] = {
    "AsyncPaginator": "pywats.core.pagination",
    "AsyncTTLCache": "pywats.core.cache",
    "BatchError": "pywats.core.batching",
    "BatchResult": "pywats.core.parallel",
    "CacheStats": "pywats.core.cache",
    "ChunkedBatcher": "pywats.core.batching",
    "PaginationError": "pywats.core.pagination",
    "Paginator": "pywats.core.pagination",
    "Serializer": "pywats.core.performance",
    "TTLCache": "pywats.core.cache",
    "apaginate": "pywats.core.pagination",
    "batch_execute": "pywats.core.parallel",
    "batch_map": "pywats.core.batching",
    "benchmark_serialization": "pywats.core.performance",
    "collect_failures": "pywats.core.parallel",
    "collect_successes": "pywats.core.parallel",
    "paginate": "pywats.core.pagination",
    "paginate_all": "pywats.core.pagination",
    "parallel_execute": "pywats.core.parallel",
    "partition_results": "pywats.core.parallel",
}

__all__ = [
    "AsyncPaginator",
    "AsyncTTLCache",
    "BatchError",
    "BatchResult",
    "CacheStats",
    "ChunkedBatcher",
    "PaginationError",
    "Paginator",
    "Serializer",
    "TTLCache",
    "apaginate",
    "batch_execute",
    "batch_map",
    "benchmark_serialization",
    "collect_failures",
    "collect_successes",
    "paginate",
    "paginate_all",
    "parallel_execute",
    "partition_results",
]

if TYPE_CHECKING:
    from pywats.core.batching import BatchError, ChunkedBatcher, batch_map
    from pywats.core.cache import AsyncTTLCache, CacheStats, TTLCache
    from pywats.core.pagination import (
        AsyncPaginator,
        PaginationError,
        Paginator,
        apaginate,
        paginate,
        paginate_all,
    )
    from pywats.core.parallel import (
        BatchResult,
        batch_execute,
        collect_failures,
        collect_successes,
        parallel_execute,
        partition_results,
    )
    from pywats.core.performance import Serializer, benchmark_serialization


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'pywats.core' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
