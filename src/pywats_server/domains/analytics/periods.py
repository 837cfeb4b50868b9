"""Time windows and date groupings of analytics queries (pure functions, naive UTC datetimes).

``dateGrouping`` (endpoints.md §15.6): −1 none, 0 year, 1 quarter, 2 month, 3 week, 4 day, 5 hour. A period
is labelled in ISO style: ``2026``, ``2026-Q3``, ``2026-07``, ``2026-W27`` (ISO week), ``2026-07-01``,
``2026-07-01 14:00``. Periods are UTC periods.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from pywats_server.errors import BadRequest

__all__ = [
    "DEFAULT_WINDOW_DAYS",
    "Window",
    "naive_utc",
    "period_label",
    "period_start",
    "resolve_window",
    "shift_periods",
]

NONE, YEAR, QUARTER, MONTH, WEEK, DAY, HOUR = -1, 0, 1, 2, 3, 4, 5
GROUPINGS = (NONE, YEAR, QUARTER, MONTH, WEEK, DAY, HOUR)
DEFAULT_WINDOW_DAYS = 30
"""The window of a filter that names no dates and no period count: the last 30 days."""
MONTHS_PER_QUARTER = 3
MONTHS_PER_YEAR = 12


@dataclass(frozen=True)
class Window:
    """An inclusive time range ``[start, end]`` (naive UTC)."""

    start: datetime
    end: datetime

    def __contains__(self, moment: object) -> bool:
        return isinstance(moment, datetime) and self.start <= moment <= self.end


def naive_utc(moment: datetime) -> datetime:
    """``moment`` as naive UTC (naive input is taken to be UTC already)."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def check_grouping(grouping: int | None) -> int | None:
    """``grouping`` if it is a known date grouping; :class:`BadRequest` otherwise."""
    if grouping is not None and grouping not in GROUPINGS:
        raise BadRequest(f"dateGrouping must be one of -1 (none) … 5 (hour), got {grouping}")
    return grouping


def period_start(moment: datetime, grouping: int) -> datetime:
    """The start of the period ``moment`` lies in."""
    if grouping == YEAR:
        return datetime(moment.year, 1, 1)
    if grouping == QUARTER:
        return datetime(moment.year, (moment.month - 1) // MONTHS_PER_QUARTER * MONTHS_PER_QUARTER + 1, 1)
    if grouping == MONTH:
        return datetime(moment.year, moment.month, 1)
    day = datetime(moment.year, moment.month, moment.day)
    if grouping == WEEK:
        return day - timedelta(days=moment.weekday())
    if grouping == HOUR:
        return day + timedelta(hours=moment.hour)
    return day  # DAY (and NONE, which callers do not group by)


def shift_periods(start: datetime, grouping: int, count: int) -> datetime:
    """The start of the period ``count`` periods after (negative: before) the one starting at ``start``."""
    if grouping in (YEAR, QUARTER, MONTH):
        months = {YEAR: MONTHS_PER_YEAR, QUARTER: MONTHS_PER_QUARTER, MONTH: 1}[grouping] * count
        index = start.year * MONTHS_PER_YEAR + start.month - 1 + months
        return datetime(index // MONTHS_PER_YEAR, index % MONTHS_PER_YEAR + 1, 1)
    step = {WEEK: timedelta(weeks=1), HOUR: timedelta(hours=1)}.get(grouping, timedelta(days=1))
    return start + step * count


def period_label(moment: datetime, grouping: int) -> str:
    """The label of the period ``moment`` lies in (``grouping`` −1 gives an empty label)."""
    if grouping == YEAR:
        return f"{moment.year:04d}"
    if grouping == QUARTER:
        return f"{moment.year:04d}-Q{(moment.month - 1) // MONTHS_PER_QUARTER + 1}"
    if grouping == MONTH:
        return f"{moment.year:04d}-{moment.month:02d}"
    if grouping == WEEK:
        year, week, _ = moment.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if grouping == HOUR:
        return f"{moment:%Y-%m-%d %H}:00"
    if grouping == NONE:
        return ""
    return f"{moment:%Y-%m-%d}"


def resolve_window(
    date_from: datetime | None,
    date_to: datetime | None,
    *,
    grouping: int | None,
    period_count: int | None,
    include_current: bool | None,
    now: datetime,
) -> Window:
    """The time window a filter asks for.

    Explicit dates win. Otherwise ``periodCount`` periods of ``dateGrouping`` (default day) back from
    ``now`` — the current, incomplete period included unless ``includeCurrentPeriod`` is false. With
    neither, the last :data:`DEFAULT_WINDOW_DAYS` days. A missing end is ``now``; a missing start is
    :data:`DEFAULT_WINDOW_DAYS` days before the end.
    """
    now = naive_utc(now)
    start = naive_utc(date_from) if date_from is not None else None
    end = naive_utc(date_to) if date_to is not None else None
    if start is None and end is None and period_count is not None:
        if period_count < 1:
            raise BadRequest(f"periodCount must be at least 1, got {period_count}")
        unit = grouping if grouping is not None and grouping != NONE else DAY
        current = period_start(now, unit)
        if include_current is False:
            return Window(shift_periods(current, unit, -period_count), current - timedelta(microseconds=1))
        return Window(shift_periods(current, unit, 1 - period_count), now)
    end = end if end is not None else now
    start = start if start is not None else end - timedelta(days=DEFAULT_WINDOW_DAYS)
    if start > end:
        raise BadRequest(f"dateFrom ({start.isoformat()}) is after dateTo ({end.isoformat()})")
    return Window(start, end)
