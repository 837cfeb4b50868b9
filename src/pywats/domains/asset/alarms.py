"""Alarm and warning evaluation of an asset, as pure functions (no HTTP).

An asset is checked against its type on four counts: running count and total count against
their limits, and the time since the last calibration and maintenance against the interval
(or, for externally managed ones, against the next due date). Each check gives the share of
the allowance used, in percent; reaching the type's ``warning_threshold`` (default 80 %) is a
warning, reaching ``alarm_threshold`` (default 100 %) an alarm. The asset's state is the worst
of the checks. ``GET /api/Asset/Status`` answers the server's own evaluation; these functions
let a client judge assets it has already loaded.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pywats.domains.asset.models import Asset, AssetAlarmState, AssetType, IntervalMode

__all__ = ["DEFAULT_ALARM_THRESHOLD_PCT", "DEFAULT_WARNING_THRESHOLD_PCT", "evaluate_alarm_state"]

DEFAULT_WARNING_THRESHOLD_PCT = 80.0
DEFAULT_ALARM_THRESHOLD_PCT = 100.0


def evaluate_alarm_state(
    asset: Asset, asset_type: AssetType | None = None, *, now: datetime | None = None
) -> tuple[AssetAlarmState, list[str]]:
    """The alarm state of ``asset`` and the reasons for it.

    ``asset_type`` defaults to the type embedded in the asset; without one, only due dates the
    asset carries are checked.
    """
    kind = asset_type or asset.asset_type
    now = now or datetime.now(UTC)
    warning = _threshold(kind.warning_threshold if kind else None, DEFAULT_WARNING_THRESHOLD_PCT)
    alarm = _threshold(kind.alarm_threshold if kind else None, DEFAULT_ALARM_THRESHOLD_PCT)
    checks: list[tuple[str, float | None]] = [
        ("running count", _count_used(asset.running_count, kind.running_count_limit if kind else None)),
        ("total count", _count_used(asset.total_count, kind.total_count_limit if kind else None)),
        (
            "calibration",
            _time_used(
                asset.last_calibration_date,
                asset.next_calibration_date,
                kind.calibration_interval if kind else None,
                now,
            ),
        ),
        (
            "maintenance",
            _time_used(
                asset.last_maintenance_date,
                asset.next_maintenance_date,
                kind.maintenance_interval if kind else None,
                now,
            ),
        ),
    ]
    worst = AssetAlarmState.OK
    reasons: list[str] = []
    for name, used in checks:
        if used is None:
            continue
        if used >= alarm:
            level = AssetAlarmState.ALARM
        elif used >= warning:
            level = AssetAlarmState.WARNING
        else:
            continue
        reasons.append(f"{name} at {used:.0f}% of its allowance ({level.name.lower()})")
        worst = max(worst, level)
    return worst, reasons


def _threshold(value: float | None, default: float) -> float:
    return default if value is None or value <= 0 else float(value)


def _count_used(count: int | None, limit: int | None) -> float | None:
    if limit is None or limit <= 0:
        return None
    return 100.0 * (count or 0) / limit


def _time_used(
    last: datetime | None, due: datetime | None, interval_days: float | None, now: datetime
) -> float | None:
    """Percent of the service period elapsed; None when nothing is due (or nothing is known)."""
    if interval_days is not None and int(interval_days) == IntervalMode.UNLIMITED:
        return None
    if due is None and last is not None and interval_days is not None and interval_days > 0:
        due = _aware(last) + timedelta(days=interval_days)
    if due is None:
        return None
    due = _aware(due)
    if last is not None and due > _aware(last):
        start = _aware(last)
        return 100.0 * (now - start).total_seconds() / (due - start).total_seconds()
    return 100.0 if now >= due else 0.0


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
