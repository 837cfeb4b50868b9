"""Logging: the guide's logger names and line format, and no token in any line."""

from __future__ import annotations

import io
import logging
import re

import pytest

from _support import bad_token
from pywats import enable_debug_logging, pyWATS
from pywats.testing import LocalWATSServer, ServerControl

LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d - (pywats[\w.]*) - (DEBUG|INFO|WARNING|ERROR) - .+$")


@pytest.fixture
def log_stream() -> io.StringIO:
    stream = io.StringIO()
    handler = enable_debug_logging(stream=stream)
    yield stream
    logging.getLogger("pywats").removeHandler(handler)
    logging.getLogger("pywats").setLevel(logging.NOTSET)


def test_debug_logging_shows_requests_in_the_guide_format(
    wats_server: LocalWATSServer, wats_control: ServerControl, log_stream: io.StringIO
) -> None:
    with pyWATS(base_url=wats_server.url, token=wats_server.token) as api:
        api.product.create_product("WIDGET-001")
        api.product.get_product("WIDGET-001")
    lines = log_stream.getvalue().splitlines()
    assert lines and all(LINE.match(line) for line in lines), lines
    text = "\n".join(lines)
    assert f"pywats.http_client - INFO - GET {wats_server.url}/api/Product/WIDGET-001" in text
    assert re.search(r"pywats.http_client - DEBUG - Response: 200 OK \(\d+ bytes\)", text)
    assert "pywats.domains.product - DEBUG - Retrieved product: WIDGET-001" in text


def test_token_never_appears_in_logs(
    wats_server: LocalWATSServer,
    wats_control: ServerControl,
    log_stream: io.StringIO,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger, httpx and httpcore included
    wats_control.add_fault(path="/api/App/Version", status=503, count=1)
    with pyWATS(base_url=wats_server.url, token=wats_server.token) as api:
        api.get_version()
        api.test_connection()
    with pyWATS(base_url=wats_server.url, token=bad_token()) as api:
        api.test_connection()
    everything = log_stream.getvalue() + "\n".join(r.getMessage() for r in caplog.records)
    assert "Retrying GET" in everything
    for secret in (wats_server.token, bad_token(), wats_server.password):
        assert secret not in everything


def test_enable_twice_does_not_duplicate_lines(
    wats_server: LocalWATSServer, wats_control: ServerControl
) -> None:
    stream = io.StringIO()
    enable_debug_logging(stream=stream)
    handler = enable_debug_logging(stream=stream)
    try:
        with pyWATS(base_url=wats_server.url, token=wats_server.token) as api:
            api.get_version()
        assert stream.getvalue().count("GET ") == 1
    finally:
        logging.getLogger("pywats").removeHandler(handler)
        logging.getLogger("pywats").setLevel(logging.NOTSET)


def test_silenced_by_the_guide_recipe(
    wats_server: LocalWATSServer, wats_control: ServerControl, caplog: pytest.LogCaptureFixture
) -> None:
    logging.getLogger("pywats").setLevel(logging.CRITICAL)
    try:
        with caplog.at_level(logging.DEBUG, logger="httpx"):
            with pyWATS(base_url=wats_server.url, token=wats_server.token) as api:
                api.get_version()
        assert not [r for r in caplog.records if r.name.startswith("pywats")]
    finally:
        logging.getLogger("pywats").setLevel(logging.NOTSET)
