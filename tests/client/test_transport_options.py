"""Transport options: the connection pool, HTTP/2, and bringing your own httpx client."""

from __future__ import annotations

import asyncio

import httpx

from pywats import AsyncWATS, pyWATS
from pywats.testing import LocalWATSServer, ServerControl


def test_default_pool_is_http2_with_100_connections_20_keepalive() -> None:
    # Nothing is sent: the pool is configured when the client is made.
    with pyWATS(base_url="https://wats.example.com", token="dTpw") as api:
        pool = api._transport.http_client._transport._pool  # type: ignore[attr-defined]
        assert pool._http2 is True
        assert pool._max_connections == 100
        assert pool._max_keepalive_connections == 20


def test_plain_http_pool_does_not_offer_http2(wats_server: LocalWATSServer) -> None:
    # HTTP/2 is only negotiated over TLS; on http:// it would only cost the pool extra work.
    with pyWATS(base_url=wats_server.url, token=wats_server.token) as api:
        pool = api._transport.http_client._transport._pool  # type: ignore[attr-defined]
        assert pool._http2 is False
        assert pool._max_connections == 100
        assert api.get_version()


def test_async_pool_offers_http2_on_https_only() -> None:
    async def pools() -> tuple[bool, bool]:
        async with AsyncWATS(base_url="https://wats.example.com", token="dTpw") as tls:
            async with AsyncWATS(base_url="http://127.0.0.1:9", token="dTpw") as plain:
                return (
                    tls._transport.http_client._transport._pool._http2,  # type: ignore[attr-defined]
                    plain._transport.http_client._transport._pool._http2,  # type: ignore[attr-defined]
                )

    assert asyncio.run(pools()) == (True, False)


def test_connections_are_reused(wats_server: LocalWATSServer, wats_control: ServerControl) -> None:
    with pyWATS(base_url=wats_server.url, token=wats_server.token) as api:
        for _ in range(20):
            api.get_version()
        pool = api._transport.http_client._transport._pool  # type: ignore[attr-defined]
        assert len(pool.connections) == 1


def test_own_sync_http_client_is_used_and_left_open(
    wats_server: LocalWATSServer, wats_control: ServerControl
) -> None:
    seen: list[str] = []
    own = httpx.Client(
        headers={"User-Agent": "factory-proxy/1.0"},
        event_hooks={"request": [lambda r: seen.append(r.url.path)]},
    )
    with pyWATS(base_url=wats_server.url, token=wats_server.token, http_client=own) as api:
        assert api.get_version()
    assert seen == ["/api/App/Version"]
    assert wats_control.requests()[-1]["user_agent"] == "factory-proxy/1.0"
    assert not own.is_closed  # the caller's client is the caller's to close
    own.close()


def test_own_async_http_client(wats_server: LocalWATSServer, wats_control: ServerControl) -> None:
    async def main() -> bool:
        async with httpx.AsyncClient(headers={"User-Agent": "async-proxy/2.0"}) as own:
            async with AsyncWATS(base_url=wats_server.url, token=wats_server.token, http_client=own) as api:
                ok = await api.test_connection()
            assert not own.is_closed
            return ok

    assert asyncio.run(main())
    assert wats_control.requests()[-1]["user_agent"] == "async-proxy/2.0"
