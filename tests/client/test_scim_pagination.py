"""``iter_users``: the guide's "Pagination" section, lazily, on both clients (endpoints.md §11)."""

from __future__ import annotations

import ast
import asyncio
import inspect
from pathlib import Path
from typing import Any

import pytest
from twins import Twin, twin_fixture  # noqa: F401

from pywats import AsyncWATS, ScimUser, pyWATS
from pywats.domains.scim._paging import PageRequest, first_page, next_page
from pywats.testing import LocalWATSServer, ServerControl

ROOT = Path(__file__).resolve().parents[2]


def _seed(api: pyWATS, count: int) -> None:
    for i in range(count):
        api.scim.create_user(ScimUser(user_name=f"user{i:03d}", display_name=f"User {i}"))


def _page_requests(control: ServerControl) -> list[str]:
    return [
        str(r["query"])
        for r in control.requests()
        if r["method"] == "GET" and r["path"] == "/api/SCIM/v2/Users"
    ]


def test_guide_samples_with_a_plain_for(wats_api: pyWATS, wats_control: ServerControl) -> None:
    _seed(wats_api, 12)
    printed = []
    for user in wats_api.scim.iter_users(page_size=100):
        printed.append(f"{user.user_name}: {user.display_name}")
    assert printed[0] == "user000: User 0" and len(printed) == 12

    processed = []
    for user in wats_api.scim.iter_users(page_size=5, max_users=7):
        processed.append(user.user_name)
    assert processed == [f"user{i:03d}" for i in range(7)]

    pages: list[tuple[int, int, int | None]] = []

    def on_page(page_num: int, items_so_far: int, total: int | None) -> None:
        pages.append((page_num, items_so_far, total))

    synced = [user.id for user in wats_api.scim.iter_users(page_size=5, on_page=on_page)]
    assert len(synced) == 12
    assert pages == [(1, 5, 12), (2, 10, 12), (3, 12, 12)]


def test_async_for_on_the_async_client(wats_server: LocalWATSServer, wats_control: ServerControl) -> None:
    async def main() -> tuple[list[str], list[tuple[int, int, int | None]]]:
        async with AsyncWATS(base_url=wats_server.url, token=wats_server.token) as api:
            for i in range(9):
                await api.scim.create_user(ScimUser(user_name=f"async{i}"))
            pages: list[tuple[int, int, int | None]] = []
            names = [
                user.user_name or ""
                async for user in api.scim.iter_users(
                    page_size=4, max_users=8, on_page=lambda *a: pages.append(a)
                )
            ]
            return names, pages

    names, pages = asyncio.run(main())
    assert names == [f"async{i}" for i in range(8)]
    assert pages == [(1, 4, 9), (2, 8, 9)]
    assert _page_requests(wats_control) == ["startIndex=1&count=4", "startIndex=5&count=4"]


def test_pages_are_fetched_only_when_the_previous_one_is_used_up(twin: Twin) -> None:
    for i in range(7):
        twin.run(twin.api.scim.create_user(ScimUser(user_name=f"lazy{i}")))
    twin.control.clear_requests()

    users = twin.api.scim.iter_users(page_size=3)
    assert _page_requests(twin.control) == []  # creating the iterator sends nothing
    step = _stepper(twin, users)

    seen = [step() for _ in range(3)]  # all of page 1
    assert _page_requests(twin.control) == ["startIndex=1&count=3"]
    seen.append(step())  # the first user of page 2 needs page 2
    assert _page_requests(twin.control) == ["startIndex=1&count=3", "startIndex=4&count=3"]
    seen += [step() for _ in range(3)]
    assert _page_requests(twin.control)[-1] == "startIndex=7&count=3"
    with pytest.raises(StopIteration):
        step()
    assert [u.user_name for u in seen] == [f"lazy{i}" for i in range(7)]
    assert len(_page_requests(twin.control)) == 3  # the last page was short: no empty page fetched


