"""batch_execute / collect_successes / collect_failures: threads, order, failures, real server calls."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from pywats import NotFoundError, ValidationError, pyWATS
from pywats.core import (
    BatchResult,
    batch_execute,
    collect_failures,
    collect_successes,
    parallel_execute,
    partition_results,
)
from pywats.testing import ServerControl


def test_results_follow_key_order_and_failures_are_kept() -> None:
    def op(n: int) -> int:
        time.sleep(0.001 * (7 - n % 7))
        if n % 4 == 0:
            raise KeyError(n)
        return n * 2

    results = batch_execute(keys=range(20), operation=op, max_workers=5)
    assert [r.key for r in results] == list(range(20))
    assert collect_successes(results) == [n * 2 for n in range(20) if n % 4]
    failures = collect_failures(results)
    assert [key for key, _ in failures] == [0, 4, 8, 12, 16]
    assert all(isinstance(error, KeyError) for _, error in failures)
    values, fails = partition_results(results)
    assert values == collect_successes(results) and fails == failures


def test_result_flags_and_none_values() -> None:
    results = batch_execute(keys=["a", "b"], operation=lambda k: None if k == "a" else 1 / 0)
    ok, bad = results
    assert ok.ok and ok.is_success and not ok.is_failure and ok.value is None
    assert bad.is_failure and isinstance(bad.error, ZeroDivisionError)
    assert collect_successes(results) == [None]
    assert isinstance(ok, BatchResult)


def test_uses_threads_up_to_max_workers_and_defaults_to_ten() -> None:
    def peak_with(**kwargs: Any) -> int:
        lock = threading.Lock()
        now = peak = 0

        def op(_: int) -> None:
            nonlocal now, peak
            with lock:
                now += 1
                peak = max(peak, now)
            time.sleep(0.02)
            with lock:
                now -= 1

        batch_execute(keys=range(30), operation=op, **kwargs)
        return peak

    assert peak_with(max_workers=3) == 3
    assert peak_with() == 10


def test_is_concurrent() -> None:
    start = time.perf_counter()
    batch_execute(keys=range(20), operation=lambda _: time.sleep(0.05), max_workers=10)
    assert time.perf_counter() - start < 0.5  # sequential: 1.0 s


def test_on_progress_counts_to_total() -> None:
    seen: list[tuple[int, int]] = []
    batch_execute(keys=range(5), operation=str, on_progress=lambda d, t: seen.append((d, t)))
    assert seen == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]


def test_empty_keys() -> None:
    assert batch_execute(keys=[], operation=str) == []


def test_base_exceptions_propagate() -> None:
    class Abort(BaseException):
        pass

    def op(n: int) -> int:
        if n == 1:
            raise Abort
        return n

    with pytest.raises(Abort):
        batch_execute(keys=range(3), operation=op)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"max_workers": 0}, "max_workers"),
        ({"max_workers": "4"}, "max_workers"),
        ({"operation": 3}, "operation"),
    ],
)
def test_bad_arguments(kwargs: dict[str, Any], field: str) -> None:
    args: dict[str, Any] = {"keys": [1], "operation": str, **kwargs}
    with pytest.raises(ValidationError) as info:
        batch_execute(**args)
    assert info.value.field == field


def test_parallel_execute_is_the_same_function() -> None:
    assert parallel_execute is batch_execute


def test_against_the_server_with_the_sync_client(wats_api: pyWATS, wats_control: ServerControl) -> None:
    api = wats_api
    for pn in ("PN-001", "PN-002", "PN-004"):
        api.product.create_product(pn, name=f"Product {pn}")
    wats_control.add_fault(path="/api/Product/PN-002", method="GET", delay_s=0.05, count=1)
    keys = ["PN-001", "PN-002", "PN-003", "PN-004"]

    results = batch_execute(keys=keys, operation=lambda pn: api.product.get_product(pn), max_workers=4)

    assert [p.part_number for p in collect_successes(results)] == ["PN-001", "PN-002", "PN-004"]
    [(key, error)] = collect_failures(results)
    assert key == "PN-003" and isinstance(error, NotFoundError)
    gets = [r for r in wats_control.requests() if r["method"] == "GET" and "/api/Product/" in r["path"]]
    assert len(gets) == 4
