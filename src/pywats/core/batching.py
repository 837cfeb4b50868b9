"""Run many asynchronous calls with bounded concurrency: :func:`batch_map` and :class:`ChunkedBatcher`.

Both keep results in input order and never drop a success because another item failed.

* :func:`batch_map` calls ``func(item)`` once per item, with at most ``max_concurrent`` calls in
  flight (use it when the server has no bulk endpoint).
* :class:`ChunkedBatcher` hands ``chunk_size`` items at a time to ``processor(chunk)`` (use it
  with a bulk call such as ``get_units_batch``), with at most ``max_concurrent`` chunks in flight.

How errors come back
--------------------
An ``Exception`` raised for one item (or one chunk) is recorded, and every other item still runs.
When all are done:

* by default (``return_exceptions=False``) a :class:`BatchError` is raised if anything failed. It
  carries everything: ``results`` (input order, the exception object in each failed slot),
  ``failures`` (``(index, item, error)`` triples) and ``successes`` (the values that worked);
* with ``return_exceptions=True`` the list is returned as is, exception objects in the failed
  slots, like ``asyncio.gather(..., return_exceptions=True)``.

``BaseException``\\ s that are not ``Exception`` (cancellation, ``KeyboardInterrupt``) are never
collected: they stop the whole batch at once, and the calls still running are cancelled.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Awaitable, Callable, Iterable, Sequence
from types import TracebackType
from typing import Any, Generic, Literal, Self, TypeVar, overload

from pywats.core.exceptions import PyWATSError, ValidationError

__all__ = ["DEFAULT_BATCH_SIZE", "DEFAULT_MAX_CONCURRENT", "BatchError", "ChunkedBatcher", "batch_map"]

logger = logging.getLogger("pywats.core.batching")

T = TypeVar("T")
R = TypeVar("R")

DEFAULT_BATCH_SIZE = 100
DEFAULT_MAX_CONCURRENT = 10
DEFAULT_CHUNK_SIZE = 100
DEFAULT_MAX_CONCURRENT_CHUNKS = 5

ProgressCallback = Callable[[int, int], object]


class BatchError(PyWATSError):
    """Some items of a batch failed; the others' results are all here.

    ``results`` has one entry per input item (chunked: per entry the processors returned), in
    input order, with the exception object where an item failed. ``failures`` lists
    ``(index, item, error)``, ``index`` being the item's position in the input; ``successes``
    the values of the items that worked, in order.
    """

    def __init__(
        self, results: list[Any], failures: list[tuple[int, Any, Exception]], *, operation: str
    ) -> None:
        index, item, first = failures[0]
        shown = repr(item) if len(repr(item)) <= 80 else repr(item)[:77] + "..."
        message = (
            f"{len(failures)} of {len(results)} items failed; first: item {index} "
            f"({shown}): {type(first).__name__}: {first}"
        )
        super().__init__(
            message, operation=operation, details={"failed": len(failures), "total": len(results)}
        )
        self.results = results
        self.failures = failures

    @property
    def successes(self) -> list[Any]:
        """The results of the items that did not fail, in input order."""
        return [value for value in self.results if not isinstance(value, Exception)]


def _check_positive(field: str, value: object, operation: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValidationError(
            f"{field} must be a positive integer, got {value!r}",
            field=field,
            value=value,
            operation=operation,
        )
    return value


async def _resolve(value: Awaitable[R] | R) -> R:
    """Accept plain functions as well as coroutine functions."""
    if inspect.isawaitable(value):
        return await value
    return value


async def _run_pool(jobs: Sequence[Callable[[], Awaitable[None]]], workers: int) -> None:
    """Run ``jobs`` with ``workers`` tasks pulling from one queue; cancel all if one raises."""
    position = 0

    async def worker() -> None:
        nonlocal position
        while position < len(jobs):
            job = jobs[position]
            position += 1  # no await between read and increment: safe in one event loop
            await job()

    tasks = [asyncio.ensure_future(worker()) for _ in range(min(workers, len(jobs)))]
    try:
        await asyncio.gather(*tasks)
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise


def _finish(
    results: list[Any], failures: list[tuple[int, Any, Exception]], return_exceptions: bool, operation: str
) -> list[Any]:
    if failures:
        logger.warning("%s: %d of %d items failed", operation, len(failures), len(results))
        if not return_exceptions:
            raise BatchError(results, failures, operation=operation)
    return results


@overload
async def batch_map(
    items: Iterable[T],
    func: Callable[[T], Awaitable[R] | R],
    batch_size: int = ...,
    max_concurrent: int = ...,
    *,
    return_exceptions: Literal[False] = ...,
    on_progress: ProgressCallback | None = ...,
) -> list[R]: ...


@overload
async def batch_map(
    items: Iterable[T],
    func: Callable[[T], Awaitable[R] | R],
    batch_size: int = ...,
    max_concurrent: int = ...,
    *,
    return_exceptions: Literal[True],
    on_progress: ProgressCallback | None = ...,
) -> list[R | Exception]: ...


async def batch_map(
    items: Iterable[T],
    func: Callable[[T], Awaitable[R] | R],
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_concurrent: int = DEFAULT_MAX_CONCURRENT,
    *,
    return_exceptions: bool = False,
    on_progress: ProgressCallback | None = None,
) -> list[R] | list[R | Exception]:
    """``[await func(item) for item in items]`` with at most ``max_concurrent`` calls in flight.

    ``max_concurrent`` alone sets the concurrency: a new call starts as soon as one finishes, so a
    slow item never holds back the rest. ``batch_size`` is the reporting step: ``on_progress(done,
    total)`` is called each time another ``batch_size`` items have finished, and once at the end.
    ``func`` may be a coroutine function or a plain function. Errors: see the module docstring
    (:class:`BatchError` unless ``return_exceptions=True``).
    """
    operation = "batch_map"
    _check_positive("batch_size", batch_size, operation)
    _check_positive("max_concurrent", max_concurrent, operation)
    if not callable(func):
        raise ValidationError("func must be callable", field="func", value=func, operation=operation)
    inputs = list(items)
    results: list[Any] = [None] * len(inputs)
    failures: list[tuple[int, Any, Exception]] = []
    done = 0

    def make_job(index: int, item: T) -> Callable[[], Awaitable[None]]:
        async def job() -> None:
            nonlocal done
            try:
                results[index] = await _resolve(func(item))
            except Exception as exc:
                results[index] = exc
                failures.append((index, item, exc))
            done += 1
            if on_progress is not None and (done % batch_size == 0 or done == len(inputs)):
                on_progress(done, len(inputs))

        return job

    await _run_pool([make_job(i, item) for i, item in enumerate(inputs)], max_concurrent)
    failures.sort(key=lambda failure: failure[0])
    return _finish(results, failures, return_exceptions, operation)


class ChunkedBatcher(Generic[T, R]):
    """Feed items to a bulk call ``chunk_size`` at a time, ``max_concurrent`` chunks at once.

    >>> async def double_all(chunk: list[int]) -> list[int]:
    ...     return [2 * n for n in chunk]
    >>> async def demo() -> list[int]:
    ...     async with ChunkedBatcher(processor=double_all, chunk_size=2, max_concurrent=2) as batcher:
    ...         return await batcher.process([1, 2, 3])
    >>> asyncio.run(demo())
    [2, 4, 6]

    ``processor(chunk)`` receives a list and returns (or, if a coroutine function, resolves to) a
    sequence of results; :meth:`process` concatenates them in chunk order, so when the processor
    returns one result per item the output lines up with the input. If a processor call raises,
    each item of that chunk gets the exception in its slot; the other chunks are unaffected.
    The ``async with`` block is optional; once it is left, :meth:`process` refuses new work.
    """

    def __init__(
        self,
        processor: Callable[[list[T]], Awaitable[Sequence[R]] | Sequence[R]],
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        max_concurrent: int = DEFAULT_MAX_CONCURRENT_CHUNKS,
        *,
        return_exceptions: bool = False,
    ) -> None:
        operation = "ChunkedBatcher"
        if not callable(processor):
            raise ValidationError(
                "processor must be callable", field="processor", value=processor, operation=operation
            )
        self.processor = processor
        self.chunk_size = _check_positive("chunk_size", chunk_size, operation)
        self.max_concurrent = _check_positive("max_concurrent", max_concurrent, operation)
        self.return_exceptions = return_exceptions
        self._closed = False

    async def process(self, items: Iterable[T]) -> list[R]:
        """Every item through the processor; results in input order (see the class docstring).

        Raises :class:`BatchError` (with all results) if a chunk failed, unless the batcher was
        built with ``return_exceptions=True``, in which case failed slots hold the exception.
        """
        if self._closed:
            raise PyWATSError("this ChunkedBatcher's async with block has ended", operation="process")
        inputs = list(items)
        chunks = [inputs[i : i + self.chunk_size] for i in range(0, len(inputs), self.chunk_size)]
        outputs: list[list[Any]] = [[] for _ in chunks]
        failures: list[tuple[int, Any, Exception]] = []

        def make_job(position: int, chunk: list[T]) -> Callable[[], Awaitable[None]]:
            async def job() -> None:
                try:
                    answer = await _resolve(self.processor(chunk))
                    if isinstance(answer, (str, bytes)) or not isinstance(answer, Iterable):
                        raise ValidationError(
                            f"processor must return a sequence of results, got {type(answer).__name__}",
                            field="processor",
                            operation="ChunkedBatcher.process",
                        )
                    outputs[position] = list(answer)
                except Exception as exc:
                    outputs[position] = [exc] * len(chunk)
                    start = position * self.chunk_size
                    failures.extend((start + offset, item, exc) for offset, item in enumerate(chunk))

            return job

        await _run_pool([make_job(n, chunk) for n, chunk in enumerate(chunks)], self.max_concurrent)
        results = [value for output in outputs for value in output]
        failures.sort(key=lambda failure: failure[0])
        return _finish(results, failures, self.return_exceptions, "ChunkedBatcher.process")

    async def __aenter__(self) -> Self:
        self._closed = False
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._closed = True
