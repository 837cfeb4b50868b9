"""Times in result files: local times without offset, station time zones, DST, month names.

Most test equipment writes local time without a UTC offset. A converter reads it in the
station's IANA time zone (its ``timezone`` setting, default the machine's own zone). At a DST
switch an ambiguous or non-existent local time takes the earlier offset, and the report gets a
note saying so (equipment-formats §2.6).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pywats_client.converters.errors import ConversionError

__all__ = ["MONTHS", "local_zone", "localize", "parse_iso_datetime", "zone_named"]

MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1
    )
}
"""English month abbreviations (any case) → month number; never the OS locale."""


def local_zone() -> tzinfo:
    """The zone of the machine running the converter."""
    zone = datetime.now().astimezone().tzinfo
    return zone if zone is not None else UTC


def zone_named(name: str | None) -> tzinfo:
    """The zone called ``name`` (IANA name, ``UTC``, or ``local``/empty for the machine's zone)."""
    if not name or name.strip().lower() == "local":
        return local_zone()
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConversionError(f"unknown time zone {name!r} in the converter's timezone setting") from exc


def localize(moment: datetime, zone: tzinfo) -> tuple[datetime, str | None]:
    """``moment`` (local wall time) in ``zone``: the aware time and a note if it fell on a DST switch.

    A time given with an offset is returned unchanged.
    """
    if moment.tzinfo is not None:
        return moment, None
    first = moment.replace(tzinfo=zone, fold=0)
    second = moment.replace(tzinfo=zone, fold=1)
    offset_a, offset_b = first.utcoffset(), second.utcoffset()
    if offset_a == offset_b:
        return first, None
    # Two candidate offsets: either the wall time happened twice (autumn) or never (spring).
    # Take the earlier offset — the one in force before the switch, which is what fold=0 gives
    # in both cases — and fix it, so the result does not depend on zoneinfo's fold arithmetic.
    earlier = offset_a or timedelta(0)
    exists = first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == moment
    kind = "occurred twice (end of daylight saving time)" if exists else "did not exist (start of DST)"
    fixed = moment.replace(tzinfo=timezone(earlier))
    return fixed, f"local time {moment.isoformat(sep=' ')} {kind}; read with offset {_offset_text(earlier)}"


def _offset_text(offset: timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def parse_iso_datetime(text: str) -> datetime:
    """An ISO 8601 time with any number of fractional digits (7 from .NET, 1–5 from TestStand),
    ``Z`` or an offset or none. Raises ``ValueError`` for anything else."""
    value = text.strip()
    if not value:
        raise ValueError("empty time")
    if value[-1] in "zZ":
        value = value[:-1] + "+00:00"
    head, dot, rest = value.partition(".")
    if dot:
        digits = len(rest) - len(rest.lstrip("0123456789"))
        fraction, tail = rest[:digits], rest[digits:]
        value = f"{head}.{(fraction + '000000')[:6]}{tail}" if fraction else head + tail
    return datetime.fromisoformat(value)
