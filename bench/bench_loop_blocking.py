"""Event-loop blocking: how long can ``AsyncWATS`` (default settings) keep the loop from running?

A ticker task sleeps 5 ms in a loop and records the largest gap between its wakeups while the
client makes 1,000 calls (10 in flight): get_product on existing products, get_product on missing
ones (NotFoundError, caught) and get_version. The window includes constructing the client, as an
application does inside its loop. Target: the loop is never stalled > 50 ms. The same ticker runs
against a raw ``httpx.AsyncClient`` making the same calls, for comparison.

On a shared machine a gap also contains time the OS kept the loop's thread waiting for a CPU
while it was ready to run; that is other processes' doing, not blocking. Where Linux reports it
(``/proc/thread-self/schedstat``), the stall is the gap minus that run-queue wait; time spent
inside blocking system calls, waiting for the GIL or computing still counts in full.
Run alone: ``.venv/bin/python bench/bench_loop_blocking.py``.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from typing import Any

import httpx

from _common import Result, auth_headers, missing_part_numbers, part_numbers, report, standalone
from pywats import AsyncWATS, NotFoundError

TARGET_MS = 50.0
TICK_S = 0.005
CALLS = 1000
IN_FLIGHT = 10
ROUNDS = 2  # per side, alternating; the worst gap of all rounds counts

Call = tuple[str, str]  # (kind, argument)
Opener = Callable[[], AbstractAsyncContextManager[Any]]
Doer = Callable[[Any, Call], Awaitable[None]]
Side = tuple[Opener, Doer]


def plan(calls: int = CALLS) -> list[Call]:
    """7 in 10 calls read an existing product, 2 a missing one, 1 asks for the version."""
    pns, missing = part_numbers(), missing_part_numbers(calls)
    out: list[Call] = []
    for i in range(calls):
        slot = i % 10
        if slot < 7:
            out.append(("product", pns[i % len(pns)]))
        elif slot < 9:
            out.append(("missing", missing[i]))
        else:
            out.append(("version", ""))
    return out


@dataclass(frozen=True)
class Gap:
    """The time between two ticker wakeups, and what the loop's thread did in it."""

    wall: float  # seconds between the wakeups
    cpu: float  # seconds the thread computed
    queued: float  # seconds the thread was ready to run but had no CPU (0 if not known)

    @property
    def stall(self) -> float:
        """How long the loop itself was held up: the gap without the OS's run-queue wait."""
        return self.wall - self.queued


@dataclass
class Gaps:
    """The ticker's gaps; ``setup`` gaps end before the client was ready to make calls."""

    setup: list[Gap] = field(default_factory=list)
    calls: list[Gap] = field(default_factory=list)

    @property
    def all(self) -> list[Gap]:
        return self.setup + self.calls

    def worst(self, key: Callable[[Gap], float]) -> Gap:
        return max(self.all, key=key)

    def extend(self, other: Gaps) -> None:
        self.setup += other.setup
        self.calls += other.calls


def _schedstat_reader() -> Callable[[], float] | None:
    """A function giving this thread's run-queue wait so far, in seconds; None off Linux."""
    try:
        stat = open("/proc/thread-self/schedstat", "rb")  # noqa: SIM115 - kept open, read at every tick
    except OSError:
        return None

    def queued() -> float:
        stat.seek(0)
        return int(stat.read().split()[1]) / 1e9

    return queued


async def ticker(stop: asyncio.Event, gaps: Gaps, ready: asyncio.Event) -> None:
    queued = _schedstat_reader() or (lambda: 0.0)
    last, last_cpu, last_queued = time.perf_counter(), time.thread_time(), queued()
    while not stop.is_set():
        await asyncio.sleep(TICK_S)
        now, cpu, waited = time.perf_counter(), time.thread_time(), queued()
        gap = Gap(now - last, cpu - last_cpu, waited - last_queued)
        (gaps.calls if ready.is_set() else gaps.setup).append(gap)
        last, last_cpu, last_queued = now, cpu, waited


