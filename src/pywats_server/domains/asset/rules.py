"""The rules of the asset domain that do not touch the database: alarm evaluation, due dates.

Each of four checks gives the share of an allowance used, in percent: running count and total
count against the type's limits, and the time since the last calibration and maintenance
against the period until the next one is due. Reaching ``warningThreshold`` (default 80) is a
warning, reaching ``alarmThreshold`` (default 100) an alarm; the asset's alarm state is the
worst check. An interval of -1 means "never due"; -2 means the due date is set by external
calibration/maintenance records rather than computed from the interval.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from pywats_server.domains.asset.schemas import INTERVAL_UNLIMITED

__all__ = ["ALARM", "OK", "WARNING", "Allowances", "Evaluation", "Usage", "due_date", "evaluate", "utc"]

OK, WARNING, ALARM = 0, 1, 2
DEFAULT_WARNING_PCT = 80.0
DEFAULT_ALARM_PCT = 100.0


@dataclass(frozen=True)
class Allowances:
    """What an asset type allows (a missing type allows everything)."""

    running_count_limit: int | None = None
    total_count_limit: int | None = None
    calibration_interval: float | None = None
    maintenance_interval: float | None = None
    warning_threshold: float | None = None
    alarm_threshold: float | None = None


@dataclass(frozen=True)
class Usage:
    """What an asset has used."""

    running_count: int
    total_count: int
    last_calibration: datetime | None
    next_calibration: datetime | None
    last_maintenance: datetime | None
    next_maintenance: datetime | None


@dataclass(frozen=True)
class Evaluation:
    """The alarm state and a sentence for every check that is not OK."""

    alarm_state: int
    messages: list[str]


def utc(moment: datetime | None) -> datetime | None:
    """``moment`` as an aware UTC time (a naive one is taken to be UTC already)."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def due_date(done: datetime, interval_days: float | None) -> datetime | None:
    """When the next calibration/maintenance falls due after one at ``done``; None if never."""
    if interval_days is None or interval_days <= 0:
        return None
    return done + timedelta(days=interval_days)


def evaluate(usage: Usage, allowances: Allowances, now: datetime) -> Evaluation:
    """The alarm state of an asset with ``usage`` under ``allowances`` at ``now``."""
    warning = allowances.warning_threshold or DEFAULT_WARNING_PCT
    alarm = allowances.alarm_threshold or DEFAULT_ALARM_PCT
    checks = {
        "Running count": _share(usage.running_count, allowances.running_count_limit),
        "Total count": _share(usage.total_count, allowances.total_count_limit),
        "Calibration": _elapsed(
            usage.last_calibration, usage.next_calibration, allowances.calibration_interval, now
        ),
        "Maintenance": _elapsed(
            usage.last_maintenance, usage.next_maintenance, allowances.maintenance_interval, now
        ),
    }
    state = OK
    messages = []
    for name, used in checks.items():
        if used is None or used < warning:
            continue
        level = ALARM if used >= alarm else WARNING
        state = max(state, level)
        messages.append(
            f"{name} has used {used:.0f}% of its allowance ({'alarm' if level == ALARM else 'warning'})."
        )
    return Evaluation(state, messages)


def _share(count: int, limit: int | None) -> float | None:
    if not limit or limit <= 0:
        return None
    return 100.0 * count / limit


def _elapsed(
    last: datetime | None, due: datetime | None, interval: float | None, now: datetime
) -> float | None:
    if interval is not None and int(interval) == INTERVAL_UNLIMITED:
        return None
    last, due = utc(last), utc(due)
    if due is None and last is not None:
        due = due_date(last, interval)
    if due is None:
        return None
    if last is not None and due > last:
        return 100.0 * (now - last).total_seconds() / (due - last).total_seconds()
    return 100.0 if now >= due else 0.0
