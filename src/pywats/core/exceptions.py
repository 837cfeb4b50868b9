"""The one exception tree of pyWATS, and the error modes.

::

    PyWATSError                      base of everything pyWATS raises
    ├── AuthenticationError          401: the token was refused
    ├── AuthorizationError           403: authenticated, but not allowed
    ├── NotFoundError                404 (STRICT mode; LENIENT returns None)
    ├── ValidationError              400, or bad input caught before sending
    ├── ConflictError                409
    ├── EmptyResponseError           200 with no data where data was required (STRICT mode)
    ├── ServerError                  5xx
    │   └── InvalidResponseError     a 2xx whose body is not the JSON that was expected
    ├── ConnectionError              network failure (also a builtins.ConnectionError)
    └── TimeoutError                 no answer in time (also a builtins.TimeoutError)

Every exception carries ``message``, ``operation`` (the library call that failed, such as
``"get_product"``), ``details`` (a dict, never ``None``, with context but no credentials) and
``cause`` (the wrapped exception, if any). ``ConnectionError`` and ``TimeoutError`` also
subclass the builtins of the same name, so ``except ConnectionError`` catches them whether or
not the name was imported from pywats.
"""

from __future__ import annotations

import builtins
from enum import StrEnum
from typing import Any

__all__ = [
    "AuthenticationError",
    "AuthorizationError",
    "ConflictError",
    "ConnectionError",
    "EmptyResponseError",
    "ErrorMode",
    "InvalidResponseError",
    "NotFoundError",
    "PyWATSError",
    "ServerError",
    "TimeoutError",
    "ValidationError",
]


class ErrorMode(StrEnum):
    """How lookups treat missing data.

    ``STRICT`` (default): a 404 raises :class:`NotFoundError` and a 200 without data raises
    :class:`EmptyResponseError`. ``LENIENT``: both return ``None``. Every other error raises
    in both modes.
    """

    STRICT = "strict"
    LENIENT = "lenient"


class PyWATSError(Exception):
    """Base class of every error raised by pyWATS."""

    def __init__(
        self,
        message: str,
        *,
        operation: str | None = None,
        details: dict[str, Any] | None = None,
        cause: BaseException | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.operation = operation
        self.details: dict[str, Any] = dict(details) if details else {}
        self.cause = cause
        if cause is not None:
            self.__cause__ = cause

    def __str__(self) -> str:
        if self.operation:
            return f"{self.message} (operation: {self.operation})"
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, operation={self.operation!r})"


class AuthenticationError(PyWATSError):
    """The server refused the credentials (HTTP 401)."""

    status_code = 401


class AuthorizationError(PyWATSError):
    """The credentials are valid but lack the permission for this call (HTTP 403)."""

    status_code = 403


class NotFoundError(PyWATSError):
    """The resource does not exist (HTTP 404, STRICT mode).

    ``resource_type`` and ``identifier`` name what was looked for, e.g. ``"Product"`` and
    ``"WIDGET-001"``.
    """

    status_code = 404

    def __init__(
        self,
        message: str | None = None,
        *,
        resource_type: str | None = None,
        identifier: str | None = None,
        operation: str | None = None,
        details: dict[str, Any] | None = None,
        cause: BaseException | None = None,
    ) -> None:
        if message is None:
            what = resource_type or "Resource"
            message = f"{what} '{identifier}' not found" if identifier is not None else f"{what} not found"
        super().__init__(message, operation=operation, details=details, cause=cause)
        self.resource_type = resource_type
        self.identifier = identifier


class ValidationError(PyWATSError, ValueError):
    """The request data is invalid (HTTP 400, or caught before anything was sent).

    ``field`` and ``value`` name the offending input when known. It is also a ``ValueError``.
    """

    status_code = 400

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        value: Any = None,
        operation: str | None = None,
        details: dict[str, Any] | None = None,
        cause: BaseException | None = None,
    ) -> None:
        super().__init__(message, operation=operation, details=details, cause=cause)
        self.field = field
        self.value = value


class ConflictError(PyWATSError):
    """The request conflicts with the current state on the server (HTTP 409)."""

    status_code = 409


class EmptyResponseError(PyWATSError):
    """The server answered 200 without the data the call needs (STRICT mode)."""


class ServerError(PyWATSError):
    """The server failed (HTTP 5xx). ``status_code`` holds the status."""

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = None,
        response_body: str | None = None,
        operation: str | None = None,
        details: dict[str, Any] | None = None,
        cause: BaseException | None = None,
    ) -> None:
        super().__init__(message, operation=operation, details=details, cause=cause)
        self.status_code = status_code
        self.response_body = response_body


class InvalidResponseError(ServerError):
    """The server answered with a body that is not the JSON the call expects.

    Typical causes: a proxy or login page answering HTML, or a base URL that points at a web
    site rather than a WATS server.
    """


class ConnectionError(PyWATSError, builtins.ConnectionError):
    """The server could not be reached, or the connection broke mid-request."""


class TimeoutError(PyWATSError, builtins.TimeoutError):
    """The server did not answer within the configured timeout."""
