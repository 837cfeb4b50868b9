"""Which queued report to upload next, and whether to upload at all right now.

:class:`UploadIndex` keeps the ids of ``pending`` entries ordered by priority (1 first), then age,
so a backlog queued at priority 10 never holds up live results; ``retrying`` entries join when
their ``next_attempt`` comes. :class:`Gate` is a circuit breaker: after an upload fails for a
reason the server or network will recover from, nothing is sent until the gate's delay is over,
then a single probe goes out; its success opens the gate for everyone. So a server that is down
for hours sees one request per delay, not one per queued report.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import math
import time
from collections.abc import Callable

__all__ = ["Gate", "UploadIndex"]


class Gate:
    """Open, or closed until a time after failures, with one probe allowed when the time comes."""

    def __init__(self, delay: Callable[[int], float], clock: Callable[[], float] = time.time) -> None:
        self._delay = delay
        self._clock = clock
        self.failures = 0
        self.reopens_at = 0.0
        self.probing = False

    def wait_s(self) -> float:
        """Seconds until an upload may start (0 now, ``inf`` while a probe is out)."""
        if self.failures == 0:
            return 0.0
        if self.probing:
            return math.inf
        return max(0.0, self.reopens_at - self._clock())

    def started(self) -> None:
        if self.failures:
            self.probing = True

    def succeeded(self) -> None:
        self.failures = 0
        self.probing = False

    def failed(self) -> float:
        """Close (again) after a recoverable failure; returns the delay."""
        self.failures += 1
        self.probing = False
        delay = self._delay(self.failures)
        self.reopens_at = self._clock() + delay
        return delay

    def finished_other(self) -> None:
        """A probe ended neither in success nor in a recoverable failure (parked): let another try."""
        self.probing = False


class UploadIndex:
    """Entries waiting for upload, in order; workers :meth:`take` the next one when the gate allows."""

    def __init__(self, gate: Gate, clock: Callable[[], float] = time.time) -> None:
        self.gate = gate
        self._clock = clock
        self._ready: list[tuple[int, float, str]] = []
        self._later: list[tuple[float, int, float, str]] = []
        self._known: set[str] = set()
        self._changed = asyncio.Event()
        self.closed = False

    def __contains__(self, entry_id: str) -> bool:
        return entry_id in self._known

    def __len__(self) -> int:
        return len(self._ready) + len(self._later)

    @property
    def ready_count(self) -> int:
        return len(self._ready)

    def notify(self) -> None:
        """Wake the workers (something changed: a new entry, the gate, shutdown)."""
        self._changed.set()

    def add(self, entry_id: str, priority: int, created: float) -> None:
        """An entry ready now (``pending``)."""
        if entry_id in self._known:
            return
        self._known.add(entry_id)
        heapq.heappush(self._ready, (priority, created, entry_id))
        self.notify()

    def add_later(self, entry_id: str, due: float, priority: int, created: float) -> None:
        """An entry to try again at ``due`` (wall-clock seconds)."""
        self._known.add(entry_id)
        heapq.heappush(self._later, (due, priority, created, entry_id))
        self.notify()

    def forget(self, entry_id: str) -> None:
        """The entry left the index for good (uploaded, parked, or gone)."""
        self._known.discard(entry_id)

    def close(self) -> None:
        self.closed = True
        self.notify()

    def _promote(self, now: float) -> None:
        while self._later and self._later[0][0] <= now:
            _, priority, created, entry_id = heapq.heappop(self._later)
            heapq.heappush(self._ready, (priority, created, entry_id))

    async def take(self) -> str | None:
        """The next entry id to upload (waits for one and for the gate); None once closed."""
        while not self.closed:
            now = self._clock()
            self._promote(now)
            wait = math.inf
            if self._ready:
                wait = self.gate.wait_s()
                if wait <= 0:
                    self.gate.started()
                    return heapq.heappop(self._ready)[2]
            if self._later:
                wait = min(wait, max(0.0, self._later[0][0] - now))
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), None if math.isinf(wait) else wait)
        return None
