"""The streamed transport calls retry an attempt only while no byte of the file has moved."""

from __future__ import annotations

import io
import socket

import pytest

from _support import FAST_RETRY
from pywats import ConnectionError, RetryConfig, ServerError
from pywats.core._sync_transport import SyncTransport
from pywats.core.config import resolve_config
from pywats.testing import LocalWATSServer, ServerControl


def _transport(url: str, token: str) -> SyncTransport:
    return SyncTransport(resolve_config(url, token, retry_config=RetryConfig(**FAST_RETRY)))


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_an_upload_that_never_connected_is_retried() -> None:
    transport = _transport(f"http://127.0.0.1:{_closed_port()}", "dG9rZW4=")
    source = io.BytesIO(b"payload")
    with pytest.raises(ConnectionError) as info:
        transport.upload("PUT", "/api/anything", operation="test", source=source, size=7)
    assert info.value.details["attempts"] == 3  # nothing was read from the file: safe to repeat
    assert source.tell() == 0
    transport.close()


def test_an_upload_whose_bytes_were_sent_is_not_retried(
    wats_server: LocalWATSServer, wats_control: ServerControl
) -> None:
    wats_control.add_fault(path="/api/Asset/Anything", method="PUT", status=503, count=1)
    transport = _transport(wats_server.url, wats_server.token)
    with pytest.raises(ServerError) as info:
        transport.upload(
            "PUT", "/api/Asset/Anything", operation="test", source=io.BytesIO(b"x" * 1000), size=1000
        )
    assert info.value.details["bytes_sent"] == 1000 and "attempts" not in info.value.details
    assert [r["method"] for r in wats_control.requests()] == ["PUT"]  # sent once
    transport.close()


def test_a_download_that_never_connected_is_retried() -> None:
    transport = _transport(f"http://127.0.0.1:{_closed_port()}", "dG9rZW4=")
    sink = io.BytesIO()
    with pytest.raises(ConnectionError) as info:
        transport.download("GET", "/api/anything", operation="test", sink=sink)
    assert info.value.details["attempts"] == 3 and sink.getvalue() == b""
    transport.close()
