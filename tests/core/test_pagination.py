"""paginate / Paginator and their async twins, against an in-memory paged source.

The source below behaves like an offset-paged server (SCIM-style 1-based start index, optional
total, optional page-size cap, optionally broken so that it ignores the start index).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

import pytest

from pywats import InvalidResponseError, ValidationError
from pywats.core import AsyncPaginator, PaginationError, Paginator, apaginate, paginate, paginate_all


@dataclass
class Page:
    items: list[int]
    total_count: int | None


@dataclass
class PagedSource:
    size: int
    cap: int | None = None
    report_total: bool = True
    ignore_start: bool = False
    base: int = 1
    calls: list[tuple[int, int]] = field(default_factory=list)

    def fetch(self, start_index: int, count: int) -> Page:
        self.calls.append((start_index, count))
        offset = 0 if self.ignore_start else start_index - self.base
        count = min(count, self.cap) if self.cap else count
        items = list(range(self.size))[offset : offset + count]
        return Page(items, self.size if self.report_total else None)

    async def afetch(self, start_index: int, count: int) -> Page:
        await asyncio.sleep(0)
        return self.fetch(start_index, count)


def walk(source: PagedSource, **kwargs: Any) -> list[int]:
    get_total = (lambda r: r.total_count) if source.report_total else None
    return list(paginate(fetch_page=source.fetch, get_items=lambda r: r.items, get_total=get_total, **kwargs))


@pytest.mark.parametrize("size", [0, 1, 49, 50, 51, 120])
@pytest.mark.parametrize("report_total", [True, False])
def test_every_item_once_in_order(size: int, report_total: bool) -> None:
    source = PagedSource(size, report_total=report_total)
    assert walk(source, page_size=50) == list(range(size))


def test_requests_advance_by_items_received_from_index_one() -> None:
    source = PagedSource(120)
    walk(source, page_size=50)
    assert source.calls == [(1, 50), (51, 50), (101, 50)]


def test_exact_multiple_with_total_stops_without_an_extra_request() -> None:
    source = PagedSource(100)
    walk(source, page_size=50)
    assert len(source.calls) == 2


def test_without_total_an_exact_multiple_costs_one_empty_request() -> None:
    source = PagedSource(100, report_total=False)
    walk(source, page_size=50)
    assert source.calls[-1] == (101, 50) and len(source.calls) == 3


def test_server_page_cap_is_followed_when_total_is_known() -> None:
    source = PagedSource(95, cap=20)
    assert walk(source, page_size=50) == list(range(95))
    assert [start for start, _ in source.calls] == [1, 21, 41, 61, 81]


def test_server_page_cap_without_total_ends_at_the_short_page() -> None:
    # Documented limit: with no total, a short page is taken as the last one.
    source = PagedSource(95, cap=20, report_total=False)
    assert walk(source, page_size=50) == list(range(20))


def test_max_items_truncates_and_shrinks_the_last_request() -> None:
    source = PagedSource(500)
    assert walk(source, page_size=50, max_items=120) == list(range(120))
    assert source.calls[-1] == (101, 20)
    assert walk(PagedSource(10), max_items=0) == []


def test_zero_based_start_index() -> None:
    source = PagedSource(30, base=0)
    assert walk(source, page_size=10, start_index=0) == list(range(30))
    assert source.calls[0] == (0, 10)


def test_on_page_reports_page_number_running_count_and_total() -> None:
    seen: list[tuple[int, int, int | None]] = []
    walk(PagedSource(25), page_size=10, on_page=lambda p, n, t: seen.append((p, n, t)))
    assert seen == [(1, 10, 25), (2, 20, 25), (3, 25, 25)]


def test_pages_are_fetched_lazily() -> None:
    source = PagedSource(1000)
    iterator = paginate(fetch_page=source.fetch, get_items=lambda r: r.items, page_size=10)
    assert [next(iterator) for _ in range(15)] == list(range(15))
    assert len(source.calls) == 2


@pytest.mark.parametrize("report_total", [True, False])
def test_a_server_ignoring_the_start_index_is_stopped(report_total: bool) -> None:
    source = PagedSource(100, ignore_start=True, report_total=report_total)
    with pytest.raises(PaginationError) as info:
        walk(source, page_size=10)
    err = info.value
    assert isinstance(err, InvalidResponseError)
    assert "repeats the previous page" in str(err)
    assert err.details["start_index"] == 11
    assert len(source.calls) == 2


def test_none_items_is_an_empty_page() -> None:
    assert list(paginate(fetch_page=lambda s, c: None, get_items=lambda r: r)) == []


def test_a_non_numeric_total_is_a_clear_error() -> None:
    with pytest.raises(ValidationError) as info:
        list(paginate(fetch_page=lambda s, c: [1], get_items=lambda r: r, get_total=lambda r: "many"))
    assert info.value.field == "get_total"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"page_size": 0}, "page_size"),
        ({"page_size": 2.0}, "page_size"),
        ({"start_index": -1}, "start_index"),
        ({"max_items": -1}, "max_items"),
    ],
)
def test_bad_arguments_name_the_field(kwargs: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as info:
        list(paginate(fetch_page=lambda s, c: [], get_items=lambda r: r, **kwargs))
    assert info.value.field == field


def test_paginate_all_and_paginator() -> None:
    source = PagedSource(42)
    assert paginate_all(source.fetch, lambda r: r.items, lambda r: r.total_count, page_size=10) == list(
        range(42)
    )
    paginator = Paginator(source.fetch, lambda r: r.items, lambda r: r.total_count)
    assert list(paginator) == list(range(42))
    assert paginator.all(page_size=5, max_items=12) == list(range(12))
    assert list(paginator.iterate(page_size=40)) == list(range(42))
    source.calls.clear()
    assert paginator.count() == 42
    assert source.calls == [(1, 1)]


def test_paginator_count_needs_get_total() -> None:
    with pytest.raises(ValidationError) as info:
        Paginator(PagedSource(3).fetch, lambda r: r.items).count()
    assert info.value.field == "get_total"


# -- async --------------------------------------------------------------------------------------


def test_apaginate_walks_like_paginate() -> None:
    async def main() -> tuple[list[int], list[tuple[int, int]]]:
        source = PagedSource(57)
        items = [
            i
            async for i in apaginate(
                fetch_page=source.afetch,
                get_items=lambda r: r.items,
                get_total=lambda r: r.total_count,
                page_size=20,
            )
        ]
        return items, source.calls

    items, calls = asyncio.run(main())
    assert items == list(range(57))
    assert calls == [(1, 20), (21, 20), (41, 20)]


def test_async_paginator() -> None:
    async def main() -> None:
        source = PagedSource(33)
        paginator = AsyncPaginator(source.afetch, lambda r: r.items, lambda r: r.total_count)
        assert [i async for i in paginator] == list(range(33))
        assert await paginator.all(page_size=4, max_items=9) == list(range(9))
        assert await paginator.count() == 33
        broken = AsyncPaginator(PagedSource(50, ignore_start=True).afetch, lambda r: r.items)
        with pytest.raises(PaginationError):
            await broken.all(page_size=10)
        with pytest.raises(ValidationError):
            await broken.count()

    asyncio.run(main())
