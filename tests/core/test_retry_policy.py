"""The retry policy is pure: these tables pin it down."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pywats import RetryConfig, ValidationError
from pywats.core.retry import Failure, parse_retry_after, retry_delay, should_retry


@pytest.mark.parametrize(
    ("method", "attempt", "outcome", "expected"),
    [
        ("GET", 1, 503, True),
        ("GET", 1, 500, True),
        ("GET", 1, 502, True),
        ("GET", 1, 504, True),
        ("GET", 1, 429, True),
        ("PUT", 1, 503, True),
        ("DELETE", 2, 429, True),
        ("get", 1, 503, True),
        ("GET", 1, Failure.CONNECTION, True),
        ("GET", 1, Failure.TIMEOUT, True),
        ("PUT", 2, Failure.TIMEOUT, True),
        # POST is never retried, whatever happened.
        ("POST", 1, 503, False),
        ("POST", 1, 429, False),
        ("POST", 1, Failure.CONNECTION, False),
        ("POST", 1, Failure.TIMEOUT, False),
        ("PATCH", 1, 503, False),
        # Not transient.
        ("GET", 1, 400, False),
        ("GET", 1, 401, False),
        ("GET", 1, 403, False),
        ("GET", 1, 404, False),
        ("GET", 1, 409, False),
        ("GET", 1, 501, False),
        ("GET", 1, 505, False),
        # The last attempt is final.
        ("GET", 3, 503, False),
        ("GET", 3, Failure.CONNECTION, False),
    ],
)
def test_should_retry(method: str, attempt: int, outcome: int | Failure, expected: bool) -> None:
    assert should_retry(RetryConfig(), method, attempt, outcome) is expected


def test_disabled_config_never_retries() -> None:
    config = RetryConfig(enabled=False)
    assert not should_retry(config, "GET", 1, 503)
    assert not should_retry(config, "GET", 1, Failure.CONNECTION)


def test_max_attempts_counts_every_try() -> None:
    config = RetryConfig(max_attempts=5)
    assert [should_retry(config, "GET", n, 503) for n in range(1, 6)] == [True, True, True, True, False]
    assert not should_retry(RetryConfig(max_attempts=1), "GET", 1, 503)


@pytest.mark.parametrize(
    ("attempt", "base", "cap", "expected"),
    [
        (1, 1.0, 30.0, 1.0),
        (2, 1.0, 30.0, 2.0),
        (3, 1.0, 30.0, 4.0),
        (1, 2.0, 60.0, 2.0),
        (10, 1.0, 30.0, 30.0),
    ],
)
def test_backoff_without_jitter_doubles_and_caps(
    attempt: int, base: float, cap: float, expected: float
) -> None:
    config = RetryConfig(base_delay=base, max_delay=cap, jitter=False)
    assert retry_delay(config, attempt) == expected


@pytest.mark.parametrize(("attempt", "ceiling"), [(1, 1.0), (2, 2.0), (3, 4.0)])
def test_jitter_draws_between_zero_and_the_ceiling(attempt: int, ceiling: float) -> None:
    config = RetryConfig()
    assert retry_delay(config, attempt, rand=lambda: 0.0) == 0.0
    assert retry_delay(config, attempt, rand=lambda: 0.5) == ceiling / 2
    assert retry_delay(config, attempt, rand=lambda: 0.999) == pytest.approx(ceiling * 0.999)


def test_retry_after_replaces_backoff_and_is_capped() -> None:
    config = RetryConfig(max_delay=10.0)
    assert retry_delay(config, 1, {"retry-after": "3"}) == 3.0
    assert retry_delay(config, 1, {"retry-after": "3600"}) == 10.0
    assert retry_delay(config, 1, {"retry-after": "0"}) == 0.0


NOW = datetime(2026, 1, 8, 14, 30, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("", None),
        ("  ", None),
        ("5", 5.0),
        ("1.5", 1.5),
        ("-1", None),
        ("soon", None),
        ("nan", None),
        ("Thu, 08 Jan 2026 14:30:07 GMT", 7.0),
        ("Thu, 08 Jan 2026 14:29:00 GMT", 0.0),  # a date in the past means "now"
    ],
)
def test_parse_retry_after(value: str | None, expected: float | None) -> None:
    assert parse_retry_after(value, now=NOW) == expected


def test_stats_accumulate_and_reset() -> None:
    config = RetryConfig()
    assert config.stats == {"total_retries": 0, "total_retry_time": 0.0}
    config.record_retry(1.25)
    config.record_retry(0.5)
    assert config.stats == {"total_retries": 2, "total_retry_time": 1.75}
    config.reset_stats()
    assert config.stats["total_retries"] == 0


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"max_attempts": 0}, "max_attempts"),
        ({"base_delay": -1}, "base_delay"),
        ({"max_delay": "x"}, "max_delay"),
    ],
)
def test_bad_config_is_a_validation_error(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as info:
        RetryConfig(**kwargs)  # type: ignore[arg-type]
    assert info.value.field == field
