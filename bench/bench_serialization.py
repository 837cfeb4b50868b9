"""MessagePack vs JSON on a 10,000-step UUT report dict: payload sizes and round trips per second.

Information only (no target): the guide's "50 % size, 3x faster" are replaced in our docs by
these figures. ``pywats.core.performance.Serializer`` is measured, and as raw baselines the
libraries it wraps (``json.dumps``/``loads``, ``msgpack.packb``/``unpackb``) in the same run, so
the wrapper's own cost shows. Needs no server: ``.venv/bin/python bench/bench_serialization.py``.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from typing import Any

import msgpack

from _common import Result, print_summary, report
from pywats.core.performance import Serializer, benchmark_serialization

STEPS = 10_000
ROUNDS = 7
ITERATIONS = 3  # round trips per round and case


def report_dict(steps: int = STEPS) -> dict[str, Any]:
    """A WSJF-shaped UUT report: one root sequence with ``steps`` single numeric-limit steps."""
    return {
        "type": "T",
        "id": "5f0c3e1a-7b2d-4c59-9e8f-0a1b2c3d4e5f",
        "pn": "PCBA-1000",
        "sn": "SN000123",
        "rev": "B",
        "processCode": 10,
        "result": "P",
        "machineName": "FCT-STATION-02",
        "location": "Plant A",
        "purpose": "Production",
        "start": "2025-03-04T09:15:30.25+01:00",
        "startUTC": "2025-03-04T08:15:30.25Z",
        "uut": {"user": "jdoe", "execTime": 4.75},
        "root": {
            "id": 1,
            "group": "M",
            "stepType": "SequenceCall",
            "name": "MainSequence Callback",
            "status": "P",
            "totTime": 4.75,
            "steps": [
                {
                    "id": i + 2,
                    "group": "M",
                    "stepType": "ET_NLT",
                    "name": f"Rail check {i}",
                    "status": "P",
                    "totTime": 0.012 + (i % 7) * 0.001,
                    "numericMeas": [
                        {
                            "name": None,
                            "compOp": "GELE",
                            "value": 3.3 + (i % 11) * 0.0037,
                            "lowLimit": 3.2,
                            "highLimit": 3.4,
                            "unit": "V",
                            "status": "P",
                        }
                    ],
                }
                for i in range(steps)
            ],
        },
    }


def round_trips_per_s(
    cases: dict[str, tuple[Callable[[Any], bytes], Callable[[bytes], Any]]], data: Any
) -> dict[str, float]:
    """Median round trips per second of each (encode, decode) case; the cases take turns each round."""
    rates: dict[str, list[float]] = {name: [] for name in cases}
    names = list(cases)
    for r in range(ROUNDS):
        for name in names[r % len(names) :] + names[: r % len(names)]:
            encode, decode = cases[name]
            start = time.perf_counter()
            for _ in range(ITERATIONS):
                decode(encode(data))
            rates[name].append(ITERATIONS / (time.perf_counter() - start))
    return {name: statistics.median(values) for name, values in rates.items()}


def run(url: str = "", token: str = "") -> list[Result]:
    """Server arguments are accepted (and ignored) so that run_all can call every module alike."""
    data = report_dict()
    ours = benchmark_serialization(data, iterations=ITERATIONS * ROUNDS)
    json_ser, msgpack_ser = Serializer(format="json"), Serializer(format="msgpack")
    rates = round_trips_per_s(
        {
            "json": (json_ser.serialize, json_ser.deserialize),
            "msgpack": (msgpack_ser.serialize, msgpack_ser.deserialize),
            # The same calls Serializer makes, minus the wrapper:
            "raw json": (
                lambda d: json.dumps(d, separators=(",", ":"), ensure_ascii=False).encode(),
                json.loads,
            ),
            "raw msgpack": (lambda d: msgpack.packb(d, use_bin_type=True), msgpack.unpackb),
        },
        data,
    )
    wrapped = {"json": rates["json"], "msgpack": rates["msgpack"]}
    raw = {"json": rates["raw json"], "msgpack": rates["raw msgpack"]}
    json_size = ours["json"]["size_bytes"]
    msgpack_size = ours["msgpack"]["size_bytes"]
    return [
        report(
            Result(
                name=f"msgpack size, {STEPS:,}-step report",
                measured=f"MessagePack {msgpack_size / 1e6:.2f} MB, JSON {json_size / 1e6:.2f} MB",
                metric="size vs JSON",
                value=msgpack_size / json_size * 100,
                unit=" %",
                note="JSON written compactly (no spaces), as Serializer does",
            )
        ),
        report(
            Result(
                name=f"msgpack speed, {STEPS:,}-step report",
                measured=f"MessagePack {wrapped['msgpack']:.1f} round trips/s, JSON {wrapped['json']:.1f}/s",
                metric="speed vs JSON",
                value=wrapped["msgpack"] / wrapped["json"],
                unit="x",
                note=(
                    "one round trip = serialize + deserialize; "
                    f"serialize only: msgpack {ours['msgpack']['serialize_ops_per_sec']:.1f}/s, "
                    f"json {ours['json']['serialize_ops_per_sec']:.1f}/s; "
                    f"deserialize only: msgpack {ours['msgpack']['deserialize_ops_per_sec']:.1f}/s, "
                    f"json {ours['json']['deserialize_ops_per_sec']:.1f}/s"
                ),
            )
        ),
        report(
            Result(
                name="Serializer vs raw libraries",
                measured=f"json {wrapped['json']:.1f} vs raw json.dumps/loads {raw['json']:.1f} "
                f"round trips/s; msgpack {wrapped['msgpack']:.1f} vs raw packb/unpackb {raw['msgpack']:.1f}",
                metric="ratio (json)",
                value=wrapped["json"] / raw["json"],
                unit="x",
                note=f"msgpack ratio {wrapped['msgpack'] / raw['msgpack']:.2f}x "
                "(1.00x = the wrapper costs nothing)",
            )
        ),
    ]


if __name__ == "__main__":
    start = time.perf_counter()
    print_summary(run(), time.perf_counter() - start)
