"""Walk an offset-paged API one page at a time: :func:`paginate`, :class:`Paginator` and async twins.

Your ``fetch_page(start_index, count)`` asks the server for ``count`` items starting at
``start_index`` (1-based by default, as SCIM counts; pass ``start_index=0`` for 0-based APIs);
``get_items(response)`` picks the list out of the answer and the optional
``get_total(response)`` the total number of items::

    for item in paginate(
        fetch_page=lambda start, count: api.some_api.get_items(start=start, count=count),
        get_items=lambda r: r.items,
        get_total=lambda r: r.total_count,
        page_size=50,
    ):
        process(item)

Only one page is held in memory at a time. Paging stops at the first of: an empty page;
``max_items`` reached; as many items as ``get_total`` reported; or, when there is no
``get_total``, a page shorter than ``page_size`` (then taken as the last page).

A server that ignores the start index would send the same page forever. The walk therefore
refuses to go on when a non-empty page equals the one before it and raises
:class:`PaginationError` instead of looping. (Every other non-empty page moves the start index
forward by its length, so the walk always ends.)
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any, Generic, TypeVar

from pywats.core.exceptions import InvalidResponseError, ValidationError

__all__ = [
    "DEFAULT_PAGE_SIZE",
    "AsyncPaginator",
    "PaginationError",
    "Paginator",
    "apaginate",
    "paginate",
    "paginate_all",
]

T = TypeVar("T")

DEFAULT_PAGE_SIZE = 100

PageCallback = Callable[[int, int, int | None], object]
"""``on_page(page_number, items_so_far, total)``: page numbers start at 1; total may be None."""


class PaginationError(InvalidResponseError):
    """The server's pages do not advance: the same page came back for a new start index."""


