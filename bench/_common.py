"""Shared helpers of the benchmarks: the server, seed data, interleaved rounds and reporting.

Every benchmark compares pyWATS with a raw baseline measured in the same run against the same
server, and prints the ratio. Nothing here asserts a time: a missed target prints ``MISSED``.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import statistics
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

SEED_PRODUCTS = 50
SEED_REVISIONS = ("A", "B")


def part_numbers(count: int = SEED_PRODUCTS) -> list[str]:
    """The part numbers :func:`seed` creates."""
    return [f"BENCH-{i:03d}" for i in range(count)]


def missing_part_numbers(count: int) -> list[str]:
    """Part numbers that do not exist on the server (for 404 paths)."""
    return [f"BENCH-MISSING-{i:04d}" for i in range(count)]


def auth_headers(token: str) -> dict[str, str]:
    """What a raw httpx baseline sends: the same headers pyWATS sends."""
    return {"Authorization": f"Basic {token}", "Accept": "application/json"}


def seed(url: str, token: str, count: int = SEED_PRODUCTS) -> None:
    """Create ``count`` products, each with two revisions and a tag, through the sync client.

    Saving is an upsert on the server, so seeding twice is harmless.
    """
    from pywats import pyWATS

    with pyWATS(base_url=url, token=token) as api:
        for pn in part_numbers(count):
            api.product.create_product(pn, name=f"Bench product {pn}", tags={"family": "bench"})
            for rev in SEED_REVISIONS:
                api.product.create_revision(pn, rev, name=f"{pn} rev {rev}")


# -- measuring -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    """One round of one side: how many calls, how long they took, how much CPU this process spent."""

    calls: int
    wall_s: float
    cpu_s: float

    @property
    def rate(self) -> float:
        """Calls per second."""
        return self.calls / self.wall_s if self.wall_s > 0 else float("inf")

    @property
    def cpu_per_call(self) -> float:
        """Seconds of this process's CPU per call: the client's own cost, whatever the server does."""
        return self.cpu_s / self.calls


def measure(calls: int, fn: Callable[[], object]) -> Sample:
    """Run ``fn`` (which makes ``calls`` calls) once and time it."""
    cpu, start = time.process_time(), time.perf_counter()
    fn()
    return Sample(calls, time.perf_counter() - start, time.process_time() - cpu)


async def measure_async(calls: int, fn: Callable[[], Awaitable[object]]) -> Sample:
    """The asynchronous twin of :func:`measure`."""
    cpu, start = time.process_time(), time.perf_counter()
    await fn()
    return Sample(calls, time.perf_counter() - start, time.process_time() - cpu)


def _total_rate(samples: list[Sample]) -> float:
    return sum(s.calls for s in samples) / sum(s.wall_s for s in samples)


@dataclass
class Comparison:
    """Per-round samples of a candidate and its baseline, measured in alternating order."""

    candidate: list[Sample] = field(default_factory=list)
    baseline: list[Sample] = field(default_factory=list)

    @property
    def paired_ratios(self) -> list[float]:
        """candidate rate / baseline rate for each round (both ran back to back, so share conditions)."""
        return [c.rate / b.rate for c, b in zip(self.candidate, self.baseline, strict=True)]

    @property
    def ratio(self) -> float:
        """Candidate rate / baseline rate over the whole run (all calls / all time, each side).

        With many short alternating rounds, a busy spell on the machine falls on both sides
        alike, so it cancels out of the totals.
        """
        return self.candidate_rate / self.baseline_rate

    @property
    def best_ratio(self) -> float:
        """Best candidate round / best baseline round: interference only ever slows a round down."""
        return max(s.rate for s in self.candidate) / max(s.rate for s in self.baseline)

    @property
    def candidate_rate(self) -> float:
        """The candidate's calls per second over all its rounds."""
        return _total_rate(self.candidate)

    @property
    def baseline_rate(self) -> float:
        """The baseline's calls per second over all its rounds."""
        return _total_rate(self.baseline)

    def block_ratios(self, blocks: int = 10) -> list[float]:
        """The ratio within each of ``blocks`` consecutive stretches of the run: how steady it was."""
        n = len(self.candidate)
        bounds = [round(i * n / blocks) for i in range(blocks + 1)]
        return [
            _total_rate(self.candidate[a:b]) / _total_rate(self.baseline[a:b])
            for a, b in itertools.pairwise(bounds)
            if b > a
        ]

    def cpu_text(self, candidate: str, baseline: str) -> str:
        """Client CPU per call of both sides: the overhead pyWATS adds, free of server-side noise."""
        ours = sum(s.cpu_s for s in self.candidate) / sum(s.calls for s in self.candidate) * 1e6
        theirs = sum(s.cpu_s for s in self.baseline) / sum(s.calls for s in self.baseline) * 1e6
        return (
            f"client CPU per call: {candidate} {ours:.0f} us, {baseline} {theirs:.0f} us "
            f"({ours / theirs:.2f}x)"
        )

    def spread_text(self) -> str:
        """How much the run's stretches disagreed."""
        blocks = self.block_ratios()
        return (
            f"{len(self.candidate)} alternating rounds each; the ratio in each tenth of the run "
            f"{min(blocks):.2f}..{max(blocks):.2f} (median {statistics.median(blocks):.2f})"
        )


