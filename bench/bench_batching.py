"""1,000 lookups with 5 ms of server latency: ``batch_map`` / ``batch_execute`` (10 at a time) vs a loop.

Targets: ``batch_map(max_concurrent=10)`` on ``AsyncWATS`` and ``batch_execute(max_workers=10)``
on ``pyWATS`` each at least 6x faster than a sequential loop over the same calls. The server
delays every lookup by 5 ms (fault injection ``delay_s=0.005``, ``count=0``), standing in for a
real server's work and network. The lookup is ``production.get_unit`` when the production domain
is there, else ``product.get_product`` (the printout says which). Raw baseline, same run and
same concurrency: ``httpx`` with a semaphore (async) or a thread pool (sync).
Run alone: ``.venv/bin/python bench/bench_batching.py``.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx

from _common import Result, auth_headers, part_numbers, report, standalone
from pywats import AsyncWATS, pyWATS
from pywats.core import batch_execute
from pywats.core.batching import batch_map
from pywats.testing import ServerControl

TARGET = 6.0
CALLS = 1000
CONCURRENCY = 10
DELAY_S = 0.005
UNIT_PART_NUMBER = "BENCH-UNIT"


class Workload:
    """What is looked up: units when the production domain exists, else products."""

    def __init__(self, url: str, token: str) -> None:
        with pyWATS(base_url=url, token=token) as api:
            production = getattr(api, "production", None)
            self.units = all(hasattr(production, m) for m in ("get_unit", "create_units"))
            if self.units:
                from pywats.domains.production import Unit

                serials = [f"BENCH-SN-{i:05d}" for i in range(CALLS)]
                api.product.create_product(UNIT_PART_NUMBER, name="Bench unit product")
                api.product.create_revision(UNIT_PART_NUMBER, "A")
                api.production.create_units(
                    [Unit(serial_number=sn, part_number=UNIT_PART_NUMBER, revision="A") for sn in serials]
                )
                self.keys = serials
            else:
                pns = part_numbers()
                self.keys = [pns[i % len(pns)] for i in range(CALLS)]
        self.name = "get_unit" if self.units else "get_product"
        self.fault_path = "/api/Production/Unit/*" if self.units else "/api/Product/*"

    def raw_path(self, key: str) -> str:
        if self.units:
            return f"/api/Production/Unit/{key}/{UNIT_PART_NUMBER}"
        return f"/api/Product/{key}"

    def async_call(self, api: AsyncWATS) -> Callable[[str], Awaitable[Any]]:
        if self.units:
            return lambda sn: api.production.get_unit(sn, UNIT_PART_NUMBER)  # type: ignore[attr-defined]
        return api.product.get_product

    def sync_call(self, api: pyWATS) -> Callable[[str], Any]:
        if self.units:
            return lambda sn: api.production.get_unit(sn, UNIT_PART_NUMBER)  # type: ignore[attr-defined]
        return api.product.get_product


LAST_CPU_S: list[float] = [0.0]  # this process's CPU time in the last timed() / timed_async() call


def timed(fn: Callable[[], object]) -> float:
    cpu, start = time.process_time(), time.perf_counter()
    fn()
    LAST_CPU_S[0] = time.process_time() - cpu
    return time.perf_counter() - start


async def timed_async(fn: Callable[[], Awaitable[object]]) -> float:
    cpu, start = time.process_time(), time.perf_counter()
    await fn()
    LAST_CPU_S[0] = time.process_time() - cpu
    return time.perf_counter() - start


def cpu_text() -> str:
    return f"{LAST_CPU_S[0] / CALLS * 1e6:.0f} us"


async def async_side(url: str, token: str, work: Workload, floor_s: float) -> Result:
    headers = auth_headers(token)
    async with AsyncWATS(base_url=url, token=token) as api, httpx.AsyncClient() as client:
        call = work.async_call(api)
        gate = asyncio.Semaphore(CONCURRENCY)

        async def raw_one(key: str) -> object:
            async with gate:
                return (await client.get(url + work.raw_path(key), headers=headers)).json()

        async def loop() -> None:
            for key in work.keys:
                await call(key)

        await batch_map(items=work.keys[:50], func=call, max_concurrent=CONCURRENCY)  # warm the pool
        batched = await timed_async(lambda: batch_map(items=work.keys, func=call, max_concurrent=CONCURRENCY))
        batched_cpu = cpu_text()
        raw = await timed_async(lambda: asyncio.gather(*(raw_one(k) for k in work.keys)))
        raw_cpu = cpu_text()
        sequential = await timed_async(loop)
    return Result(
        name=f"batch_map {work.name} x{CALLS}, 5 ms latency",
        measured=f"batch_map(max_concurrent={CONCURRENCY}) {batched:.2f} s, sequential await loop "
        f"{sequential:.2f} s, raw httpx + semaphore {raw:.2f} s",
        metric="speed-up",
        value=sequential / batched,
        target=TARGET,
        unit="x",
        note=f"ideal is {CONCURRENCY}x; batch_map / raw httpx time = {batched / raw:.2f}; client CPU per "
        f"lookup: batch_map {batched_cpu}, raw {raw_cpu}; " + ceiling_text(sequential, batched, floor_s),
    )


def sync_side(url: str, token: str, work: Workload, floor_s: float) -> Result:
    headers = auth_headers(token)
    with (
        pyWATS(base_url=url, token=token) as api,
        httpx.Client(limits=httpx.Limits(max_connections=CONCURRENCY)) as client,
    ):
        call = work.sync_call(api)

        def raw_one(key: str) -> object:
            return client.get(url + work.raw_path(key), headers=headers).json()

        def raw() -> None:
            with ThreadPoolExecutor(max_workers=CONCURRENCY) as pool:
                list(pool.map(raw_one, work.keys))

        batch_execute(keys=work.keys[:50], operation=call, max_workers=CONCURRENCY)  # warm the pool
        batched = timed(lambda: batch_execute(keys=work.keys, operation=call, max_workers=CONCURRENCY))
        batched_cpu = cpu_text()
        raw_s = timed(raw)
        raw_cpu = cpu_text()
        sequential = timed(lambda: [call(key) for key in work.keys])
    return Result(
        name=f"batch_execute {work.name} x{CALLS}, 5 ms latency",
        measured=f"batch_execute(max_workers={CONCURRENCY}) {batched:.2f} s, "
        f"sequential loop {sequential:.2f} s, raw httpx + {CONCURRENCY} threads {raw_s:.2f} s",
        metric="speed-up",
        value=sequential / batched,
        target=TARGET,
        unit="x",
        note=f"ideal is {CONCURRENCY}x; batch_execute / raw httpx time = {batched / raw_s:.2f}; client CPU "
        f"per lookup: batch_execute {batched_cpu}, raw {raw_cpu}; "
        + ceiling_text(sequential, batched, floor_s),
    )


async def server_bound_s(url: str, token: str, work: Workload) -> float:
    """Seconds the server needs for the lookups at full speed (no injected latency, raw httpx).

    However well a client batches, it cannot finish sooner: this bounds the possible speed-up.
    """
    headers = auth_headers(token)
    async with httpx.AsyncClient() as client:
        gate = asyncio.Semaphore(CONCURRENCY)

        async def one(key: str) -> None:
            async with gate:
                (await client.get(url + work.raw_path(key), headers=headers)).raise_for_status()

        await asyncio.gather(*(one(k) for k in work.keys[:50]))
        # The least disturbed of two runs: other load on the machine only ever adds time.
        return min(
            [await timed_async(lambda: asyncio.gather(*(one(k) for k in work.keys))) for _ in range(2)]
        )


def ceiling_text(sequential_s: float, batched_s: float, floor_s: float) -> str:
    """How far the server's own speed lets any client get (the floor was measured at another moment,
    so on a machine whose load changes the measured speed-up can land above it)."""
    ceiling = sequential_s / max(floor_s, sequential_s / CONCURRENCY)
    text = (
        f"at best the server answered {CALLS} lookups in {floor_s:.2f} s without the 5 ms delay, "
        f"which caps any client near {ceiling:.1f}x"
    )
    if sequential_s / batched_s > ceiling * 1.1:
        text += " (the machine's load changed during the run)"
    return text


def run(url: str, token: str) -> list[Result]:
    work = Workload(url, token)
    print(f"looking up with {work.name} (production domain {'present' if work.units else 'not landed yet'})")
    floor_s = asyncio.run(server_bound_s(url, token, work))
    control = ServerControl(url, token)
    control.add_fault(path=work.fault_path, method="GET", delay_s=DELAY_S, count=0)
    try:
        return [
            report(asyncio.run(async_side(url, token, work, floor_s))),
            report(sync_side(url, token, work, floor_s)),
        ]
    finally:
        control.clear_faults()


if __name__ == "__main__":
    standalone(__doc__.splitlines()[0], run)
