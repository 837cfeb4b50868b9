"""``AsyncWATS`` with 20 requests in flight vs raw ``httpx.AsyncClient`` with 20 in flight (target >= 1.0).

Both use their default settings (raw httpx: default pool limits), over plain HTTP on loopback.
Run alone: ``.venv/bin/python bench/bench_async_client.py``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator

import httpx

from _common import (
    Result,
    Sample,
    auth_headers,
    interleaved_rounds_async,
    measure_async,
    part_numbers,
    report,
    standalone,
)
from pywats import AsyncWATS

TARGET = 1.0
IN_FLIGHT = 20
# Many short rounds: a busy spell on the machine hits both sides alike, and no pool sits idle long
# enough for the server's keep-alive timeout (uvicorn: 5 s) to close its connections.
CALLS_PER_ROUND = 100
MEASURE_SECONDS = 24.0  # both sides together; the number of rounds is sized from the warm-up rate
MIN_ROUNDS = 20
WARMUP_CALLS = IN_FLIGHT * 10


async def in_flight(calls: int, call: Callable[[str], Awaitable[object]], pns: list[str]) -> Sample:
    """Make ``calls`` calls with :data:`IN_FLIGHT` worker tasks, timed."""
    todo: Iterator[str] = (pns[i % len(pns)] for i in range(calls))

    async def worker() -> None:
        for pn in todo:  # the workers share one iterator: each call is taken exactly once
            await call(pn)

    return await measure_async(calls, lambda: asyncio.gather(*(worker() for _ in range(IN_FLIGHT))))


async def compare(url: str, token: str) -> Result:
    pns = part_numbers()
    headers = auth_headers(token)
    async with AsyncWATS(base_url=url, token=token) as api, httpx.AsyncClient() as client:
        get_product = api.product.get_product

        async def raw_get_product(pn: str) -> object:
            try:
                response = await client.get(url + "/api/Product/" + pn, headers=headers)
            except httpx.TransportError:
                # The server closed an idle keep-alive connection just as it was reused; pyWATS
                # retries that, so a fair baseline does too (once).
                response = await client.get(url + "/api/Product/" + pn, headers=headers)
            return response.json()

        # Warm-up: opens the connections of both pools; the slower side sizes the rounds, so
        # the benchmark takes about as long on a slow or busy machine as on a fast one.
        warm = min(
            (await in_flight(WARMUP_CALLS, get_product, pns)).rate,
            (await in_flight(WARMUP_CALLS, raw_get_product, pns)).rate,
        )
        rounds = max(MIN_ROUNDS, int(MEASURE_SECONDS * warm / (2 * CALLS_PER_ROUND)))

        async def candidate() -> Sample:
            return await in_flight(CALLS_PER_ROUND, get_product, pns)

        async def baseline() -> Sample:
            return await in_flight(CALLS_PER_ROUND, raw_get_product, pns)

        cmp = await interleaved_rounds_async(candidate, baseline, rounds, collect_garbage=False)
    return Result(
        name=f"async get_product, {IN_FLIGHT} in flight",
        measured=f"AsyncWATS {cmp.candidate_rate:.0f} req/s, raw httpx.AsyncClient "
        f"{cmp.baseline_rate:.0f} req/s",
        metric="ratio",
        value=cmp.ratio,
        target=TARGET,
        note=f"{CALLS_PER_ROUND} calls per round; {cmp.spread_text()}; {cmp.cpu_text('AsyncWATS', 'raw')}",
    )


def run(url: str, token: str) -> list[Result]:
    return [report(asyncio.run(compare(url, token)))]


if __name__ == "__main__":
    standalone(__doc__.splitlines()[0], run)
