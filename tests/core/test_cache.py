"""AsyncTTLCache and TTLCache: TTL, true LRU, statistics, concurrency, argument checks."""

from __future__ import annotations

import asyncio
import math
import subprocess
import sys
import threading
import time

import pytest

from pywats import ValidationError
from pywats.core.cache import AsyncTTLCache, CacheStats, TTLCache


def test_sync_set_get_and_stats() -> None:
    cache = TTLCache[str](max_size=10, default_ttl=60.0)
    cache.set("a", "alpha")
    assert cache.get("a") == "alpha"
    assert cache.get("missing") is None
    stats = cache.stats
    assert (stats.hits, stats.misses, stats.size, stats.max_size) == (1, 1, 1, 10)
    assert stats.hit_rate == 0.5
    assert f"{stats.hit_rate:.1%}" == "50.0%"


def test_hit_rate_is_zero_before_any_lookup() -> None:
    assert TTLCache[int]().stats.hit_rate == 0.0


def test_stats_read_as_mapping_too() -> None:
    cache = TTLCache[int](max_size=3)
    cache.set("x", 1)
    cache.get("x")
    stats = cache.stats
    assert stats["hit_rate"] == 1.0
    assert stats["hits"] == 1
    assert dict(stats) == stats.as_dict()
    assert set(stats) >= {"hits", "misses", "hit_rate", "evictions", "expirations", "size", "max_size"}
    with pytest.raises(KeyError, match="no 'bogus'"):
        stats["bogus"]


def test_stats_is_a_snapshot() -> None:
    cache = TTLCache[int]()
    before = cache.stats
    cache.get("nothing")
    assert before.misses == 0 and cache.stats.misses == 1
    assert isinstance(before, CacheStats)


def test_entries_expire_lazily_and_count_as_expirations() -> None:
    cache = TTLCache[str](default_ttl=0.3)  # long enough that a busy machine cannot expire it early
    cache.set("short", "s")
    cache.set("long", "l", ttl=60.0)
    assert cache.get("short") == "s"
    time.sleep(0.35)
    assert len(cache) == 2  # nothing runs in the background: still stored until looked at
    assert cache.get("short") is None
    assert cache.get("long") == "l"
    stats = cache.stats
    assert (stats.expirations, stats.size, stats.hits, stats.misses) == (1, 1, 2, 1)


def test_purge_expired_drops_every_expired_entry() -> None:
    cache = TTLCache[int](default_ttl=0.03)
    for i in range(5):
        cache.set(i, i)
    cache.set("keep", 1, ttl=60.0)
    time.sleep(0.05)
    assert cache.purge_expired() == 5
    assert len(cache) == 1 and cache.stats.expirations == 5


def test_no_default_ttl_means_no_expiry_and_inf_ttl_is_allowed() -> None:
    cache = TTLCache[int](default_ttl=None)
    cache.set("a", 1)
    cache.set("b", 2, ttl=math.inf)
    assert cache.default_ttl is None
    assert cache.get("a") == 1 and cache.get("b") == 2


def test_lru_evicts_the_least_recently_used_not_the_oldest() -> None:
    cache = TTLCache[int](max_size=3)
    for key in "abc":
        cache.set(key, ord(key))
    assert cache.get("a") == ord("a")  # a is now most recently used; b is the LRU
    cache.set("d", 4)
    assert cache.get("b") is None
    assert [cache.get(k) for k in "acd"] == [ord("a"), ord("c"), 4]
    assert cache.stats.evictions == 1
    assert len(cache) == 3


def test_set_refreshes_recency_and_value() -> None:
    cache = TTLCache[int](max_size=2)
    cache.set("a", 1)
    cache.set("b", 2)
    cache.set("a", 10)  # overwrite: a becomes most recent
    cache.set("c", 3)
    assert cache.get("a") == 10 and cache.get("b") is None


def test_evicting_an_expired_lru_entry_counts_as_expiration() -> None:
    cache = TTLCache[int](max_size=1)
    cache.set("old", 1, ttl=0.01)
    time.sleep(0.03)
    cache.set("new", 2)
    assert (cache.stats.evictions, cache.stats.expirations) == (0, 1)


