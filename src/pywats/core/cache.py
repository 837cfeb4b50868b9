"""In-memory caches with a time to live (TTL) and least-recently-used (LRU) eviction.

Two twins share one implementation:

* :class:`AsyncTTLCache` for asyncio code (``await cache.get(key)``, ``async with cache:``);
* :class:`TTLCache` for threaded or plain synchronous code (``cache.get(key)``, ``with cache:``).

>>> cache = TTLCache[str](max_size=2, default_ttl=60.0)
>>> cache.set("a", "alpha")
>>> cache.get("a")
'alpha'
>>> cache.stats.hits, cache.stats.misses
(1, 0)

Behaviour common to both:

* **Expiry is lazy.** An entry's deadline is checked when the entry is read (or when it is the
  least recently used entry and room is needed); there is no background task or timer.
  :meth:`purge_expired` drops every expired entry at once, for callers who want memory back early.
* **True LRU.** Every successful ``get`` marks the entry as most recently used; when a ``set``
  would exceed ``max_size``, the least recently used entry is evicted.
* **Safe under concurrent use.** Each operation holds a short ``threading.Lock`` and never awaits
  or calls user code while holding it, so one cache may be shared by coroutines and threads.
* **Statistics.** :attr:`stats` is a snapshot (:class:`CacheStats`) with ``hits``, ``misses``,
  ``hit_rate`` (a fraction from 0 to 1, so ``f"{stats.hit_rate:.1%}"`` prints a percentage),
  ``evictions``, ``expirations``, ``size`` and ``max_size``. It reads as attributes and as a
  mapping (``stats["hit_rate"]``).
* **Context manager.** ``with``/``async with`` bounds the cache's working life: leaving the block
  drops the entries (statistics are kept so they can still be reported). Using the cache without
  the block is fine too.
"""

from __future__ import annotations

import asyncio
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable, Iterator
from dataclasses import asdict, dataclass
from types import TracebackType
from typing import Generic, Self, TypeVar

from pywats.core.exceptions import ValidationError

__all__ = ["DEFAULT_MAX_SIZE", "DEFAULT_TTL_S", "AsyncTTLCache", "CacheStats", "TTLCache"]

T = TypeVar("T")

DEFAULT_MAX_SIZE = 1000
DEFAULT_TTL_S = 300.0


