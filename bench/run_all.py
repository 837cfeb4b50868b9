"""Run every benchmark against one ``pywats-server`` and print a summary table (``make bench``).

Each benchmark prints pyWATS against a raw baseline measured in this same run. A missed target
prints MISSED but does not fail the run: benchmarks inform, they do not gate. The exit status is
non-zero only if a benchmark could not run at all.

Every ``bench_*.py`` next to this file that defines ``run(url, token) -> list[Result]`` is run:
the client benchmarks first, then the others in name order, the import benchmark last.
"""

from __future__ import annotations

import importlib
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from _common import Result, bench_server, parse_args, print_summary, seed
from _results_table import write_results

FIRST = ["bench_sync_client", "bench_async_client", "bench_loop_blocking"]
# bench_station stores thousands of reports: after the others, so their server stays small.
# bench_import needs no server; runs last so nothing else competes with its subprocesses.
LAST = ["bench_station", "bench_import"]

Runner = Callable[[str, str], list[Result]]


def discover() -> list[str]:
    """The benchmark modules in running order."""
    found = {path.stem for path in Path(__file__).parent.glob("bench_*.py")}
    middle = sorted(found - set(FIRST) - set(LAST))
    return [name for name in FIRST if name in found] + middle + [name for name in LAST if name in found]


def load(name: str) -> Runner:
    runner = getattr(importlib.import_module(name), "run", None)
    if not callable(runner):
        raise TypeError(f"{name}.py defines no run(url, token)")
    return runner  # type: ignore[no-any-return]


def main() -> int:
    args = parse_args(__doc__.splitlines()[0])
    start = time.perf_counter()
    results: list[Result] = []
    failed: list[str] = []
    with bench_server(args) as (url, token):
        if not args.no_seed:
            seed(url, token)
        for name in discover():
            print(f"\n== {name}", flush=True)
            began = time.perf_counter()
            try:
                results += load(name)(url, token)
            except Exception:
                traceback.print_exc()
                failed.append(name)
            finally:
                if not args.url:  # our own server: leave no fault rule behind for the next benchmark
                    _clear_faults(url, token)
                print(f"   ({name} took {time.perf_counter() - began:.0f} s)", flush=True)
    print_summary(results, time.perf_counter() - start)
    write_results(results, time.perf_counter() - start, failed)
    if failed:
        print(f"Could not run: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


def _clear_faults(url: str, token: str) -> None:
    from pywats.testing import ServerControl

    try:
        ServerControl(url, token).clear_faults()
    except Exception as exc:
        print(f"(could not clear the server's fault rules: {exc})", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
