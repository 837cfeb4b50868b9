"""Retry against real faults injected into the local server."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import pytest

from _support import FAST_RETRY
from pywats import AsyncWATS, ConnectionError, RetryConfig, ServerError, pyWATS
from pywats.testing import LocalWATSServer, ServerControl


def _hits(control: ServerControl, path: str) -> int:
    return sum(1 for r in control.requests() if r["path"].lower() == path.lower())


@pytest.mark.parametrize("status", [429, 500, 502, 503, 504])
def test_transient_statuses_are_retried(
    make_api: Callable[..., pyWATS], wats_control: ServerControl, status: int
) -> None:
    api = make_api()
    api.product.create_product("RETRY-1", name="Retry me")
    wats_control.clear_requests()
    wats_control.add_fault(method="GET", path="/api/Product/*", status=status, count=2)
    product = api.product.get_product("RETRY-1")
    assert product is not None and product.part_number == "RETRY-1"
    assert _hits(wats_control, "/api/Product/RETRY-1") == 3
    assert api.retry_config.stats["total_retries"] == 2


def test_gives_up_after_max_attempts(make_api: Callable[..., pyWATS], wats_control: ServerControl) -> None:
    api = make_api(retry_config=RetryConfig(max_attempts=4, **FAST_RETRY))
    wats_control.add_fault(path="/api/App/Version", status=503, count=0)
    with pytest.raises(ServerError) as info:
        api.get_version()
    assert info.value.status_code == 503
    assert info.value.details["attempts"] == 4
    assert _hits(wats_control, "/api/App/Version") == 4


def test_post_is_never_retried(make_api: Callable[..., pyWATS], wats_control: ServerControl) -> None:
    api = make_api()
    wats_control.add_fault(method="POST", path="/api/Report/WSJF", status=503, count=0)
    with pytest.raises(ServerError):
        api._transport.request("POST", "/api/Report/WSJF", operation="submit_report", json_body=b"{}")
    assert _hits(wats_control, "/api/Report/WSJF") == 1
    assert api.retry_config.stats["total_retries"] == 0


def test_non_transient_errors_are_not_retried(
    make_api: Callable[..., pyWATS], wats_control: ServerControl
) -> None:
    api = make_api()
    wats_control.add_fault(path="/api/App/Version", status=400, count=0)
    with pytest.raises(Exception):  # noqa: B017 - the type is tested elsewhere; here only the count matters
        api.get_version()
    assert _hits(wats_control, "/api/App/Version") == 1


def test_retry_after_is_honoured(make_api: Callable[..., pyWATS], wats_control: ServerControl) -> None:
    api = make_api(retry_config=RetryConfig(base_delay=0.0, max_delay=5.0, jitter=False))
    wats_control.add_fault(path="/api/App/Version", status=429, retry_after="1", count=1)
    started = time.monotonic()
    assert api.get_version()
    elapsed = time.monotonic() - started
    assert 0.9 <= elapsed < 4.0
    assert api.retry_config.stats == {"total_retries": 1, "total_retry_time": 1.0}


def test_retry_after_is_capped(make_api: Callable[..., pyWATS], wats_control: ServerControl) -> None:
    api = make_api(retry_config=RetryConfig(base_delay=0.0, max_delay=0.1, jitter=False))
    wats_control.add_fault(path="/api/App/Version", status=503, retry_after="3600", count=1)
    started = time.monotonic()
    assert api.get_version()
    assert time.monotonic() - started < 2.0


def test_dropped_connection_is_retried(make_api: Callable[..., pyWATS], wats_control: ServerControl) -> None:
    api = make_api()
    wats_control.add_fault(path="/api/App/Version", drop=True, count=1)
    assert api.get_version()
    assert api.retry_config.stats["total_retries"] == 1


def test_dropped_connection_without_retry_is_a_connection_error(
    make_api: Callable[..., pyWATS], wats_control: ServerControl
) -> None:
    api = make_api(retry_enabled=False)
    wats_control.add_fault(path="/api/App/Version", drop=True, count=1)
    with pytest.raises(ConnectionError):
        api.get_version()


def test_timeouts_are_retried(make_api: Callable[..., pyWATS], wats_control: ServerControl) -> None:
    api = make_api(timeout=0.3)
    wats_control.add_fault(path="/api/App/Version", delay_s=1.0, count=1)
    assert api.get_version()
    assert api.retry_config.stats["total_retries"] == 1


def test_async_retry_does_not_block_the_loop(
    wats_server: LocalWATSServer, wats_control: ServerControl
) -> None:
    wats_control.add_fault(path="/api/App/Version", status=503, count=2)

    async def main() -> float:
        gaps: list[float] = []

        async def ticker() -> None:
            last = time.perf_counter()
            while True:
                await asyncio.sleep(0.005)
                now = time.perf_counter()
                gaps.append(now - last)
                last = now

        tick = asyncio.create_task(ticker())
        config = RetryConfig(base_delay=0.2, max_delay=0.2, jitter=False)
        async with AsyncWATS(base_url=wats_server.url, token=wats_server.token, retry_config=config) as api:
            assert await api.get_version()
            assert api.retry_config.stats["total_retries"] == 2
        tick.cancel()
        return max(gaps)

    assert asyncio.run(main()) < 0.1  # two 0.2 s back-offs slept without stalling the ticker


def test_guide_custom_retry_configuration(wats_server: LocalWATSServer, wats_control: ServerControl) -> None:
    config = RetryConfig(max_attempts=5, base_delay=0.01, max_delay=0.05, jitter=True)
    api = pyWATS(base_url=wats_server.url, token=wats_server.token, retry_config=config)
    wats_control.add_fault(path="/api/App/Version", status=503, count=3)
    assert api.get_version()
    stats = api.retry_config.stats
    assert stats["total_retries"] == 3
    assert 0 <= stats["total_retry_time"] <= 0.15
    api.close()


def test_guide_disable_retry(wats_server: LocalWATSServer, wats_control: ServerControl) -> None:
    api = pyWATS(base_url=wats_server.url, token=wats_server.token, retry_enabled=False)
    wats_control.add_fault(path="/api/App/Version", status=503, count=1)
    with pytest.raises(ServerError):
        api.get_version()
    assert _hits(wats_control, "/api/App/Version") == 1
    api.close()
