"""Submitting a 20-step report in a loop with ``api.report.submit_report`` vs raw httpx posting it.

Target: pyWATS >= 0.8x the raw rate. Both sides post the same report (same id, so the server
replaces it each time and does the same work for both); pyWATS also validates and serializes the
report on every call.

Run alone: ``.venv/bin/python bench/bench_report_submit.py`` (starts its own server).
"""

from __future__ import annotations

import httpx

from _common import Result, Sample, auth_headers, interleaved_rounds, measure, report, standalone
from pywats import Station, StationConfig, pyWATS
from pywats.tools.test_uut import TestUUT

TARGET = 0.8
ROUNDS = 11
ROUND_SECONDS = 0.5
WARMUP_CALLS = 30
STEPS = 20


def make_report() -> TestUUT:
    uut = TestUUT("BENCH-PN", "BENCH-SUBMIT", "A", "bench")
    seq = uut.add_sequence_call("Main")
    for index in range(STEPS - 1):
        seq.add_numeric_step(f"Step {index}", 3.3, low_limit=3.0, high_limit=3.6, unit="V")
    return uut


def run(url: str, token: str) -> list[Result]:
    uut = make_report()
    station = Station(config=StationConfig(station_name="BENCH-ST", location="Lab"))
    headers = {**auth_headers(token), "Content-Type": "application/json"}
    with pyWATS(base_url=url, token=token, station=station) as api, httpx.Client(http2=True) as client:
        submit = api.report.submit_report
        api.report.submit_report(uut)  # fills the station fields once, like any first submit
        body = uut.to_wsjf()
        post = client.post
        target = url + "/api/Report/WSJF"

        def candidate(calls: int) -> Sample:
            return measure(calls, lambda: [submit(uut) for _ in range(calls)])

        def baseline(calls: int) -> Sample:
            return measure(
                calls, lambda: [post(target, content=body, headers=headers).json() for _ in range(calls)]
            )

        warm = min(candidate(WARMUP_CALLS).rate, baseline(WARMUP_CALLS).rate)
        calls = max(20, int(warm * ROUND_SECONDS))
        cmp = interleaved_rounds(lambda: candidate(calls), lambda: baseline(calls), ROUNDS)
    return [
        report(
            Result(
                name="submit 20-step report loop",
                measured=f"pyWATS {cmp.candidate_rate:.0f} reports/s, "
                f"raw httpx {cmp.baseline_rate:.0f} posts/s",
                metric="ratio",
                value=cmp.ratio,
                target=TARGET,
                note=f"{len(body)} bytes per report, {calls} per round; {cmp.spread_text()}; "
                f"{cmp.cpu_text('pyWATS', 'raw')}",
            )
        )
    ]


if __name__ == "__main__":
    standalone(__doc__.splitlines()[0], run)
