"""What to do after a failed upload, and how long to wait: pure functions, tested by table.

* 2xx: done.
* A server error (5xx), a broken or refused connection, a timeout, 408 or 429: the server or the
  network will recover, so the entry is **retried** after a delay that doubles from
  ``retry_initial_s`` up to ``retry_max_s`` (with ±10 % jitter so stations do not retry in step).
* 401 and 403 are retried too: a wrong or expired token is fixed by the operator in one place,
  and parking every report meanwhile would leave thousands to retry by hand.
* Any other 4xx (the server read the report and refused it) and a report that fails validation
  will not fix themselves: the entry is **parked** until someone looks at it.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from enum import StrEnum

from pywats.core.exceptions import (
    AuthenticationError,
    AuthorizationError,
    ConnectionError,
    PyWATSError,
    ServerError,
    TimeoutError,
    ValidationError,
)

__all__ = ["JITTER", "Outcome", "classify_failure", "retry_delay"]

JITTER = 0.1
_RETRY_STATUSES = frozenset({401, 403, 408, 425, 429})


class Outcome(StrEnum):
    """Where an entry goes after an upload attempt."""

    DONE = "done"
    RETRY = "retry"
    PARK = "park"


def _status(exc: PyWATSError) -> int | None:
    status = exc.details.get("status_code", getattr(exc, "status_code", None))
    return status if isinstance(status, int) else None


def classify_failure(exc: BaseException) -> Outcome:
    """RETRY or PARK for an exception raised by an upload (see the module docstring)."""
    if isinstance(
        exc, ConnectionError | TimeoutError | ServerError | AuthenticationError | AuthorizationError
    ):
        return Outcome.RETRY
    if isinstance(exc, PyWATSError):
        status = _status(exc)
        if status is None:
            # Refused before sending (the report is bad) parks; anything else may not have reached
            # the server, and resending is harmless because the report id is fixed.
            return Outcome.PARK if isinstance(exc, ValidationError) else Outcome.RETRY
        return Outcome.RETRY if status in _RETRY_STATUSES or status >= 500 else Outcome.PARK
    if isinstance(exc, OSError):
        return Outcome.RETRY
    return Outcome.PARK


def retry_delay(
    attempt: int,
    initial_s: float,
    max_s: float,
    *,
    jitter: float = JITTER,
    rand: Callable[[], float] = random.random,
) -> float:
    """Seconds to wait after failed attempt number ``attempt`` (1, 2, …): doubling, capped, jittered."""
    base = min(max_s, initial_s * 2.0 ** min(max(attempt, 1) - 1, 62))
    return max(0.0, min(max_s, base * (1.0 + jitter * (2.0 * rand() - 1.0))))