def test_delete_clear_and_reset_stats() -> None:
    cache = TTLCache[int]()
    cache.set("a", 1)
    cache.set("b", 2)
    assert cache.delete("a") is True
    assert cache.delete("a") is False
    cache.get("b")
    cache.clear()
    assert len(cache) == 0
    assert cache.stats.hits == 1  # clear keeps the counters
    cache.reset_stats()
    assert cache.stats.hits == 0


def test_leaving_the_with_block_drops_entries_but_keeps_stats() -> None:
    with TTLCache[int]() as cache:
        cache.set("a", 1)
        assert cache.get("a") == 1
    assert len(cache) == 0
    assert cache.stats.hits == 1


def test_none_values_are_cached_and_reported_as_hits() -> None:
    cache = TTLCache[int | None]()
    cache.set("nothing", None)
    assert cache.get("nothing") is None
    assert cache.stats.hits == 1


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"max_size": 0}, "max_size"),
        ({"max_size": -5}, "max_size"),
        ({"max_size": 2.5}, "max_size"),
        ({"max_size": True}, "max_size"),
        ({"default_ttl": 0}, "default_ttl"),
        ({"default_ttl": -1.0}, "default_ttl"),
        ({"default_ttl": math.nan}, "default_ttl"),
        ({"default_ttl": "60"}, "default_ttl"),
    ],
)
def test_bad_arguments_name_the_field(kwargs: dict[str, object], field: str) -> None:
    for cls in (TTLCache, AsyncTTLCache):
        with pytest.raises(ValidationError) as info:
            cls(**kwargs)
        assert info.value.field == field


def test_bad_ttl_on_set_names_the_field() -> None:
    cache = TTLCache[int]()
    with pytest.raises(ValidationError) as info:
        cache.set("a", 1, ttl=0)
    assert info.value.field == "ttl"
    assert len(cache) == 0


def test_sync_get_or_load_calls_the_loader_once_for_concurrent_threads() -> None:
    cache = TTLCache[str]()
    calls = 0
    start = threading.Barrier(8)

    def loader() -> str:
        nonlocal calls
        calls += 1
        time.sleep(0.05)
        return "loaded"

    results: list[str] = []

    def worker() -> None:
        start.wait()
        results.append(cache.get_or_load("k", loader))

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == ["loaded"] * 8
    assert calls == 1


def test_sync_get_or_load_does_not_cache_a_failure() -> None:
    cache = TTLCache[int]()

    def boom() -> int:
        raise RuntimeError("server down")

    with pytest.raises(RuntimeError):
        cache.get_or_load("k", boom)
    assert cache.get_or_load("k", lambda: 7) == 7


