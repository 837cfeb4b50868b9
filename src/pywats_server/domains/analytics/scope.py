"""The UUT reports a step or measurement query looks at, as SQL conditions plus, where the filter needs
Python (wildcards, misc info, run numbers, ``maxCount``), an explicit set of report ids.

Large id sets are sent to the database in chunks; :func:`merge_groups` combines per-chunk aggregates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from sqlalchemy import ColumnElement, Select
from sqlalchemy.orm import Session

from pywats_server.domains.analytics.runs import ID, RESULT, START, fetch_reports, unit_runs
from pywats_server.domains.analytics.selection import Selection
from pywats_server.domains.report.tables import ReportRow

__all__ = ["CHUNK_SIZE", "Scope", "merge_groups", "report_scope", "scoped_rows"]

CHUNK_SIZE = 5000
"""Report ids per query when a scope lists them (well below SQLite's bound-parameter limit)."""


@dataclass
class Scope:
    """``conditions`` on the ``report`` table, and ``ids`` (None: every report they select)."""

    conditions: list[ColumnElement[bool]]
    ids: list[str] | None = None


def report_scope(session: Session, selection: Selection, *, max_count: int | None = None) -> Scope:
    """The reports of ``selection`` in its window: filter, status, run number, ``max_count`` (newest)."""
    window = selection.window
    conditions = [*selection.sql(), ReportRow.start_utc >= window.start, ReportRow.start_utc <= window.end]
    needs_python = bool(selection.checks or selection.socket or selection.report_ids is not None)
    if not (needs_python or selection.statuses or selection.run != -2 or max_count):
        return Scope(conditions)
    if selection.nothing:
        return Scope(conditions, [])
    statuses = selection.statuses
    since = window.start if selection.run == -2 else None
    fetched = fetch_reports(session, selection, selection.columns, since=since, until=window.end)
    matches = selection.predicate(fetched.index) if needs_python else (lambda _row: True)
    if selection.run == -2:
        chosen = [row for row in fetched.rows if matches(row)]
    else:
        position = selection.run - 1 if selection.run > 0 else -1
        chosen = []
        for runs in unit_runs(fetched.rows):
            if position < len(runs) and runs[position][START] >= window.start and matches(runs[position]):
                chosen.append(runs[position])
    if statuses is not None:
        chosen = [row for row in chosen if row[RESULT] in statuses]
    if max_count:
        chosen = sorted(chosen, key=itemgetter(START, ID), reverse=True)[:max_count]
    return Scope(conditions, [row[ID] for row in chosen])


def scoped_rows(
    session: Session, scope: Scope, statement: Select[*tuple[Any, ...]]
) -> Iterator[Sequence[Any]]:
    """Rows of ``statement`` (which must join ``report``) restricted to ``scope``."""
    statement = statement.where(*scope.conditions)
    if scope.ids is None:
        yield from session.execute(statement)
        return
    for start in range(0, len(scope.ids), CHUNK_SIZE):
        yield from session.execute(statement.where(ReportRow.id.in_(scope.ids[start : start + CHUNK_SIZE])))


Merge = Callable[[Any, Any], Any]


def _add(a: Any, b: Any) -> Any:
    return b if a is None else a if b is None else a + b


def _min(a: Any, b: Any) -> Any:
    return b if a is None else a if b is None else min(a, b)


def _max(a: Any, b: Any) -> Any:
    return b if a is None else a if b is None else max(a, b)


MERGES: dict[str, Merge] = {"sum": _add, "min": _min, "max": _max}


def merge_groups(
    rows: Iterator[Sequence[Any]], key_size: int, merges: Sequence[str]
) -> dict[tuple[Any, ...], list[Any]]:
    """Combine grouped rows (key columns first, then one aggregate per ``merges`` entry) by key."""
    functions = [MERGES[name] for name in merges]
    merged: dict[tuple[Any, ...], list[Any]] = {}
    for row in rows:
        key = tuple(row[:key_size])
        values = row[key_size:]
        current = merged.get(key)
        if current is None:
            merged[key] = list(values)
        else:
            for position, function in enumerate(functions):
                current[position] = function(current[position], values[position])
    return merged
