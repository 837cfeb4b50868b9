"""``import pywats`` time vs ``import httpx, pydantic``, each in fresh subprocesses (target <= 1.3×).

The cost of an import is ``python -c 'import X'`` minus ``python -c 'pass'`` (interpreter
start-up), medians over many interleaved repetitions. The ratios use each child's CPU time,
which a busy machine barely changes; wall times are printed alongside. Also printed, for
information: the cost of getting a usable client, ``from pywats import pyWATS, AsyncWATS``.
Needs no server: ``.venv/bin/python bench/bench_import.py``.
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
MIN_REPETITIONS = 9
TIME_BOX_S = 15.0  # stop after MIN_REPETITIONS once this much time has gone (slow or busy machine)
WARMUP = 2

CASES = {
    "start-up": "pass",
    "httpx+pydantic": "import httpx, pydantic",
    # ``import pydantic`` is lazy: BaseModel's machinery loads only when first used. For context:
    "httpx+BaseModel": "import httpx; from pydantic import BaseModel",
    "pywats": "import pywats",
    "client": "from pywats import pyWATS, AsyncWATS",
}


def _time_once(code: str, env: dict[str, str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one ``python -c code``."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code], env=env, stdin=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise subprocess.CalledProcessError(child.returncode, child.args)
    return wall, usage.ru_utime + usage.ru_stime


def measure(repetitions: int = REPETITIONS) -> tuple[dict[str, tuple[float, float]], int]:
    """Median (wall, CPU) seconds of each case, and the repetitions made.

    The cases take turns, so drift hits all alike. CPU time is what the ratios use: unlike wall
    time it barely changes when other processes compete for the machine.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    names = list(CASES)
    for _ in range(WARMUP):  # also writes any missing .pyc files
        for name in names:
            _time_once(CASES[name], env)
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in names}
    start = time.perf_counter()
    for i in range(repetitions):
        if i >= MIN_REPETITIONS and time.perf_counter() - start > TIME_BOX_S:
            break
        shift = i % len(names)
        for name in names[shift:] + names[:shift]:
            samples[name].append(_time_once(CASES[name], env))
    done = len(samples["start-up"])
    medians = {
        name: (statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs))
        for name, runs in samples.items()
    }
    return medians, done


def run(url: str = "", token: str = "") -> list[Result]:
    """Server arguments are accepted (and ignored) so that run_all can call every module alike."""
    medians, repetitions = measure()
    wall = {name: w - medians["start-up"][0] for name, (w, _) in medians.items()}
    cpu = {name: c - medians["start-up"][1] for name, (_, c) in medians.items()}

    def ms(seconds: float) -> str:
        return f"{seconds * 1000:.1f} ms"

    def wall_text(name: str) -> str:
        theirs = wall["httpx+pydantic"]
        return f"wall time {ms(wall[name])} vs {ms(theirs)} ({wall[name] / theirs:.2f}x)"

    return [
        report(
            Result(
                name="import pywats",
                measured=f"pyWATS {ms(cpu['pywats'])}, import httpx, pydantic {ms(cpu['httpx+pydantic'])}",
                metric="ratio",
                value=cpu["pywats"] / cpu["httpx+pydantic"],
                target=TARGET,
                higher_is_better=False,
                note=f"CPU time of fresh interpreters, start-up ({ms(medians['start-up'][1])}) subtracted, "
                f"medians of {repetitions} runs each; {wall_text('pywats')}",
            )
        ),
        report(
            Result(
                name="from pywats import pyWATS, AsyncWATS",
                measured=f"pyWATS {ms(cpu['client'])}, import httpx, pydantic {ms(cpu['httpx+pydantic'])}",
                metric="ratio",
                value=cpu["client"] / cpu["httpx+pydantic"],
                note=f"{wall_text('client')}; for context, import httpx; from pydantic import BaseModel "
                f"takes {ms(cpu['httpx+BaseModel'])}, so pyWATS's own share is about "
                f"{ms(cpu['client'] - cpu['httpx+BaseModel'])}",
            )
        ),
    ]


if __name__ == "__main__":
    start = time.perf_counter()
    print_summary(run(), time.perf_counter() - start)
