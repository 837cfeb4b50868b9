"""``import pywats`` time vs ``import httpx, pydantic``, each in fresh subprocesses (target <= 1.3×).

The cost of an import is ``python -c 'import X'`` minus ``python -c 'pass'`` (interpreter
start-up), medians over many interleaved repetitions. Also printed, for information: the cost of
getting a usable client, ``from pywats import pyWATS, AsyncWATS``. Needs no server:
``.venv/bin/python bench/bench_import.py``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

from _common import Result, print_summary, report

TARGET = 1.3
REPETITIONS = 25
WARMUP = 2

CASES = {
    "start-up": "pass",
    "httpx+pydantic": "import httpx, pydantic",
    # ``import pydantic`` is lazy: BaseModel's machinery loads only when first used. For context:
    "httpx+BaseModel": "import httpx; from pydantic import BaseModel",
    "pywats": "import pywats",
    "client": "from pywats import pyWATS, AsyncWATS",
}


def _time_once(code: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=env, stdin=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure(repetitions: int = REPETITIONS) -> dict[str, float]:
    """Median wall time in seconds of each case; the cases take turns so drift hits all alike."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    names = list(CASES)
    for _ in range(WARMUP):  # also writes any missing .pyc files
        for name in names:
            _time_once(CASES[name], env)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for i in range(repetitions):
        shift = i % len(names)
        for name in names[shift:] + names[:shift]:
            samples[name].append(_time_once(CASES[name], env))
    return {name: statistics.median(times) for name, times in samples.items()}


def run(url: str = "", token: str = "") -> list[Result]:
    """Server arguments are accepted (and ignored) so that run_all can call every module alike."""
    t = measure()
    base = t["start-up"]
    deps = t["httpx+pydantic"] - base
    pywats = t["pywats"] - base
    client = t["client"] - base
    base_model = t["httpx+BaseModel"] - base

    def ms(seconds: float) -> str:
        return f"{seconds * 1000:.1f} ms"

    return [
        report(
            Result(
                name="import pywats",
                measured=f"pyWATS {ms(pywats)}, import httpx, pydantic {ms(deps)}",
                metric="ratio",
                value=pywats / deps,
                target=TARGET,
                higher_is_better=False,
                note=f"interpreter start-up {ms(base)} subtracted; medians of {REPETITIONS} runs each",
            )
        ),
        report(
            Result(
                name="from pywats import pyWATS, AsyncWATS",
                measured=f"pyWATS {ms(client)}, import httpx, pydantic {ms(deps)}",
                metric="ratio",
                value=client / deps,
                note=f"for context: import httpx; from pydantic import BaseModel takes {ms(base_model)}, "
                f"so pyWATS's own share is about {ms(client - base_model)} "
                f"({client / base_model:.2f}x that)",
            )
        ),
    ]


if __name__ == "__main__":
    start = time.perf_counter()
    print_summary(run(), time.perf_counter() - start)