def _stepper(twin: Twin, users: Any) -> Any:
    """A function returning the next user, raising StopIteration at the end, for either twin."""
    if twin.is_async:
        assert twin.loop is not None

        def step_async() -> ScimUser:
            try:
                return twin.loop.run_until_complete(users.__anext__())  # type: ignore[union-attr]
            except StopAsyncIteration:
                raise StopIteration from None

        return step_async
    return lambda: next(users)


def test_max_users_limits_the_last_request(twin: Twin) -> None:
    for i in range(10):
        twin.run(twin.api.scim.create_user(ScimUser(user_name=f"cap{i}")))
    twin.control.clear_requests()
    got = twin.collect(twin.api.scim.iter_users(page_size=4, max_users=6))
    assert len(got) == 6
    assert _page_requests(twin.control) == ["startIndex=1&count=4", "startIndex=5&count=2"]
    assert twin.collect(twin.api.scim.iter_users(max_users=0)) == []


def test_a_failing_page_is_retried_and_iteration_goes_on(twin: Twin) -> None:
    for i in range(5):
        twin.run(twin.api.scim.create_user(ScimUser(user_name=f"retry{i}")))
    twin.control.add_fault(path="/api/SCIM/v2/Users", method="GET", status=503, count=1)
    assert len(twin.collect(twin.api.scim.iter_users(page_size=2))) == 5


def test_no_users(twin: Twin) -> None:
    calls: list[tuple[int, int, int | None]] = []
    assert twin.collect(twin.api.scim.iter_users(on_page=lambda *a: calls.append(a))) == []
    assert calls == [(1, 0, 0)]


def test_iter_users_is_a_real_generator_and_the_twins_are_synchronous() -> None:
    from pywats.domains.scim import AsyncScimService, ScimService

    assert inspect.isasyncgenfunction(AsyncScimService._iter_pages)
    assert inspect.isgeneratorfunction(ScimService._iter_pages)
    for domain in ("scim", "rootcause", "manual_inspection"):
        for module in ("service.py", "repository.py"):
            tree = ast.parse((ROOT / "src/pywats/domains" / domain / module).read_text())
            assert not any(
                isinstance(n, ast.AsyncFunctionDef | ast.Await | ast.AsyncFor | ast.AsyncWith)
                for n in ast.walk(tree)
            ), f"{domain}/{module}"
            imported = {
                a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names
            }
            assert "asyncio" not in imported, f"{domain}/{module}"


@pytest.mark.parametrize(
    ("current", "received", "total", "delivered", "page_size", "max_users", "expected"),
    [
        (PageRequest(1, 3), 3, 7, 3, 3, None, PageRequest(4, 3)),
        (PageRequest(4, 3), 3, 7, 6, 3, None, PageRequest(7, 3)),
        (PageRequest(7, 3), 1, 7, 7, 3, None, None),  # total reached
        (PageRequest(1, 3), 3, None, 3, 3, None, PageRequest(4, 3)),  # no total: go on after a full page
        (PageRequest(4, 3), 2, None, 5, 3, None, None),  # no total: a short page ends it
        (PageRequest(1, 3), 0, 100, 0, 3, None, None),  # an empty page never loops forever
        (PageRequest(1, 4), 4, 10, 4, 4, 6, PageRequest(5, 2)),  # the last request asks only for what is left
        (PageRequest(5, 2), 2, 10, 6, 4, 6, None),  # limit reached
        (PageRequest(1, 3), 5, 9, 5, 3, None, PageRequest(6, 3)),  # a server that sends more than asked
    ],
)
def test_next_page_decisions(
    current: PageRequest,
    received: int,
    total: int | None,
    delivered: int,
    page_size: int,
    max_users: int | None,
    expected: PageRequest | None,
) -> None:
    assert next_page(current, received, total, delivered, page_size, max_users) == expected


def test_first_page() -> None:
    assert first_page(100, None) == PageRequest(1, 100)
    assert first_page(100, 30) == PageRequest(1, 30)
    assert first_page(100, 0) is None
