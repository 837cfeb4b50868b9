"""Cache hits: ``AsyncTTLCache.get`` (target <= 5 us) and a cached ``api.process.get_processes()`` (<= 20 us).

Baselines measured in the same run: a plain ``dict`` lookup behind the same ``await`` (what any
cache must at least cost), and the uncached call that the cache saves (a request to the server).
Run alone: ``.venv/bin/python bench/bench_cache.py``.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable

from _common import Result, report, standalone
from pywats import AsyncWATS
from pywats.core.cache import AsyncTTLCache, TTLCache

HIT_TARGET_US = 5.0
PROCESSES_TARGET_US = 20.0
ROUNDS = 7
HITS_PER_ROUND = 100_000
PROCESS_CALLS_PER_ROUND = 20_000
UNCACHED_CALLS = 200


async def per_call_us(calls: int, fn: Callable[[], Awaitable[object]]) -> float:
    """Median over :data:`ROUNDS` rounds of the wall time per ``await fn()``, in microseconds."""
    rounds = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for _ in range(calls):
            await fn()
        rounds.append((time.perf_counter() - start) / calls * 1e6)
    return statistics.median(rounds)


def sync_per_call_us(calls: int, fn: Callable[[], object]) -> float:
    rounds = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for _ in range(calls):
            fn()
        rounds.append((time.perf_counter() - start) / calls * 1e6)
    return statistics.median(rounds)


async def cache_hit() -> list[Result]:
    cache = AsyncTTLCache[str](max_size=1000, default_ttl=300.0)
    for i in range(1000):
        await cache.set(f"key-{i}", f"value-{i}")
    plain = {f"key-{i}": f"value-{i}" for i in range(1000)}

    async def dict_get(key: str) -> str | None:
        return plain.get(key)

    ours = await per_call_us(HITS_PER_ROUND, lambda: cache.get("key-500"))
    raw = await per_call_us(HITS_PER_ROUND, lambda: dict_get("key-500"))
    sync_cache = TTLCache[str](max_size=1000)
    sync_cache.set("key-500", "value")
    sync_ours = sync_per_call_us(HITS_PER_ROUND, lambda: sync_cache.get("key-500"))
    sync_raw = sync_per_call_us(HITS_PER_ROUND, lambda: plain.get("key-500"))
    return [
        report(
            Result(
                name="AsyncTTLCache.get hit",
                measured=f"{ours:.2f} us per hit, awaited dict.get {raw:.2f} us",
                metric="us/hit",
                value=ours,
                target=HIT_TARGET_US,
                higher_is_better=False,
                unit=" us",
                note=f"1,000 entries; the cache adds {ours - raw:.2f} us (lock, expiry check, LRU move, "
                f"counters); hit rate {cache.stats.hit_rate:.1%}",
            )
        ),
        report(
            Result(
                name="TTLCache.get hit (sync)",
                measured=f"{sync_ours:.2f} us per hit, dict.get {sync_raw:.2f} us",
                metric="us/hit",
                value=sync_ours,
                unit=" us",
            )
        ),
    ]


async def cached_processes(url: str, token: str) -> list[Result]:
    async with AsyncWATS(base_url=url, token=token) as api:
        process = getattr(api, "process", None)
        if process is None or not hasattr(process, "get_processes"):
            return [
                report(
                    Result(
                        name="cached get_processes()",
                        measured="skipped: the process domain has not landed",
                        metric="us/call",
                        value=float("nan"),
                    )
                )
            ]
        await process.get_processes()  # fills the cache

        async def uncached() -> object:
            await process.clear_cache()
            return await process.get_processes()

        ours = await per_call_us(PROCESS_CALLS_PER_ROUND, process.get_processes)
        server = await per_call_us(UNCACHED_CALLS, uncached)
        stats = process.cache_stats
    return [
        report(
            Result(
                name="cached get_processes()",
                measured=f"{ours:.2f} us per cached call, {server:.0f} us uncached (a server request)",
                metric="us/call",
                value=ours,
                target=PROCESSES_TARGET_US,
                higher_is_better=False,
                unit=" us",
                note=f"the cache makes the call {server / ours:.0f}x faster on loopback; "
                f"hit rate {stats['hit_rate']:.1%}",
            )
        )
    ]


def run(url: str, token: str) -> list[Result]:
    return asyncio.run(cache_hit()) + asyncio.run(cached_processes(url, token))


if __name__ == "__main__":
    standalone(__doc__.splitlines()[0], run)