def interleaved_rounds(
    candidate: Callable[[], Sample],
    baseline: Callable[[], Sample],
    rounds: int,
    *,
    collect_garbage: bool = True,
) -> Comparison:
    """Run ``rounds`` rounds of each; each callable runs one round.

    The order alternates every round (C B, B C, C B, ...) so that neither side always runs
    on a warmer (or busier) machine; short rounds keep the two halves of a pair close in time.
    ``collect_garbage`` runs the collector before each round, so neither side pays for the
    other's garbage; leave it off for very short rounds, where it would dominate.
    """
    result = Comparison()
    for i in range(rounds):
        order = [(candidate, result.candidate), (baseline, result.baseline)]
        if i % 2:
            order.reverse()
        for fn, sink in order:
            if collect_garbage:
                gc.collect()
            sink.append(fn())
    return result


async def interleaved_rounds_async(
    candidate: Callable[[], Awaitable[Sample]],
    baseline: Callable[[], Awaitable[Sample]],
    rounds: int,
    *,
    collect_garbage: bool = True,
) -> Comparison:
    """The asynchronous twin of :func:`interleaved_rounds`."""
    result = Comparison()
    for i in range(rounds):
        order = [(candidate, result.candidate), (baseline, result.baseline)]
        if i % 2:
            order.reverse()
        for fn, sink in order:
            if collect_garbage:
                gc.collect()
            sink.append(await fn())
    return result


# -- reporting -----------------------------------------------------------------------------------


@dataclass
class Result:
    """One benchmark's outcome: what was measured and the number checked against its target.

    ``target`` None means the number is printed for information only.
    """

    name: str
    measured: str
    metric: str
    value: float
    target: float | None = None
    higher_is_better: bool = True
    unit: str = ""
    note: str = ""

    @property
    def ok(self) -> bool | None:
        if self.target is None:
            return None
        return self.value >= self.target if self.higher_is_better else self.value <= self.target

    @property
    def status(self) -> str:
        return {True: "OK", False: "MISSED", None: "info"}[self.ok]

    @property
    def target_text(self) -> str:
        if self.target is None:
            return "-"
        return f"{'>=' if self.higher_is_better else '<='} {self.target:g}{self.unit}"

    @property
    def value_text(self) -> str:
        return f"{self.value:.2f}{self.unit}"

    def line(self) -> str:
        target = f" (target {self.target_text})" if self.target is not None else " (for information)"
        text = f"{self.name}: {self.measured}, {self.metric} {self.value_text}{target} {self.status}"
        return text + (f"\n    {self.note}" if self.note else "")


def report(result: Result) -> Result:
    """Print a result's line as soon as it is known, and hand it back."""
    print(result.line(), flush=True)
    return result


def print_summary(results: list[Result], elapsed_s: float | None = None) -> None:
    """A table of every result; says how many targets were missed."""
    rows = [("benchmark", "metric", "value", "target", "status")]
    rows += [(r.name, r.metric, r.value_text, r.target_text, r.status) for r in results]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    rule = "-+-".join("-" * w for w in widths)
    print()
    print("Summary")
    for n, row in enumerate(rows):
        print(" | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            print(rule)
    missed = [r for r in results if r.ok is False]
    checked = [r for r in results if r.ok is not None]
    took = f" in {elapsed_s:.0f} s" if elapsed_s is not None else ""
    print(f"\n{len(checked) - len(missed)} of {len(checked)} targets met{took}", end="")
    print(f"; MISSED: {', '.join(r.name for r in missed)}" if missed else "", flush=True)


# -- the server ----------------------------------------------------------------------------------


def parse_args(description: str, argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--url", help="an already running WATS-compatible server (default: start one)")
    parser.add_argument("--token", help="Basic token for --url")
    parser.add_argument("--no-seed", action="store_true", help="do not create the benchmark products")
    args = parser.parse_args(argv)
    if bool(args.url) != bool(args.token):
        parser.error("--url and --token go together")
    return args


@contextmanager
def bench_server(args: argparse.Namespace) -> Iterator[tuple[str, str]]:
    """(url, token) of the server to measure: the one named on the command line, or a fresh
    ``pywats-server`` on a free loopback port, stopped afterwards."""
    if args.url:
        yield args.url, args.token
        return
    from pywats.testing import LocalWATSServer, ServerStartError

    try:
        server = LocalWATSServer().start()
    except ServerStartError as exc:
        sys.exit(f"Cannot run the benchmarks: {exc}")
    try:
        print(f"pywats-server at {server.url} (pid {server.pid})", flush=True)
        yield server.url, server.token
    finally:
        server.stop()


def standalone(description: str, run: Callable[[str, str], list[Result]]) -> None:
    """``main()`` of a benchmark module run on its own: server, seed data, run, summary."""
    args = parse_args(description)
    start = time.perf_counter()
    with bench_server(args) as (url, token):
        if not args.no_seed:
            seed(url, token)
        results = run(url, token)
    print_summary(results, time.perf_counter() - start)