async def observe(
    open_client: Opener,
    do: Doer,
    calls: list[Call],
) -> Gaps:
    """Construct a client and make ``calls`` with it while the ticker watches the loop."""
    gaps, stop, ready = Gaps(), asyncio.Event(), asyncio.Event()
    tick = asyncio.create_task(ticker(stop, gaps, ready))
    await asyncio.sleep(TICK_S * 2)  # let the ticker take its first breath
    try:
        async with open_client() as client:
            # Constructing the client ran without yielding; let the ticker record that gap
            # (it ends at the ticker's next wakeup) before the calls' gaps are counted.
            await asyncio.sleep(TICK_S * 2)
            ready.set()
            todo = iter(calls)

            async def worker() -> None:
                for call in todo:
                    await do(client, call)

            await asyncio.gather(*(worker() for _ in range(IN_FLIGHT)))
    finally:
        stop.set()
        await tick
    return gaps


def pywats_side(url: str, token: str) -> Side:
    def open_client() -> AbstractAsyncContextManager[Any]:
        return AsyncWATS(base_url=url, token=token)

    async def do(api: AsyncWATS, call: Call) -> None:
        kind, arg = call
        if kind == "version":
            await api.get_version()
            return
        try:
            await api.product.get_product(arg)
        except NotFoundError:
            if kind != "missing":
                raise

    return open_client, do


def raw_side(url: str, token: str) -> Side:
    headers = auth_headers(token)

    def open_client() -> AbstractAsyncContextManager[Any]:
        return httpx.AsyncClient()

    async def do(client: httpx.AsyncClient, call: Call) -> None:
        kind, arg = call
        path = "/api/App/Version" if kind == "version" else "/api/Product/" + arg
        response = await client.get(url + path, headers=headers)
        if kind == "missing" and response.status_code == 404:
            return
        response.raise_for_status()
        response.json()

    return open_client, do


async def compare(url: str, token: str) -> tuple[Gaps, Gaps]:
    calls = plan()
    sides = {"pywats": pywats_side(url, token), "raw": raw_side(url, token)}
    # Warm-up (not measured): first-use imports and caches inside httpx and pyWATS.
    for open_client, do in sides.values():
        await observe(open_client, do, calls[:50])
    results: dict[str, Gaps] = {name: Gaps() for name in sides}
    for i in range(ROUNDS):
        for name in sorted(sides, reverse=bool(i % 2)):
            gaps = await observe(*sides[name], calls)
            results[name].extend(gaps)
    return results["pywats"], results["raw"]


def run(url: str, token: str) -> list[Result]:
    ours, raw = asyncio.run(compare(url, token))
    corrected = _schedstat_reader() is not None

    def ms(seconds: float) -> str:
        return f"{seconds * 1000:.1f} ms"

    def describe(g: Gaps) -> str:
        stall, wall = g.worst(lambda x: x.stall), g.worst(lambda x: x.wall)
        setup = max(x.stall for x in g.setup) if g.setup else 0.0
        typical = statistics.median(x.wall for x in g.calls)
        return (
            f"worst stall {ms(stall.stall)} (a {ms(stall.wall)} gap, {ms(stall.cpu)} of it computing); "
            f"worst raw gap {ms(wall.wall)} ({ms(wall.queued)} of it waiting for a CPU); "
            f"constructing the client {ms(setup)}; median gap {ms(typical)}"
        )

    ours_stall, raw_stall = ours.worst(lambda x: x.stall).stall, raw.worst(lambda x: x.stall).stall
    how = "gap minus run-queue wait" if corrected else "gap between wakeups (no run-queue data here)"
    return [
        report(
            Result(
                name="event-loop max stall",
                measured=f"AsyncWATS {ms(ours_stall)}, raw httpx.AsyncClient {ms(raw_stall)}",
                metric="max stall",
                value=ours_stall * 1000,
                target=TARGET_MS,
                higher_is_better=False,
                unit=" ms",
                note=f"{ROUNDS}x{CALLS} calls, {IN_FLIGHT} in flight, ticker sleeps {ms(TICK_S)}; "
                f"stall = {how}.\n"
                f"    AsyncWATS: {describe(ours)}\n    raw httpx: {describe(raw)}",
            )
        )
    ]


if __name__ == "__main__":
    standalone(__doc__.splitlines()[0], run)
