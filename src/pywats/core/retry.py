"""Automatic retry of transient failures: the policy as pure functions, plus its configuration.

The transport asks :func:`should_retry` whether a failed attempt may be repeated and
:func:`retry_delay` how long to wait first; it only sends, sleeps and raises. The policy:

* only idempotent methods (GET, PUT, DELETE, HEAD, OPTIONS) are retried; POST never is, so a
  create is never sent twice;
* retried outcomes: connection errors, timeouts, HTTP 429, 500, 502, 503 and 504;
* the wait before retry *n* (1-based) is ``base_delay * 2 ** (n - 1)`` capped at ``max_delay``;
  with jitter it is drawn uniformly from ``[0, that]`` ("full jitter");
* a ``Retry-After`` header (seconds or an HTTP date) replaces the computed wait, capped at
  ``max_delay``.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from enum import Enum

__all__ = [
    "IDEMPOTENT_METHODS",
    "RETRYABLE_STATUS_CODES",
    "Failure",
    "RetryConfig",
    "parse_retry_after",
    "retry_delay",
    "should_retry",
]

IDEMPOTENT_METHODS = frozenset({"GET", "PUT", "DELETE", "HEAD", "OPTIONS"})
RETRYABLE_STATUS_CODES = frozenset({429, 500, 502, 503, 504})

DEFAULT_MAX_ATTEMPTS = 3
DEFAULT_BASE_DELAY_S = 1.0
DEFAULT_MAX_DELAY_S = 30.0


class Failure(Enum):
    """A failed attempt that produced no HTTP status."""

    CONNECTION = "connection"
    TIMEOUT = "timeout"


@dataclass
class RetryConfig:
    """How failed requests are retried.

    ``max_attempts`` counts every try, the first included: ``max_attempts=3`` means up to two
    retries. ``stats`` reports what retrying has cost so far, e.g.
    ``{'total_retries': 3, 'total_retry_time': 4.5}``.
    """

    max_attempts: int = DEFAULT_MAX_ATTEMPTS
    base_delay: float = DEFAULT_BASE_DELAY_S
    max_delay: float = DEFAULT_MAX_DELAY_S
    jitter: bool = True
    enabled: bool = True
    _total_retries: int = field(default=0, init=False, repr=False, compare=False)
    _total_retry_time: float = field(default=0.0, init=False, repr=False, compare=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Imported here: exceptions stays import-light and this module has no cycle.
        from pywats.core.exceptions import ValidationError

        if not isinstance(self.max_attempts, int) or self.max_attempts < 1:
            raise ValidationError(
                f"max_attempts must be a whole number >= 1, got {self.max_attempts!r}",
                field="max_attempts",
                value=self.max_attempts,
            )
        for name in ("base_delay", "max_delay"):
            value = getattr(self, name)
            if not isinstance(value, int | float) or value < 0:
                raise ValidationError(f"{name} must be a number >= 0, got {value!r}", field=name, value=value)

    @property
    def stats(self) -> dict[str, float | int]:
        """Retries made and seconds spent waiting between attempts, since creation or reset."""
        with self._lock:
            return {
                "total_retries": self._total_retries,
                "total_retry_time": round(self._total_retry_time, 3),
            }

    def record_retry(self, delay_s: float) -> None:
        """Count one retry that waited ``delay_s`` seconds (called by the transport)."""
        with self._lock:
            self._total_retries += 1
            self._total_retry_time += delay_s

    def reset_stats(self) -> None:
        """Set both counters back to zero."""
        with self._lock:
            self._total_retries = 0
            self._total_retry_time = 0.0


def should_retry(config: RetryConfig, method: str, attempt: int, outcome: int | Failure) -> bool:
    """Whether attempt number ``attempt`` (1-based) that ended in ``outcome`` may be repeated.

    ``outcome`` is the HTTP status code, or a :class:`Failure` when no response arrived.
    """
    if not config.enabled or attempt >= config.max_attempts:
        return False
    if method.upper() not in IDEMPOTENT_METHODS:
        return False
    if isinstance(outcome, Failure):
        return True
    return outcome in RETRYABLE_STATUS_CODES


def retry_delay(
    config: RetryConfig,
    attempt: int,
    headers: Mapping[str, str] | None = None,
    *,
    rand: Callable[[], float] = random.random,
    now: datetime | None = None,
) -> float:
    """Seconds to wait after failed attempt number ``attempt`` (1-based) before the next one."""
    server_wait = parse_retry_after(headers.get("retry-after") if headers else None, now=now)
    if server_wait is not None:
        return min(server_wait, config.max_delay)
    ceiling = min(config.base_delay * (2.0 ** (attempt - 1)), config.max_delay)
    return ceiling * rand() if config.jitter else ceiling


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds from a ``Retry-After`` header value (delta-seconds or HTTP date); None if absent or bad."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        return seconds if seconds >= 0 and seconds == seconds else None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, float((when - (now or datetime.now(UTC))).total_seconds()))