def _check_int(field: str, value: object, minimum: int, operation: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValidationError(
            f"{field} must be an integer >= {minimum}, got {value!r}",
            field=field,
            value=value,
            operation=operation,
        )
    return value


class _PageWalk(Generic[T]):
    """The paging decisions, free of I/O so the sync and async loops share them.

    Call :meth:`next_request` for the ``(start_index, count)`` to fetch (``None``: finished), then
    hand the answer to :meth:`accept`, which returns the items to yield.
    """

    def __init__(
        self,
        get_items: Callable[[Any], Any],
        get_total: Callable[[Any], Any] | None,
        page_size: int,
        start_index: int,
        max_items: int | None,
        on_page: PageCallback | None,
        operation: str,
    ) -> None:
        self.page_size = _check_int("page_size", page_size, 1, operation)
        self.start = _check_int("start_index", start_index, 0, operation)
        self.max_items = None if max_items is None else _check_int("max_items", max_items, 0, operation)
        self.get_items = get_items
        self.get_total = get_total
        self.on_page = on_page
        self.operation = operation
        self.consumed = 0
        self.pages = 0
        self.total: int | None = None
        self.previous: list[Any] | None = None
        self.finished = self.max_items == 0

    def next_request(self) -> tuple[int, int] | None:
        if self.finished:
            return None
        count = self.page_size
        if self.max_items is not None:
            count = min(count, self.max_items - self.consumed)
        return self.start + self.consumed, count

    def accept(self, response: Any) -> list[T]:
        requested_start = self.start + self.consumed
        raw = self.get_items(response)
        items: list[T] = [] if raw is None else list(raw)
        if self.get_total is not None:
            total = self.get_total(response)
            self.total = None if total is None else self._as_total(total)
        self.pages += 1
        self._guard(items, requested_start)
        self.previous = items
        if self.max_items is not None:
            items = items[: self.max_items - self.consumed]
        self.consumed += len(items)
        if self.on_page is not None:
            self.on_page(self.pages, self.consumed, self.total)
        self.finished = (
            not items
            or (self.max_items is not None and self.consumed >= self.max_items)
            or (self.total is not None and self.consumed >= self.total)
            or (self.total is None and len(items) < self.page_size)
        )
        return items

    def _as_total(self, total: Any) -> int:
        try:
            return int(total)
        except (TypeError, ValueError):
            raise ValidationError(
                f"get_total must return an integer, got {total!r}",
                field="get_total",
                value=total,
                operation=self.operation,
            ) from None

    def _guard(self, items: list[T], requested_start: int) -> None:
        details = {"start_index": requested_start, "page": self.pages, "page_size": self.page_size}
        if items and items == self.previous:
            raise PaginationError(
                f"page {self.pages} (start index {requested_start}) repeats the previous page: "
                "the server seems to ignore the start index",
                operation=self.operation,
                details=details,
            )


def paginate(
    fetch_page: Callable[[int, int], Any],
    get_items: Callable[[Any], Any],
    get_total: Callable[[Any], Any] | None = None,
    page_size: int = DEFAULT_PAGE_SIZE,
    start_index: int = 1,
    max_items: int | None = None,
    on_page: PageCallback | None = None,
) -> Iterator[Any]:
    """Yield every item, fetching pages lazily (see the module docstring)."""
    walk: _PageWalk[Any] = _PageWalk(
        get_items, get_total, page_size, start_index, max_items, on_page, "paginate"
    )
    while (request := walk.next_request()) is not None:
        yield from walk.accept(fetch_page(*request))


def paginate_all(
    fetch_page: Callable[[int, int], Any],
    get_items: Callable[[Any], Any],
    get_total: Callable[[Any], Any] | None = None,
    page_size: int = DEFAULT_PAGE_SIZE,
    start_index: int = 1,
    max_items: int | None = None,
    on_page: PageCallback | None = None,
) -> list[Any]:
    """``list(paginate(...))``: every item in one list."""
    return list(paginate(fetch_page, get_items, get_total, page_size, start_index, max_items, on_page))


async def apaginate(
    fetch_page: Callable[[int, int], Awaitable[Any]],
    get_items: Callable[[Any], Any],
    get_total: Callable[[Any], Any] | None = None,
    page_size: int = DEFAULT_PAGE_SIZE,
    start_index: int = 1,
    max_items: int | None = None,
    on_page: PageCallback | None = None,
) -> AsyncIterator[Any]:
    """The async twin of :func:`paginate`: ``fetch_page`` is a coroutine function; use ``async for``."""
    walk: _PageWalk[Any] = _PageWalk(
        get_items, get_total, page_size, start_index, max_items, on_page, "apaginate"
    )
    while (request := walk.next_request()) is not None:
        for item in walk.accept(await fetch_page(*request)):
            yield item


class Paginator:
    """A reusable description of a paged source: ``Paginator(fetch_page, get_items, get_total)``.

    ``for item in paginator`` walks it with the default page size; :meth:`iterate` takes options,
    :meth:`all` collects a list and :meth:`count` asks for the total with a one-item page.
    """

    def __init__(
        self,
        fetch_page: Callable[[int, int], Any],
        get_items: Callable[[Any], Any],
        get_total: Callable[[Any], Any] | None = None,
        start_index: int = 1,
    ) -> None:
        self.fetch_page = fetch_page
        self.get_items = get_items
        self.get_total = get_total
        self.start_index = _check_int("start_index", start_index, 0, "Paginator")

    def iterate(
        self,
        page_size: int = DEFAULT_PAGE_SIZE,
        max_items: int | None = None,
        on_page: PageCallback | None = None,
    ) -> Iterator[Any]:
        """Yield the items, ``page_size`` per request, at most ``max_items``."""
        return paginate(
            self.fetch_page, self.get_items, self.get_total, page_size, self.start_index, max_items, on_page
        )

    def all(self, page_size: int = DEFAULT_PAGE_SIZE, max_items: int | None = None) -> list[Any]:
        """Every item (up to ``max_items``) in one list."""
        return list(self.iterate(page_size, max_items))

    def count(self) -> int:
        """The total the server reports, from a request for one item (needs ``get_total``)."""
        if self.get_total is None:
            raise ValidationError("count() needs get_total", field="get_total", operation="Paginator.count")
        total = self.get_total(self.fetch_page(self.start_index, 1))
        return 0 if total is None else int(total)

    def __iter__(self) -> Iterator[Any]:
        return self.iterate()


class AsyncPaginator:
    """The async twin of :class:`Paginator`: ``fetch_page`` is a coroutine function.

    ``async for item in paginator``; ``await paginator.all()``; ``await paginator.count()``.
    """

    def __init__(
        self,
        fetch_page: Callable[[int, int], Awaitable[Any]],
        get_items: Callable[[Any], Any],
        get_total: Callable[[Any], Any] | None = None,
        start_index: int = 1,
    ) -> None:
        self.fetch_page = fetch_page
        self.get_items = get_items
        self.get_total = get_total
        self.start_index = _check_int("start_index", start_index, 0, "AsyncPaginator")

    def iterate(
        self,
        page_size: int = DEFAULT_PAGE_SIZE,
        max_items: int | None = None,
        on_page: PageCallback | None = None,
    ) -> AsyncIterator[Any]:
        """Yield the items, ``page_size`` per request, at most ``max_items`` (``async for``)."""
        return apaginate(
            self.fetch_page, self.get_items, self.get_total, page_size, self.start_index, max_items, on_page
        )

    async def all(self, page_size: int = DEFAULT_PAGE_SIZE, max_items: int | None = None) -> list[Any]:
        """Every item (up to ``max_items``) in one list."""
        return [item async for item in self.iterate(page_size, max_items)]

    async def count(self) -> int:
        """The total the server reports, from a request for one item (needs ``get_total``)."""
        if self.get_total is None:
            raise ValidationError(
                "count() needs get_total", field="get_total", operation="AsyncPaginator.count"
            )
        total = self.get_total(await self.fetch_page(self.start_index, 1))
        return 0 if total is None else int(total)

    def __aiter__(self) -> AsyncIterator[Any]:
        return self.iterate()
