"""The exception tree and its attributes, as the guide draws them."""

from __future__ import annotations

import builtins

import pytest

import pywats
from pywats import (
    AuthenticationError,
    AuthorizationError,
    ConflictError,
    ConnectionError,
    EmptyResponseError,
    InvalidResponseError,
    NotFoundError,
    PyWATSError,
    ServerError,
    TimeoutError,
    ValidationError,
)
from pywats.core import exceptions
from pywats.core._http import error_from_status

GUIDE_TREE = [
    AuthenticationError,
    AuthorizationError,
    NotFoundError,
    ValidationError,
    ConflictError,
    EmptyResponseError,
    ServerError,
    ConnectionError,
    TimeoutError,
]


@pytest.mark.parametrize("cls", GUIDE_TREE)
def test_every_guide_exception_is_a_pywats_error(cls: type[PyWATSError]) -> None:
    assert issubclass(cls, PyWATSError)
    assert getattr(pywats, cls.__name__) is cls
    assert getattr(exceptions, cls.__name__) is cls


def test_network_errors_are_also_the_builtins() -> None:
    assert issubclass(ConnectionError, builtins.ConnectionError)
    assert issubclass(TimeoutError, builtins.TimeoutError)
    with pytest.raises(builtins.ConnectionError):
        raise ConnectionError("down", operation="get_product")
    with pytest.raises(builtins.TimeoutError):
        raise TimeoutError("slow")


def test_common_attributes() -> None:
    cause = OSError("boom")
    err = PyWATSError("It failed", operation="get_product", details={"a": 1}, cause=cause)
    assert (err.message, err.operation, err.details, err.cause) == (
        "It failed",
        "get_product",
        {"a": 1},
        cause,
    )
    assert err.__cause__ is cause
    assert "It failed" in str(err) and "get_product" in str(err)
    assert PyWATSError("x").details == {}


def test_specific_attributes() -> None:
    nf = NotFoundError(resource_type="Product", identifier="WIDGET-001")
    assert (nf.resource_type, nf.identifier) == ("Product", "WIDGET-001")
    assert nf.message == "Product 'WIDGET-001' not found"
    ve = ValidationError("bad", field="part_number", value="")
    assert (ve.field, ve.value) == ("part_number", "")
    assert isinstance(ve, ValueError)
    se = ServerError("oops", status_code=503)
    assert se.status_code == 503
    assert issubclass(InvalidResponseError, ServerError)


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, ValidationError),
        (401, AuthenticationError),
        (403, AuthorizationError),
        (404, NotFoundError),
        (409, ConflictError),
        (500, ServerError),
        (502, ServerError),
        (503, ServerError),
        (599, ServerError),
    ],
)
def test_status_mapping_carries_the_server_message(status: int, cls: type[PyWATSError]) -> None:
    err = error_from_status(
        status, "Reason", b'{"Message": "Server says no"}', operation="op", method="GET", path="/api/x"
    )
    assert type(err) is cls
    assert "Server says no" in err.message
    assert err.details["server_message"] == "Server says no"
    assert err.details["status_code"] == status
    assert err.operation == "op"
    if cls is ServerError:
        assert isinstance(err, ServerError) and err.status_code == status


@pytest.mark.parametrize(
    ("body", "text"),
    [
        (b'{"message": "lower"}', "lower"),
        (b'{"title": "Bad", "status": 400, "detail": "the detail"}', "the detail"),
        (b'"plain json string"', "plain json string"),
        (b"plain text body", "plain text body"),
        (b"", "Reason"),
    ],
)
def test_error_text_shapes(body: bytes, text: str) -> None:
    err = error_from_status(400, "Reason", body, operation=None, method="GET", path="/x")
    assert text in err.message


def test_model_state_names_the_field() -> None:
    body = b'{"Message": "The request is invalid.", "ModelState": {"product.partNumber": ["Required"]}}'
    err = error_from_status(400, "Bad Request", body, operation=None, method="PUT", path="/api/Product")
    assert isinstance(err, ValidationError)
    assert err.field == "partNumber"


def test_other_4xx_are_plain_pywats_errors() -> None:
    err = error_from_status(418, "I'm a teapot", b"", operation=None, method="GET", path="/x")
    assert type(err) is PyWATSError
    assert err.details["status_code"] == 418
