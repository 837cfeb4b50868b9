"""The paging decisions of ``iter_users``, as pure functions (SCIM ``startIndex``/``count``)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PageRequest", "first_page", "next_page"]


@dataclass(frozen=True)
class PageRequest:
    """The next page to ask for: 1-based ``start_index`` and ``count`` users."""

    start_index: int
    count: int


def _count(page_size: int, max_users: int | None, delivered: int) -> int:
    return page_size if max_users is None else min(page_size, max_users - delivered)


def first_page(page_size: int, max_users: int | None) -> PageRequest | None:
    """The first request, or None when ``max_users`` is 0."""
    if max_users is not None and max_users <= 0:
        return None
    return PageRequest(1, _count(page_size, max_users, 0))


def next_page(
    current: PageRequest,
    received: int,
    total: int | None,
    delivered: int,
    page_size: int,
    max_users: int | None,
) -> PageRequest | None:
    """The request after ``current`` answered ``received`` users, or None when paging is over.

    Over when: the limit is reached, the page was empty (a server that does not advance must
    not loop forever), the server's ``total`` is reached, or, with no total, a short page came.
    """
    if max_users is not None and delivered >= max_users:
        return None
    if received <= 0:
        return None
    start = current.start_index + received
    if total is not None and start > total:
        return None
    if total is None and received < current.count:
        return None
    return PageRequest(start, _count(page_size, max_users, delivered))