def test_sync_cache_survives_many_threads() -> None:
    cache = TTLCache[int](max_size=50)

    def hammer(offset: int) -> None:
        for i in range(2000):
            key = (offset * 7 + i) % 120
            if cache.get(key) is None:
                cache.set(key, i)
            if i % 50 == 0:
                cache.delete(key)

    threads = [threading.Thread(target=hammer, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stats = cache.stats
    assert stats.size <= 50
    assert stats.hits + stats.misses == 6 * 2000


# -- the async twin -------------------------------------------------------------------------------


def test_async_guide_usage() -> None:
    async def main() -> tuple[str | None, str]:
        cache = AsyncTTLCache[str](max_size=1000, default_ttl=300.0)
        async with cache:
            await cache.set("key", "value", ttl=60.0)
            value = await cache.get("key")
            await cache.get("other")
            return value, f"{cache.stats.hit_rate:.1%}"

    assert asyncio.run(main()) == ("value", "50.0%")


def test_async_lru_ttl_delete_clear() -> None:
    async def main() -> None:
        cache = AsyncTTLCache[int](max_size=2, default_ttl=0.3)
        await cache.set("a", 1)
        await cache.set("b", 2, ttl=60.0)
        assert await cache.get("a") == 1
        await cache.set("c", 3)  # b is the LRU
        assert await cache.get("b") is None
        await asyncio.sleep(0.35)
        assert await cache.get("a") is None  # expired
        assert await cache.get("c") is None  # expired too (default ttl)
        await cache.set("d", 4)
        assert await cache.delete("d") is True
        await cache.set("e", 5, ttl=0.01)
        await asyncio.sleep(0.03)
        assert await cache.purge_expired() == 1
        await cache.set("f", 6)
        await cache.clear()
        assert len(cache) == 0
        stats = cache.stats
        assert (stats.evictions, stats.expirations) == (1, 3)

    asyncio.run(main())


def test_async_get_or_load_single_flight() -> None:
    async def main() -> None:
        cache = AsyncTTLCache[list[str]]()
        calls = 0

        async def loader() -> list[str]:
            nonlocal calls
            calls += 1
            await asyncio.sleep(0.02)
            return ["ICT", "FCT"]

        results = await asyncio.gather(*(cache.get_or_load("processes", loader) for _ in range(20)))
        assert all(r == ["ICT", "FCT"] for r in results)
        assert calls == 1
        assert await cache.get_or_load("processes", loader) == ["ICT", "FCT"]
        assert calls == 1
        assert cache.stats.hits >= 1

    asyncio.run(main())


def test_async_get_or_load_error_reaches_every_waiter_and_is_not_cached() -> None:
    async def main() -> None:
        cache = AsyncTTLCache[int]()

        async def failing() -> int:
            await asyncio.sleep(0.01)
            raise RuntimeError("no")

        outcomes = await asyncio.gather(
            *(cache.get_or_load("k", failing) for _ in range(3)), return_exceptions=True
        )
        assert all(isinstance(o, RuntimeError) for o in outcomes)

        async def working() -> int:
            return 42

        assert await cache.get_or_load("k", working) == 42

    asyncio.run(main())


def test_async_get_or_load_survives_the_loading_caller_being_cancelled() -> None:
    async def main() -> None:
        cache = AsyncTTLCache[int]()
        started = asyncio.Event()

        async def slow() -> int:
            started.set()
            await asyncio.sleep(0.05)
            return 1

        first = asyncio.create_task(cache.get_or_load("k", slow))
        await started.wait()
        second = asyncio.create_task(cache.get_or_load("k", slow))
        await asyncio.sleep(0)
        first.cancel()
        assert await second == 1
        with pytest.raises(asyncio.CancelledError):
            await first

    asyncio.run(main())


def test_async_cache_shared_by_many_tasks_and_threads() -> None:
    cache = AsyncTTLCache[int](max_size=20)

    async def task(offset: int) -> None:
        for i in range(500):
            key = (offset + i) % 40
            if await cache.get(key) is None:
                await cache.set(key, i)
            if i % 25 == 0:
                await asyncio.sleep(0)

    async def many() -> None:
        await asyncio.gather(*(task(n) for n in range(10)))

    threads = [threading.Thread(target=asyncio.run, args=(many(),)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stats = cache.stats
    assert stats.size <= 20
    assert stats.hits + stats.misses == 2 * 10 * 500


def test_async_hit_is_fast() -> None:
    """A loose guard (the benchmark measures properly): a hit far below 50 µs even on a busy box."""

    async def main() -> float:
        cache = AsyncTTLCache[str]()
        await cache.set("k", "v")
        n = 20000
        start = time.perf_counter()
        for _ in range(n):
            await cache.get("k")
        return (time.perf_counter() - start) / n

    assert asyncio.run(main()) < 50e-6


def test_repr_mentions_size() -> None:
    assert "size=0" in repr(AsyncTTLCache[int]())
    assert "TTLCache(max_size=5" in repr(TTLCache[int](max_size=5))


def test_import_pywats_loads_none_of_the_performance_helpers() -> None:
    code = (
        "import sys, pywats, pywats.core as core\n"
        "helpers = ['cache', 'batching', 'parallel', 'pagination', 'performance']\n"
        "print([h for h in helpers if 'pywats.core.' + h in sys.modules], 'msgpack' in sys.modules)\n"
        "core.paginate\n"
        "print('pywats.core.pagination' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["[] False", "True"]
