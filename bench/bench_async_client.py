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
# Many short rounds: the two halves of a pair run close in time, and no pool sits idle long enough
# (two rounds of the other side) for the server's keep-alive timeout (uvicorn: 5 s) to close it.
ROUNDS = 30
CALLS = 300  # per round and side
IN_FLIGHT = 20


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

        async def candidate() -> Sample:
            return await in_flight(CALLS, get_product, pns)

        async def baseline() -> Sample:
            return await in_flight(CALLS, raw_get_product, pns)

        # Warm-up: opens the connections of both pools.
        await in_flight(IN_FLIGHT * 10, get_product, pns)
        await in_flight(IN_FLIGHT * 10, raw_get_product, pns)
        cmp = await interleaved_rounds_async(candidate, baseline, ROUNDS)
    return Result(
        name=f"async get_product, {IN_FLIGHT} in flight",
        measured=f"AsyncWATS {cmp.candidate_rate:.0f} req/s, raw httpx.AsyncClient "
        f"{cmp.baseline_rate:.0f} req/s",
        metric="ratio",
        value=cmp.ratio,
        target=TARGET,
        note=f"{CALLS} calls per round and side; {cmp.spread_text()}; {cmp.cpu_text('AsyncWATS', 'raw')}",
    )


def run(url: str, token: str) -> list[Result]:
    return [report(asyncio.run(compare(url, token)))]


if __name__ == "__main__":
    standalone(__doc__.splitlines()[0], run)