@dataclass(frozen=True, slots=True)
class CacheStats:
    """A snapshot of a cache's counters, taken when :attr:`AsyncTTLCache.stats` is read."""

    hits: int
    misses: int
    evictions: int
    expirations: int
    size: int
    max_size: int

    @property
    def hit_rate(self) -> float:
        """Hits divided by lookups, from 0.0 to 1.0 (0.0 before the first lookup)."""
        lookups = self.hits + self.misses
        return self.hits / lookups if lookups else 0.0

    def as_dict(self) -> dict[str, float | int]:
        """The counters and ``hit_rate`` as a plain dict."""
        values: dict[str, float | int] = asdict(self)
        values["hit_rate"] = self.hit_rate
        return values

    def keys(self) -> list[str]:
        """The names readable with ``stats[name]`` (so ``dict(stats)`` works)."""
        return list(self.as_dict())

    def __getitem__(self, name: str) -> float | int:
        try:
            return self.as_dict()[name]
        except KeyError:
            raise KeyError(f"CacheStats has no {name!r}; known: {', '.join(self.keys())}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys())


def _check_ttl(field: str, ttl: float | None, *, allow_none: bool) -> float | None:
    """``ttl`` as float seconds; ``None`` passes only where it means "no expiry"."""
    if ttl is None and allow_none:
        return None
    if isinstance(ttl, bool) or not isinstance(ttl, (int, float)) or math.isnan(ttl) or ttl <= 0:
        message = f"{field} must be a positive number of seconds, got {ttl!r}"
        raise ValidationError(message, field=field, value=ttl, operation="cache")
    return float(ttl)


class _LRUStore(Generic[T]):
    """The shared engine: an ordered dict of ``key -> (value, deadline)`` behind one lock.

    Deadlines are ``time.monotonic()`` values (``math.inf`` for no expiry), so a wall-clock change
    never expires or revives entries. The dict's order is the recency order: first = least recent.
    """

    def __init__(self, max_size: int, default_ttl: float | None) -> None:
        if isinstance(max_size, bool) or not isinstance(max_size, int) or max_size < 1:
            raise ValidationError(
                f"max_size must be a positive integer, got {max_size!r}",
                field="max_size",
                value=max_size,
                operation="cache",
            )
        self.max_size = max_size
        self.default_ttl = _check_ttl("default_ttl", default_ttl, allow_none=True)
        self._entries: OrderedDict[Hashable, tuple[T, float]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0
        self.evictions = 0
        self.expirations = 0

    def lookup(self, key: Hashable) -> tuple[bool, T | None]:
        """``(True, value)`` on a hit, ``(False, None)`` on a miss (expired entries are dropped)."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                if entry[1] > time.monotonic():
                    self._entries.move_to_end(key)
                    self.hits += 1
                    return True, entry[0]
                del self._entries[key]
                self.expirations += 1
            self.misses += 1
            return False, None

    def store(self, key: Hashable, value: T, ttl: float | None) -> None:
        seconds = self.default_ttl if ttl is None else _check_ttl("ttl", ttl, allow_none=False)
        deadline = math.inf if seconds is None else time.monotonic() + seconds
        with self._lock:
            entries = self._entries
            entries[key] = (value, deadline)
            entries.move_to_end(key)
            while len(entries) > self.max_size:
                _, (_, oldest_deadline) = entries.popitem(last=False)
                # An expired entry leaving the cache counts as an expiration, not an eviction.
                if oldest_deadline <= time.monotonic():
                    self.expirations += 1
                else:
                    self.evictions += 1

    def peek(self, key: Hashable) -> tuple[bool, T | None]:
        """Like :meth:`lookup` but touches neither the recency order nor the counters."""
        with self._lock:
            entry = self._entries.get(key)
        if entry is not None and entry[1] > time.monotonic():
            return True, entry[0]
        return False, None

    def remove(self, key: Hashable) -> bool:
        with self._lock:
            return self._entries.pop(key, None) is not None

    def drop_all(self) -> None:
        with self._lock:
            self._entries.clear()

    def purge_expired(self) -> int:
        now = time.monotonic()
        with self._lock:
            expired = [key for key, (_, deadline) in self._entries.items() if deadline <= now]
            for key in expired:
                del self._entries[key]
            self.expirations += len(expired)
            return len(expired)

    def reset_stats(self) -> None:
        with self._lock:
            self.hits = self.misses = self.evictions = self.expirations = 0

    def snapshot(self) -> CacheStats:
        with self._lock:
            return CacheStats(
                hits=self.hits,
                misses=self.misses,
                evictions=self.evictions,
                expirations=self.expirations,
                size=len(self._entries),
                max_size=self.max_size,
            )

    def __len__(self) -> int:
        return len(self._entries)


class AsyncTTLCache(Generic[T]):
    """An asyncio-friendly TTL + LRU cache: ``AsyncTTLCache[str](max_size=1000, default_ttl=300.0)``.

    ``max_size`` is the number of entries kept (at least 1); ``default_ttl`` the lifetime in
    seconds of entries stored without an explicit ``ttl`` (``None``: they never expire, only LRU
    eviction removes them). All methods are coroutines that never suspend except
    :meth:`get_or_load`, which awaits the loader.
    """

    def __init__(self, max_size: int = DEFAULT_MAX_SIZE, default_ttl: float | None = DEFAULT_TTL_S) -> None:
        self._store: _LRUStore[T] = _LRUStore(max_size, default_ttl)
        self._loading: dict[Hashable, asyncio.Future[T]] = {}

    @property
    def max_size(self) -> int:
        """The most entries the cache holds before evicting the least recently used."""
        return self._store.max_size

    @property
    def default_ttl(self) -> float | None:
        """Seconds an entry lives when ``set`` gets no ``ttl`` (``None``: no expiry)."""
        return self._store.default_ttl

    @property
    def stats(self) -> CacheStats:
        """A snapshot of the counters: hits, misses, hit_rate, evictions, expirations, size."""
        return self._store.snapshot()

    async def get(self, key: Hashable) -> T | None:
        """The cached value, or ``None`` when the key is absent or expired (counted as a miss)."""
        return self._store.lookup(key)[1]

    async def set(self, key: Hashable, value: T, ttl: float | None = None) -> None:
        """Store ``value`` for ``ttl`` seconds (default: ``default_ttl``); ``math.inf`` for no expiry."""
        self._store.store(key, value, ttl)

    async def delete(self, key: Hashable) -> bool:
        """Remove ``key``; ``True`` if it was present."""
        return self._store.remove(key)

    async def clear(self) -> None:
        """Drop every entry (statistics are kept; see :meth:`reset_stats`)."""
        self._store.drop_all()

    async def purge_expired(self) -> int:
        """Drop every expired entry now; returns how many were dropped."""
        return self._store.purge_expired()

    def reset_stats(self) -> None:
        """Set hits, misses, evictions and expirations back to zero."""
        self._store.reset_stats()

    async def get_or_load(
        self, key: Hashable, loader: Callable[[], Awaitable[T]], ttl: float | None = None
    ) -> T:
        """The cached value, or ``await loader()`` stored under ``key`` on a miss.

        Concurrent callers missing the same key in the same event loop share one ``loader()``
        call instead of each calling the server. A loader's exception reaches every waiting
        caller and nothing is cached.
        """
        found, value = self._store.lookup(key)
        if found:
            return value  # type: ignore[return-value]  # a stored T, possibly None by the caller's choice
        loop = asyncio.get_running_loop()
        pending = self._loading.get(key)
        if pending is not None and pending.get_loop() is loop:
            try:
                return await asyncio.shield(pending)
            except asyncio.CancelledError:
                task = asyncio.current_task()
                if pending.cancelled() and task is not None and not task.cancelling():
                    # The loading caller was cancelled, not us: load it ourselves.
                    return await self.get_or_load(key, loader, ttl)
                raise
        future: asyncio.Future[T] = loop.create_future()
        self._loading[key] = future
        try:
            result = await loader()
        except asyncio.CancelledError:
            future.cancel()
            raise
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # mark retrieved: nobody else may be waiting
            raise
        else:
            self._store.store(key, result, ttl)
            future.set_result(result)
            return result
        finally:
            if self._loading.get(key) is future:
                del self._loading[key]

    def __len__(self) -> int:
        return len(self._store)

    def __repr__(self) -> str:
        return f"AsyncTTLCache(max_size={self.max_size}, default_ttl={self.default_ttl}, size={len(self)})"

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._store.drop_all()


class TTLCache(Generic[T]):
    """The synchronous, thread-safe twin of :class:`AsyncTTLCache` (same parameters and methods)."""

    def __init__(self, max_size: int = DEFAULT_MAX_SIZE, default_ttl: float | None = DEFAULT_TTL_S) -> None:
        self._store: _LRUStore[T] = _LRUStore(max_size, default_ttl)
        self._loading_lock = threading.Lock()
        self._key_locks: dict[Hashable, threading.Lock] = {}

    @property
    def max_size(self) -> int:
        """The most entries the cache holds before evicting the least recently used."""
        return self._store.max_size

    @property
    def default_ttl(self) -> float | None:
        """Seconds an entry lives when ``set`` gets no ``ttl`` (``None``: no expiry)."""
        return self._store.default_ttl

    @property
    def stats(self) -> CacheStats:
        """A snapshot of the counters: hits, misses, hit_rate, evictions, expirations, size."""
        return self._store.snapshot()

    def get(self, key: Hashable) -> T | None:
        """The cached value, or ``None`` when the key is absent or expired (counted as a miss)."""
        return self._store.lookup(key)[1]

    def set(self, key: Hashable, value: T, ttl: float | None = None) -> None:
        """Store ``value`` for ``ttl`` seconds (default: ``default_ttl``); ``math.inf`` for no expiry."""
        self._store.store(key, value, ttl)

    def delete(self, key: Hashable) -> bool:
        """Remove ``key``; ``True`` if it was present."""
        return self._store.remove(key)

    def clear(self) -> None:
        """Drop every entry (statistics are kept; see :meth:`reset_stats`)."""
        self._store.drop_all()

    def purge_expired(self) -> int:
        """Drop every expired entry now; returns how many were dropped."""
        return self._store.purge_expired()

    def reset_stats(self) -> None:
        """Set hits, misses, evictions and expirations back to zero."""
        self._store.reset_stats()

    def get_or_load(self, key: Hashable, loader: Callable[[], T], ttl: float | None = None) -> T:
        """The cached value, or ``loader()`` stored under ``key`` on a miss.

        Threads missing the same key at the same time call ``loader()`` once: the others wait
        for it and then read the cached value. If the loader raises, nothing is cached and the
        next waiter tries its own load.
        """
        found, value = self._store.lookup(key)
        if found:
            return value  # type: ignore[return-value]  # a stored T, possibly None by the caller's choice
        with self._loading_lock:
            key_lock = self._key_locks.setdefault(key, threading.Lock())
        try:
            with key_lock:
                # Another thread may have loaded it while we waited; peek without counting twice.
                found, value = self._store.peek(key)
                if found:
                    return value  # type: ignore[return-value]
                result = loader()
                self._store.store(key, result, ttl)
                return result
        finally:
            with self._loading_lock:
                if not key_lock.locked():
                    self._key_locks.pop(key, None)

    def __len__(self) -> int:
        return len(self._store)

    def __repr__(self) -> str:
        return f"TTLCache(max_size={self.max_size}, default_ttl={self.default_ttl}, size={len(self)})"

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._store.drop_all()
