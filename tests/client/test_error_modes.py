"""The guide's "Exception Matrix by Mode", row by row, for both twins."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from _support import FAST_RETRY
from pywats import (
    AsyncWATS,
    AuthenticationError,
    AuthorizationError,
    ConflictError,
    ConnectionError,
    EmptyResponseError,
    ErrorMode,
    NotFoundError,
    PyWATSError,
    RetryConfig,
    ServerError,
    TimeoutError,
    ValidationError,
    pyWATS,
)
from pywats.testing import LocalWATSServer, ServerControl

PATH = "/api/Product/*"

# (fault to inject, STRICT outcome, LENIENT outcome); None means "returns None".
MATRIX: list[tuple[str, dict[str, Any], type[PyWATSError], type[PyWATSError] | None]] = [
    ("404 Not Found", {"status": 404}, NotFoundError, None),
    ("Empty Response", {"status": 200, "body": ""}, EmptyResponseError, None),
    ("Empty JSON object", {"status": 200, "body": "{}"}, EmptyResponseError, None),
    ("400 Validation", {"status": 400}, ValidationError, ValidationError),
    ("401 Auth", {"status": 401}, AuthenticationError, AuthenticationError),
    ("403 Permission", {"status": 403}, AuthorizationError, AuthorizationError),
    ("409 Conflict", {"status": 409}, ConflictError, ConflictError),
    ("5xx Server Error", {"status": 500}, ServerError, ServerError),
    ("Network Failure", {"drop": True}, ConnectionError, ConnectionError),
    ("Timeout", {"delay_s": 1.0}, TimeoutError, TimeoutError),
]

MODES = [ErrorMode.STRICT, ErrorMode.LENIENT]


def _client_kwargs(server: LocalWATSServer, mode: ErrorMode) -> dict[str, Any]:
    return {
        "base_url": server.url,
        "token": server.token,
        "error_mode": mode,
        "timeout": 0.3,
        "retry_config": RetryConfig(**FAST_RETRY),
    }


@pytest.mark.parametrize("mode", MODES, ids=lambda m: m.name)
@pytest.mark.parametrize(("row", "fault", "strict", "lenient"), MATRIX, ids=[r[0] for r in MATRIX])
def test_matrix_sync(
    wats_server: LocalWATSServer,
    wats_control: ServerControl,
    mode: ErrorMode,
    row: str,
    fault: dict[str, Any],
    strict: type[PyWATSError],
    lenient: type[PyWATSError] | None,
) -> None:
    wats_control.add_fault(method="GET", path=PATH, count=0, **fault)
    expected = strict if mode is ErrorMode.STRICT else lenient
    with pyWATS(**_client_kwargs(wats_server, mode)) as api:
        if expected is None:
            assert api.product.get_product("WIDGET-001") is None
        else:
            with pytest.raises(expected) as info:
                api.product.get_product("WIDGET-001")
            assert info.value.operation == "get_product"
            assert info.value.message


@pytest.mark.parametrize("mode", MODES, ids=lambda m: m.name)
@pytest.mark.parametrize(("row", "fault", "strict", "lenient"), MATRIX, ids=[r[0] for r in MATRIX])
def test_matrix_async(
    wats_server: LocalWATSServer,
    wats_control: ServerControl,
    mode: ErrorMode,
    row: str,
    fault: dict[str, Any],
    strict: type[PyWATSError],
    lenient: type[PyWATSError] | None,
) -> None:
    wats_control.add_fault(method="GET", path=PATH, count=0, **fault)
    expected = strict if mode is ErrorMode.STRICT else lenient

    async def main() -> None:
        async with AsyncWATS(**_client_kwargs(wats_server, mode)) as api:
            if expected is None:
                assert await api.product.get_product("WIDGET-001") is None
            else:
                with pytest.raises(expected):
                    await api.product.get_product("WIDGET-001")

    asyncio.run(main())


def test_real_404_names_the_resource(wats_server: LocalWATSServer, wats_control: ServerControl) -> None:
    """No fault: the server itself answers 404 for an unknown part number."""
    with pyWATS(base_url=wats_server.url, token=wats_server.token) as api:
        with pytest.raises(NotFoundError) as info:
            api.product.get_product("UNKNOWN")
    assert info.value.resource_type == "Product"
    assert info.value.identifier == "UNKNOWN"
    assert "UNKNOWN" in info.value.details["server_message"]
    with pyWATS(base_url=wats_server.url, token=wats_server.token, error_mode=ErrorMode.LENIENT) as api:
        assert api.product.get_product("UNKNOWN") is None


def test_lists_are_empty_not_errors_in_strict_mode(
    wats_server: LocalWATSServer, wats_control: ServerControl
) -> None:
    with pyWATS(base_url=wats_server.url, token=wats_server.token) as api:
        assert api.product.get_products() == []
