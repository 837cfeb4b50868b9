"""Sync ``api.product.get_product(pn)`` in a loop vs a raw ``httpx.Client`` loop (target >= 0.85).

Run alone: ``.venv/bin/python bench/bench_sync_client.py`` (starts its own server), or with
``--url``/``--token`` against a running one.
"""

from __future__ import annotations

import itertools

import httpx

from _common import (
    Result,
    Sample,
    auth_headers,
    interleaved_rounds,
    measure,
    part_numbers,
    report,
    standalone,
)
from pywats import pyWATS

TARGET = 0.85
CALLS_PER_ROUND = 20  # short rounds, many of them: a busy spell on the machine hits both sides
MEASURE_SECONDS = 10.0  # both sides together; the number of rounds is sized from the warm-up rate
MIN_ROUNDS = 20
WARMUP_CALLS = 200


def run(url: str, token: str) -> list[Result]:
    pns = part_numbers()
    headers = auth_headers(token)
    with pyWATS(base_url=url, token=token) as api, httpx.Client() as client:
        get_product = api.product.get_product
        get = client.get

        def candidate(calls: int) -> Sample:
            cycle = itertools.cycle(pns)
            return measure(calls, lambda: [get_product(next(cycle)) for _ in range(calls)])

        def baseline(calls: int) -> Sample:
            cycle = itertools.cycle(pns)
            return measure(
                calls,
                lambda: [
                    get(url + "/api/Product/" + next(cycle), headers=headers).json() for _ in range(calls)
                ],
            )

        # Warm both up (connections, caches); the slower side's rate sizes the run, so it takes
        # about as long on a slow or busy machine as on a fast one.
        warm = min(candidate(WARMUP_CALLS).rate, baseline(WARMUP_CALLS).rate)
        rounds = max(MIN_ROUNDS, int(MEASURE_SECONDS * warm / (2 * CALLS_PER_ROUND)))
        cmp = interleaved_rounds(
            lambda: candidate(CALLS_PER_ROUND),
            lambda: baseline(CALLS_PER_ROUND),
            rounds,
            collect_garbage=False,
        )
    return [
        report(
            Result(
                name="sync get_product loop",
                measured=f"pyWATS {cmp.candidate_rate:.0f} req/s, "
                f"raw httpx.Client {cmp.baseline_rate:.0f} req/s",
                metric="ratio",
                value=cmp.ratio,
                target=TARGET,
                note=f"{CALLS_PER_ROUND} calls per round; {cmp.spread_text()}; "
                f"{cmp.cpu_text('pyWATS', 'raw')}",
            )
        )
    ]


if __name__ == "__main__":
    standalone(__doc__.splitlines()[0], run)
