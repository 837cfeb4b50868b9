"""batch_map and ChunkedBatcher: order, concurrency limits, error handling, argument checks."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from pywats import PyWATSError, ValidationError
from pywats.core.batching import BatchError, ChunkedBatcher, batch_map


class Gauge:
    """Counts calls in flight and remembers the peak."""

    def __init__(self) -> None:
        self.now = 0
        self.peak = 0

    def wrap(
        self, delay: Callable[[Any], float], result: Callable[[Any], Any]
    ) -> Callable[[Any], Awaitable[Any]]:
        async def call(arg: Any) -> Any:
            self.now += 1
            self.peak = max(self.peak, self.now)
            try:
                await asyncio.sleep(delay(arg))
                return result(arg)
            finally:
                self.now -= 1

        return call


def test_batch_map_keeps_input_order_despite_completion_order() -> None:
    gauge = Gauge()
    func = gauge.wrap(lambda n: 0.001 * (n % 5), lambda n: n * n)
    results = asyncio.run(batch_map(items=range(40), func=func, batch_size=7, max_concurrent=6))
    assert results == [n * n for n in range(40)]


def test_batch_map_respects_and_uses_max_concurrent() -> None:
    gauge = Gauge()
    func = gauge.wrap(lambda _: 0.01, lambda n: n)
    asyncio.run(batch_map(items=range(30), func=func, batch_size=5, max_concurrent=4))
    assert gauge.peak == 4


def test_batch_size_does_not_cap_concurrency() -> None:
    gauge = Gauge()
    func = gauge.wrap(lambda _: 0.01, lambda n: n)
    asyncio.run(batch_map(items=range(30), func=func, batch_size=2, max_concurrent=8))
    assert gauge.peak == 8


def test_a_slow_item_does_not_hold_back_the_rest() -> None:
    # batch_size is not a barrier: while item 0 takes 0.5 s, the other workers get through all the
    # fast items, including those of later batches.
    finished: list[int] = []

    async def func(n: int) -> int:
        await asyncio.sleep(0.5 if n == 0 else 0.005)
        finished.append(n)
        return n

    asyncio.run(batch_map(items=range(21), func=func, batch_size=4, max_concurrent=4))
    assert finished[-1] == 0
    assert sorted(finished[:-1]) == list(range(1, 21))


def test_batch_map_is_concurrent() -> None:
    async def func(n: int) -> int:
        await asyncio.sleep(0.02)
        return n

    start = time.perf_counter()
    asyncio.run(batch_map(items=range(50), func=func, max_concurrent=10))
    assert time.perf_counter() - start < 0.5  # sequential would be 1.0 s; ideal 0.1 s


def test_batch_map_accepts_plain_functions() -> None:
    assert asyncio.run(batch_map(items=["a", "b"], func=str.upper)) == ["A", "B"]


def test_batch_map_empty_input() -> None:
    assert asyncio.run(batch_map(items=[], func=str.upper)) == []


def test_one_failure_raises_batch_error_with_everything_else() -> None:
    async def func(n: int) -> int:
        await asyncio.sleep(0)
        if n in (3, 7):
            raise LookupError(f"no unit {n}")
        return n * 10

    with pytest.raises(BatchError) as info:
        asyncio.run(batch_map(items=range(10), func=func, max_concurrent=3))
    err = info.value
    assert isinstance(err, PyWATSError)
    assert len(err.results) == 10
    assert err.successes == [0, 10, 20, 40, 50, 60, 80, 90]
    assert [(i, item, type(e)) for i, item, e in err.failures] == [(3, 3, LookupError), (7, 7, LookupError)]
    assert isinstance(err.results[3], LookupError)
    assert "2 of 10 items failed" in str(err) and "no unit 3" in str(err)
    assert err.operation == "batch_map"


def test_return_exceptions_puts_errors_in_their_slots() -> None:
    async def func(n: int) -> int:
        if n == 1:
            raise ValueError("bad")
        return n

    results = asyncio.run(batch_map(items=range(3), func=func, return_exceptions=True))
    assert results[0] == 0 and results[2] == 2
    assert isinstance(results[1], ValueError)


class Abort(BaseException):
    """Stands for KeyboardInterrupt/SystemExit (raising those inside asyncio.run upsets pytest)."""


def test_base_exceptions_are_not_collected_and_stop_the_rest() -> None:
    started: list[int] = []

    async def func(n: int) -> int:
        started.append(n)
        if n == 2:
            raise Abort
        await asyncio.sleep(0.05)
        return n

    with pytest.raises(Abort):
        asyncio.run(batch_map(items=range(100), func=func, max_concurrent=3))
    assert len(started) < 10


def test_on_progress_reports_every_batch_size_and_the_end() -> None:
    seen: list[tuple[int, int]] = []

    async def func(n: int) -> int:
        return n

    asyncio.run(
        batch_map(items=range(10), func=func, batch_size=4, on_progress=lambda d, t: seen.append((d, t)))
    )
    assert seen == [(4, 10), (8, 10), (10, 10)]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [({"batch_size": 0}, "batch_size"), ({"max_concurrent": 0}, "max_concurrent"), ({"func": 5}, "func")],
)
def test_batch_map_bad_arguments(kwargs: dict[str, Any], field: str) -> None:
    args: dict[str, Any] = {"items": [1], "func": str, **kwargs}
    with pytest.raises(ValidationError) as info:
        asyncio.run(batch_map(**args))
    assert info.value.field == field


# -- ChunkedBatcher -------------------------------------------------------------------------------


def test_chunked_batcher_chunks_in_order_with_bounded_concurrency() -> None:
    chunks: list[list[int]] = []
    gauge = Gauge()

    async def slow_double(chunk: list[int]) -> list[int]:
        chunks.append(chunk)
        return await gauge.wrap(lambda c: 0.01 * (3 - c[0] % 3), lambda c: [2 * n for n in c])(chunk)

    async def main() -> list[int]:
        async with ChunkedBatcher(processor=slow_double, chunk_size=4, max_concurrent=3) as batcher:
            return await batcher.process(range(22))

    assert asyncio.run(main()) == [2 * n for n in range(22)]
    assert sorted(len(c) for c in chunks) == [2, 4, 4, 4, 4, 4]
    assert gauge.peak == 3


def test_chunked_batcher_accepts_the_guide_lambda_and_sync_processors() -> None:
    async def bulk(sns: list[str]) -> list[str]:
        return [sn.lower() for sn in sns]

    async def main() -> tuple[list[str], list[str]]:
        async with ChunkedBatcher(processor=lambda sns: bulk(sns), chunk_size=2, max_concurrent=2) as b:
            first = await b.process(["A", "B", "C"])
        plain = ChunkedBatcher(processor=lambda sns: [s * 2 for s in sns], chunk_size=5)
        return first, await plain.process(["x", "y"])

    assert asyncio.run(main()) == (["a", "b", "c"], ["xx", "yy"])


def test_a_failed_chunk_fills_its_slots_and_keeps_other_chunks() -> None:
    async def processor(chunk: list[int]) -> list[int]:
        if 5 in chunk:
            raise ConnectionError("chunk lost")
        return chunk

    async def main() -> None:
        async with ChunkedBatcher(processor=processor, chunk_size=3, max_concurrent=2) as batcher:
            await batcher.process(range(9))

    with pytest.raises(BatchError) as info:
        asyncio.run(main())
    err = info.value
    assert err.successes == [0, 1, 2, 6, 7, 8]
    assert [i for i, _, _ in err.failures] == [3, 4, 5]
    assert all(isinstance(r, ConnectionError) for r in err.results[3:6])

    lenient = ChunkedBatcher(processor=processor, chunk_size=3, return_exceptions=True)
    results = asyncio.run(lenient.process(range(6)))
    assert results[:3] == [0, 1, 2] and all(isinstance(r, ConnectionError) for r in results[3:])


def test_a_processor_returning_a_non_sequence_is_a_clear_failure() -> None:
    batcher = ChunkedBatcher(processor=lambda chunk: 42, chunk_size=2, return_exceptions=True)
    results = asyncio.run(batcher.process([1]))
    assert isinstance(results[0], ValidationError) and "sequence" in str(results[0])


def test_process_after_the_block_is_refused() -> None:
    async def main() -> None:
        async with ChunkedBatcher(processor=lambda c: c) as batcher:
            pass
        await batcher.process([1])

    with pytest.raises(PyWATSError, match="ended"):
        asyncio.run(main())


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"chunk_size": 0}, "chunk_size"),
        ({"max_concurrent": -1}, "max_concurrent"),
        ({"processor": None}, "processor"),
    ],
)
def test_chunked_batcher_bad_arguments(kwargs: dict[str, Any], field: str) -> None:
    args: dict[str, Any] = {"processor": list, **kwargs}
    with pytest.raises(ValidationError) as info:
        ChunkedBatcher(**args)
    assert info.value.field == field
