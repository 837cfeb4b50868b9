"""Measurement values and their statistics: Measurements, AggregatedMeasurements and the internal
MeasurementList.

A *measurement path* is the step path (step names below the root joined by ``¶``); a measurement of a
multi-measurement step adds a double pilcrow and its name: ``Power¶Output rails¶¶3.3V``. A step path
without a measurement name selects every measurement of that step.

Aggregates group the values of one path by part number, revision and limit set: capability against limits
that changed in between would be meaningless, so each limit set gets its own item.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from pywats_server.domains.analytics.base import AnalyticsBase, clean
from pywats_server.domains.analytics.catalog import Catalog
from pywats_server.domains.analytics.schemas import AnalyticsFilter
from pywats_server.domains.analytics.scope import merge_groups, report_scope, scoped_rows
from pywats_server.domains.analytics.selection import STATUS_WORDS, Selection
from pywats_server.domains.analytics.stats import capability, limits_for
from pywats_server.domains.analytics.step_filters import StepFilter
from pywats_server.domains.report.tables import ReportMeasurementRow, ReportRow, ReportStepRow
from pywats_server.errors import BadRequest

__all__ = ["DEFAULT_MAX_VALUES", "MeasurementBackend", "measurement_label", "parse_paths"]

DEFAULT_MAX_VALUES = 10000
"""Individual values returned when the filter sets no ``maxCount`` (the newest ones)."""
MEASUREMENT_SEPARATOR = "\u00b6\u00b6"
_M, _S, _R = ReportMeasurementRow, ReportStepRow, ReportRow


def parse_paths(text: str | None) -> list[tuple[str, str | None]]:
    """``(step path, measurement name or None)`` of each ``;``-separated measurement path."""
    found = []
    for item in (part.strip() for part in (text or "").split(";")):
        if item:
            step, _, name = item.partition(MEASUREMENT_SEPARATOR)
            found.append((step, name or None))
    return found


def measurement_label(step_path: str, name: str | None) -> str:
    """The measurement path of a measurement: the step path, plus ``¶¶name`` for a named measurement."""
    return f"{step_path}{MEASUREMENT_SEPARATOR}{name}" if name else step_path


def _utc(moment: Any) -> str | None:
    return None if moment is None else moment.isoformat() + "Z"


def _joined(*columns: Any) -> Select[Any]:
    return (
        select(*columns)
        .select_from(_S)
        .join(_M, (_M.report_id == _S.report_id) & (_M.step_id == _S.step_id))
        .join(_R, _R.id == _S.report_id)
    )


def _wanted(paths: list[tuple[str, str | None]]) -> dict[str, set[str | None] | None]:
    """step path → measurement names asked for (None: all of the step's measurements)."""
    wanted: dict[str, set[str | None] | None] = {}
    for step, name in paths:
        if name is None:
            wanted[step] = None
        elif step not in wanted or wanted[step] is not None:
            wanted.setdefault(step, set()).add(name)  # type: ignore[union-attr]
    return wanted


class MeasurementBackend(AnalyticsBase):
    """Measurement values, aggregates and lists."""

    def measurements(self, query: AnalyticsFilter, paths_text: str | None) -> list[dict[str, Any]]:
        """Individual numeric values grouped by measurement path, oldest first (the newest ``maxCount``)."""
        paths = parse_paths(paths_text or query.measurement_paths)
        if not paths:
            raise BadRequest(
                "measurementPaths is required: the step path(s) of the measurements, e.g. Main\u00b6Vout"
            )
        wanted = _wanted(paths)
        limit = query.max_count or DEFAULT_MAX_VALUES

        def work(session: Session, catalog: Catalog, selection: Selection) -> list[dict[str, Any]]:
            if selection.nothing:
                return []
            scope = report_scope(session, selection)
            statement = _joined(
                _S.path,
                _M.name,
                _R.id,
                _R.serial_number,
                _R.part_number,
                _R.revision,
                _S.name,
                _M.value,
                _M.low_limit,
                _M.high_limit,
                _M.unit,
                _M.status,
                _R.start_utc,
            ).where(_S.path.in_(list(wanted)), _M.kind == "N")
            rows = [row for row in scoped_rows(session, scope, statement) if _asked(wanted, row[0], row[1])]
            rows.sort(key=lambda row: (row[12], row[2]))
            groups: dict[str, list[dict[str, Any]]] = {}
            for path, name, rid, sn, pn, rev, step, value, low, high, unit, status, start in rows[-limit:]:
                groups.setdefault(measurement_label(path, name), []).append(
                    clean(
                        {
                            "id": rid,
                            "serialNumber": sn,
                            "partNumber": pn,
                            "revision": rev,
                            "stepName": step,
                            "stepPath": path,
                            "measureName": name,
                            "value": value,
                            "limit1": low,
                            "limit2": high,
                            "unit": unit,
                            "status": STATUS_WORDS.get(status, status),
                            "startUtc": _utc(start),
                        }
                    )
                )
            return [{"measurementPath": label, "measurements": items} for label, items in groups.items()]

        return self.read(query, work)

    def aggregated(self, query: AnalyticsFilter, paths_text: str | None) -> list[dict[str, Any]]:
        """count, min, max, avg, stdev, var and capability per measurement path (all paths if none given)."""
        paths = parse_paths(paths_text or query.measurement_paths)
        wanted = _wanted(paths)

        def work(session: Session, catalog: Catalog, selection: Selection) -> list[dict[str, Any]]:
            if selection.nothing:
                return []
            scope = report_scope(session, selection, max_count=query.max_count)
            # Sums are taken around the midpoint of the limits (constant within a group) to keep precision.
            shift = func.coalesce((_M.low_limit + _M.high_limit) / 2.0, _M.low_limit, _M.high_limit, 0.0)
            centred = _M.value - shift
            keys = (
                _S.path,
                _M.name,
                _R.part_number,
                _R.revision,
                _M.low_limit,
                _M.high_limit,
                _M.comp_op,
                _M.unit,
            )
            statement = (
                _joined(
                    *keys,
                    func.count(_M.value),
                    func.sum(centred),
                    func.sum(centred * centred),
                    func.min(_M.value),
                    func.max(_M.value),
                    func.max(_S.name),
                    func.min(_S.step_id),
                )
                .where(_M.kind == "N")
                .group_by(*keys)
            )
            if wanted:
                statement = statement.where(_S.path.in_(list(wanted)))
            merged = merge_groups(
                scoped_rows(session, scope, statement),
                len(keys),
                ["sum", "sum", "sum", "min", "max", "max", "min"],
            )
            groups: dict[str, list[tuple[int, dict[str, Any]]]] = {}
            for key, values in merged.items():
                path, name = key[0], key[1]
                if wanted and not _asked(wanted, path, name):
                    continue
                item = _aggregate(key, values)
                if item is not None:
                    groups.setdefault(measurement_label(path, name), []).append((values[6], item))
            ordered = sorted(
                groups.items(), key=lambda entry: (min(order for order, _ in entry[1]), entry[0])
            )
            return [
                {
                    "measurementPath": label,
                    "measurements": [item for _, item in sorted(items, key=_item_order)],
                }
                for label, items in ordered
            ]

        return self.read(query, work)

    def measurement_list(self, query: AnalyticsFilter, step_filter: StepFilter) -> list[dict[str, Any]]:
        """Individual measurements (numeric and string) of the steps the filters select, newest first."""
        limit = query.top_count or query.max_count or DEFAULT_MAX_VALUES

        def work(session: Session, catalog: Catalog, selection: Selection) -> list[dict[str, Any]]:
            if selection.nothing:
                return []
            scope = report_scope(session, selection)
            statement = _joined(
                _R.serial_number,
                _R.part_number,
                _R.revision,
                _R.id,
                _S.name,
                _S.path,
                _M.name,
                _M.value,
                _M.string_value,
                _M.low_limit,
                _M.high_limit,
                _M.unit,
                _M.status,
                _R.start_utc,
                _R.station_name,
            ).where(_M.kind.in_(("N", "S")))
            rows = [row for row in scoped_rows(session, scope, statement) if step_filter(row[5])]
            rows.sort(key=lambda row: (row[13], row[3]), reverse=True)
            return [_list_item(row) for row in rows[:limit]]

        return self.read(query, work)


def _list_item(row: Sequence[Any]) -> dict[str, Any]:
    sn, pn, rev, rid, step, path, name, value, text, low, high, unit, status, start, station = row
    return clean(
        {
            "serialNumber": sn,
            "partNumber": pn,
            "revision": rev,
            "reportId": rid,
            "stepName": step,
            "stepPath": measurement_label(path, name),
            "value": value,
            "stringValue": text,
            "limitLow": low,
            "limitHigh": high,
            "unit": unit,
            "status": STATUS_WORDS.get(status, status),
            "startUtc": _utc(start),
            "stationName": station,
        }
    )


def _asked(wanted: dict[str, set[str | None] | None], path: str, name: str | None) -> bool:
    names = wanted.get(path, set())
    return names is None or name in names


def _item_order(entry: tuple[int, dict[str, Any]]) -> tuple[str, str, int]:
    item = entry[1]
    return (item.get("partNumber") or "", item.get("revision") or "", -item["count"])


def _aggregate(key: Sequence[Any], values: Sequence[Any]) -> dict[str, Any] | None:
    path, name, pn, rev, low, high, comp_op, unit = key
    count, total, squares, smallest, largest, step_name, _ = values
    if not count:
        return None
    shift = (
        (low + high) / 2.0
        if low is not None and high is not None
        else low
        if low is not None
        else high or 0.0
    )
    mean_offset = total / count
    stats: dict[str, Any] = {"count": count, "min": smallest, "max": largest, "avg": shift + mean_offset}
    if count > 1:
        var = max(0.0, (squares - count * mean_offset * mean_offset) / (count - 1))
        stats.update(var=var, stdev=math.sqrt(var))
    lower, upper = limits_for(comp_op, low, high)
    return clean(
        {
            "stepName": step_name,
            "stepPath": path,
            "measureName": name,
            "partNumber": pn,
            "revision": rev,
            **stats,
            "limit1": low,
            "limit2": high,
            "compOperator": comp_op,
            **capability(stats, lower, upper),
            "unit": unit,
        }
    )
