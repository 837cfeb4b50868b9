"""Report model speed: build, serialize and parse a 10,000-step report; peak memory at 100,000 steps.

Targets (medians): build <= 20 ms, WSJF bytes <= 25 ms, parse <= 60 ms; 100,000 steps in <= 200 MB
peak RSS. Each is printed with its ratio to the same work on the equivalent plain dict with
orjson and json, measured in this run. Needs no server.

Run alone: ``.venv/bin/python bench/bench_report_model.py``.
"""

from __future__ import annotations

import gc
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

import orjson

from _common import Result, report
from pywats.domains.report.models import UUTReport, parse_wsjf

SEQUENCES = 100
STEPS_PER_SEQUENCE = 100
REPEATS = 15
BUILD_TARGET_MS = 20.0
SERIALIZE_TARGET_MS = 25.0
PARSE_TARGET_MS = 60.0
RSS_TARGET_MB = 200.0
BIG_SEQUENCES = 1000


def build_report(sequences: int = SEQUENCES) -> UUTReport:
    """100 sequences × 100 numeric GELE steps through the public builder."""
    uut = UUTReport(
        "BENCH-PN", "BENCH-SN", "A", 10, operator="bench", station_name="ST", location="Lab", purpose="Bench"
    )
    root = uut.root
    names = [f"Step {i}" for i in range(STEPS_PER_SEQUENCE)]
    for s in range(sequences):
        add = root.add_sequence_call(f"Sequence {s}").add_numeric_step
        for i, name in enumerate(names):
            add(name, 3.3 + i * 1e-3, low_limit=3.0, high_limit=3.6, unit="V")
    return uut


def build_plain(sequences: int = SEQUENCES) -> dict[str, Any]:
    """The equivalent document as plain dicts (the baseline's build)."""
    names = [f"Step {i}" for i in range(STEPS_PER_SEQUENCE)]
    children = []
    for s in range(sequences):
        steps = []
        for i, name in enumerate(names):
            value = 3.3 + i * 1e-3
            status = "P" if 3.0 <= value <= 3.6 else "F"
            steps.append(
                {
                    "group": "M",
                    "stepType": "ET_NLT",
                    "name": name,
                    "status": status,
                    "numericMeas": [
                        {
                            "compOp": "GELE",
                            "name": None,
                            "status": status,
                            "unit": "V",
                            "value": value,
                            "highLimit": 3.6,
                            "lowLimit": 3.0,
                        }
                    ],
                }
            )
        children.append(
            {
                "group": "M",
                "stepType": "SequenceCall",
                "name": f"Sequence {s}",
                "status": "P",
                "steps": steps,
                "seqCall": {"path": None, "name": f"Sequence {s}", "version": None},
            }
        )
    return {
        "type": "T",
        "root": {
            "group": "M",
            "stepType": "SequenceCall",
            "name": "MainSequence Callback",
            "status": "P",
            "steps": children,
        },
    }


def median_ms(fn: Callable[[], object], repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _peak_rss_mb() -> tuple[float, float]:
    """(peak RSS of a child that builds, serializes and parses 100,000 steps; its RSS after imports).

    On Linux the peak is the child's VmHWM: ``ru_maxrss`` survives ``fork``/``exec`` and would report the
    parent's size when that is larger (it is, inside ``make bench``'s run of every benchmark).
    """
    code = f"""
import resource, sys
sys.path.insert(0, {str(__file__.rsplit("/", 1)[0])!r})
import bench_report_model as b

def peak_kb():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

base = peak_kb()
report = b.build_report(b.BIG_SEQUENCES)
data = report.to_wsjf()
del report
parsed = b.parse_wsjf(data)
assert len(list(parsed.root.steps)) == b.BIG_SEQUENCES
print(base, peak_kb())
"""
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    return int(out[1]) / 1024, int(out[0]) / 1024


def run(url: str = "", token: str = "") -> list[Result]:
    uut = build_report()
    plain = build_plain()
    data = uut.to_wsjf()
    assert len(list(uut.root.walk())) == 1 + SEQUENCES * (1 + STEPS_PER_SEQUENCE)
    build_ms = median_ms(build_report)
    build_plain_ms = median_ms(build_plain)
    ser_ms = median_ms(uut.to_wsjf)
    ser_orjson_ms = median_ms(lambda: orjson.dumps(plain))
    ser_json_ms = median_ms(lambda: json.dumps(plain, separators=(",", ":")).encode())
    parse_ms = median_ms(lambda: parse_wsjf(data))
    parse_orjson_ms = median_ms(lambda: orjson.loads(data))
    parse_json_ms = median_ms(lambda: json.loads(data))
    peak_mb, base_mb = _peak_rss_mb()
    size = f"{len(data) / 1e6:.1f} MB of WSJF"
    return [
        report(
            Result(
                "report build (10k steps)",
                f"builder {build_ms:.1f} ms, plain dicts {build_plain_ms:.1f} ms",
                "median",
                build_ms,
                BUILD_TARGET_MS,
                higher_is_better=False,
                unit=" ms",
                note=f"{build_ms / build_plain_ms:.2f}x the plain-dict build",
            )
        ),
        report(
            Result(
                "report to WSJF (10k steps)",
                f"to_wsjf {ser_ms:.1f} ms, orjson {ser_orjson_ms:.1f} ms, json {ser_json_ms:.1f} ms",
                "median",
                ser_ms,
                SERIALIZE_TARGET_MS,
                higher_is_better=False,
                unit=" ms",
                note=f"{size}; {ser_ms / ser_orjson_ms:.2f}x orjson, "
                f"{ser_ms / ser_json_ms:.2f}x json on the plain dict",
            )
        ),
        report(
            Result(
                "report parse (10k steps)",
                f"parse_wsjf {parse_ms:.1f} ms, orjson {parse_orjson_ms:.1f} ms, json {parse_json_ms:.1f} ms",
                "median",
                parse_ms,
                PARSE_TARGET_MS,
                higher_is_better=False,
                unit=" ms",
                note=f"{parse_ms / parse_orjson_ms:.2f}x orjson.loads, "
                f"{parse_ms / parse_json_ms:.2f}x json.loads (which do not check the report's shape)",
            )
        ),
        report(
            Result(
                "report 100k steps peak RSS",
                "build + to_wsjf + parse in a fresh process",
                "peak",
                peak_mb,
                RSS_TARGET_MB,
                higher_is_better=False,
                unit=" MB",
                note=f"the interpreter with pyWATS imported: {base_mb:.0f} MB",
            )
        ),
    ]


if __name__ == "__main__":
    from _common import print_summary

    print_summary(run())
