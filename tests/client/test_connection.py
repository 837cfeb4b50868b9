"""Connecting: version, connection test, and every way a server can be wrong."""

from __future__ import annotations

import asyncio
import socket

import pytest

from _support import bad_token
from pywats import (
    AsyncWATS,
    AuthenticationError,
    ConnectionError,
    EmptyResponseError,
    ErrorMode,
    InvalidResponseError,
    PyWATSError,
    TimeoutError,
    pyWATS,
)
from pywats.testing import LocalWATSServer, ServerControl


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_guide_basic_initialization(wats_server: LocalWATSServer, wats_control: ServerControl) -> None:
    api = pyWATS(base_url=wats_server.url, token=wats_server.token)
    assert api.test_connection() is True
    version = api.get_version()
    assert isinstance(version, str) and version
    api.close()


def test_base_url_with_api_suffix_works(wats_server: LocalWATSServer, wats_control: ServerControl) -> None:
    with pyWATS(base_url=wats_server.url + "/api/", token=wats_server.token) as api:
        assert api.test_connection()
    assert [r["path"] for r in wats_control.requests()] == ["/api/App/Version"]


def test_requests_carry_basic_auth_and_json_accept(
    wats_server: LocalWATSServer, wats_control: ServerControl
) -> None:
    with pyWATS(base_url=wats_server.url, token=wats_server.token) as api:
        api.get_version()
    logged = wats_control.requests()[-1]
    assert logged["accept"] == "application/json"
    assert logged["referer"] in (None, "")  # public endpoints carry no Referer


def test_internal_calls_send_referer(wats_server: LocalWATSServer, wats_control: ServerControl) -> None:
    with pyWATS(base_url=wats_server.url, token=wats_server.token, error_mode=ErrorMode.LENIENT) as api:
        api._transport.request(
            "GET",
            "/api/internal/Product/Bom",
            operation="get_bom",
            params={"partNumber": "NONE", "revision": "A"},
            internal=True,
        )
    logged = wats_control.requests()[-1]
    assert logged["path"].lower() == "/api/internal/product/bom"
    assert logged["referer"] == wats_server.url


def test_async_version(wats_server: LocalWATSServer) -> None:
    async def main() -> tuple[bool, str]:
        async with AsyncWATS(base_url=wats_server.url, token=wats_server.token) as api:
            return await api.test_connection(), await api.get_version()

    ok, version = asyncio.run(main())
    assert ok and version


def test_wrong_password_is_an_authentication_error(wats_server: LocalWATSServer) -> None:
    with pyWATS(base_url=wats_server.url, token=bad_token()) as api:
        assert api.test_connection() is False
        with pytest.raises(AuthenticationError) as info:
            api.get_version()
    assert info.value.status_code == 401
    assert info.value.operation == "get_version"
    assert info.value.details["server_message"]


def test_unreachable_server_is_a_connection_error() -> None:
    url = f"http://127.0.0.1:{_closed_port()}"
    with pyWATS(base_url=url, token=bad_token(), retry_enabled=False) as api:
        assert api.test_connection() is False  # never raises
        with pytest.raises(ConnectionError) as info:
            api.get_version()
    assert url in info.value.message
    assert info.value.cause is not None
    assert isinstance(info.value, OSError)  # builtins.ConnectionError too


def test_unreachable_server_async() -> None:
    async def main() -> None:
        async with AsyncWATS(
            base_url=f"http://127.0.0.1:{_closed_port()}", token=bad_token(), retry_enabled=False
        ) as api:
            assert await api.test_connection() is False
            with pytest.raises(ConnectionError):
                await api.get_version()

    asyncio.run(main())


def test_unknown_host_is_a_connection_error() -> None:
    with pyWATS(base_url="http://no-such-host.invalid", token=bad_token(), retry_enabled=False) as api:
        with pytest.raises(ConnectionError):
            api.get_version()


def test_slow_server_is_a_timeout_error(wats_server: LocalWATSServer, wats_control: ServerControl) -> None:
    wats_control.add_fault(path="/api/App/Version", delay_s=1.0, count=1)
    with pyWATS(base_url=wats_server.url, token=wats_server.token, timeout=0.2, retry_enabled=False) as api:
        with pytest.raises(TimeoutError) as info:
            api.get_version()
    assert isinstance(info.value, PyWATSError)
    assert info.value.details["timeout_s"] == 0.2


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("<html><body>Please log in</body></html>", "text/html"),
        ('{"partNumber": "X", ', "application/json"),
        ("\x00\x01garbage", "application/octet-stream"),
    ],
)
def test_non_json_answer_is_an_invalid_response_error(
    wats_server: LocalWATSServer, wats_control: ServerControl, body: str, content_type: str
) -> None:
    wats_control.add_fault(path="/api/App/Version", status=200, body=body, content_type=content_type)
    with pyWATS(base_url=wats_server.url, token=wats_server.token) as api:
        with pytest.raises(InvalidResponseError) as info:
            api.get_version()
    assert content_type in info.value.message
    assert info.value.status_code == 200


def test_empty_200_is_an_empty_response_error(
    wats_server: LocalWATSServer, wats_control: ServerControl
) -> None:
    wats_control.add_fault(path="/api/App/Version", status=200, body="", count=2)
    with pyWATS(base_url=wats_server.url, token=wats_server.token) as api:
        with pytest.raises(EmptyResponseError):
            api.get_version()
        assert api.test_connection() is False


def test_html_error_page_is_summarised(wats_server: LocalWATSServer, wats_control: ServerControl) -> None:
    wats_control.add_fault(
        path="/api/App/Version",
        status=502,
        body="<html>" + "x" * 5000 + "</html>",
        content_type="text/html",
        count=0,
    )
    with pyWATS(base_url=wats_server.url, token=wats_server.token, retry_enabled=False) as api:
        with pytest.raises(PyWATSError) as info:
            api.get_version()
    assert len(info.value.message) < 400
