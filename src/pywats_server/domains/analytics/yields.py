"""Yield endpoints: DynamicYield, VolumeYield, HighVolume, WorstYield and their product-group variants.

The arithmetic and its definitions are in :mod:`.yield_math`; this module fetches the runs, applies the unit
inclusion rule and the filter, groups and orders the rows.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from itertools import product
from operator import itemgetter
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pywats_server.domains.analytics.base import AnalyticsBase, clean
from pywats_server.domains.analytics.catalog import Catalog
from pywats_server.domains.analytics.dimensions import (
    PAIRED,
    YIELD_DIMENSIONS,
    Context,
    Dimension,
    OrderItem,
    parse_dimensions,
    sort_rows,
)
from pywats_server.domains.analytics.periods import DAY
from pywats_server.domains.analytics.runs import PROCESS, RESULT, START, fetch_reports, misc_pairs, unit_runs
from pywats_server.domains.analytics.schemas import AnalyticsFilter
from pywats_server.domains.analytics.selection import Selection
from pywats_server.domains.analytics.yield_math import YIELD_KPIS, Counts, yield_kpis
from pywats_server.domains.asset.tables import AssetRow
from pywats_server.domains.report.tables import ReportAssetRow

__all__ = ["DEFAULT_TOP_COUNT", "YieldBackend"]

logger = logging.getLogger(__name__)

DEFAULT_TOP_COUNT = 10
"""Rows of HighVolume/WorstYield lists when the filter sets no ``topCount``."""
_PROCESS_DIMENSIONS = frozenset({"testOperation", "processCode"})


class YieldBackend(AnalyticsBase):
    """Yield queries over the stored UUT reports."""

    # -- endpoints ---------------------------------------------------------------------------------

    def dynamic_yield(self, query: AnalyticsFilter, dimensions: str | None = None) -> list[dict[str, Any]]:
        """Yield grouped and ordered by the ``dimensions`` string (query parameter or filter member)."""
        return self.rows(query, dimensions or query.dimensions)

    def volume_yield(self, query: AnalyticsFilter) -> list[dict[str, Any]]:
        """Yield of every product in every process, by part number and process."""
        return self.rows(query, "partNumber;productName;testOperation")

    def high_volume(self, query: AnalyticsFilter, *, by_group: bool = False) -> list[dict[str, Any]]:
        """The product (or product-group) and process pairs with the most units."""
        dims = "productGroup;testOperation" if by_group else "partNumber;productName;testOperation"
        return self.rows(query, f"unitCount desc;{dims}", top=query.top_count or DEFAULT_TOP_COUNT)

    def worst_yield(self, query: AnalyticsFilter, *, by_group: bool = False) -> list[dict[str, Any]]:
        """The product (or product-group) and process pairs with the lowest first-pass yield."""
        dims = "productGroup;testOperation" if by_group else "partNumber;productName;testOperation"
        rows = self.rows(query, f"fpy asc;unitCount desc;{dims}")
        return [row for row in rows if row.get("unitCount")][: query.top_count or DEFAULT_TOP_COUNT]

    # -- the work ----------------------------------------------------------------------------------

    def rows(
        self, query: AnalyticsFilter, dimensions: str | None, *, top: int | None = None
    ) -> list[dict[str, Any]]:
        """Yield rows for ``query`` grouped by ``dimensions``; ``top`` or the filter's counts limit them."""
        groups, order = parse_dimensions(dimensions, YIELD_DIMENSIONS, YIELD_KPIS)

        def work(session: Session, catalog: Catalog, selection: Selection) -> list[dict[str, Any]]:
            if selection.nothing:
                return []
            return _yield_rows(session, catalog, selection, query, groups)

        rows = self.read(query, work)
        rows = _limit(query, sort_rows(rows, order or [OrderItem(d.name, False) for d in groups]), top)
        rows = [clean(row) for row in rows]
        logger.debug("yield: %d rows for dimensions %r", len(rows), dimensions)
        return rows


def _yield_rows(
    session: Session,
    catalog: Catalog,
    selection: Selection,
    query: AnalyticsFilter,
    groups: Sequence[Dimension],
) -> list[dict[str, Any]]:
    columns = {column for d in groups for column in d.columns} | selection.columns | {"process_name"}
    fetched = fetch_reports(session, selection, columns, until=selection.window.end)
    at = fetched.index
    context = Context(catalog, grouping=query.date_grouping if query.date_grouping is not None else DAY)
    names = {d.name for d in groups}
    if names & {"miscInfoDescription", "miscInfoString"}:
        context.misc = misc_pairs(session, query)
    if names & {"assetSerialNumber", "assetName"}:
        for report_id, serial in session.execute(
            select(ReportAssetRow.report_id, ReportAssetRow.serial_number)
        ):
            if serial is not None:
                context.assets.setdefault(report_id, []).append(serial)
        context.asset_names = dict(session.execute(select(AssetRow.serial_number, AssetRow.asset_name)).all())
    matches = selection.predicate(at) if selection.columns else None
    statuses = selection.statuses
    since, until = selection.window.start, selection.window.end
    counts: dict[tuple[Any, ...], Counts] = {}
    keys = _key_function(groups, at, context)

    def tally(key: tuple[Any, ...]) -> Counts:
        found = counts.get(key)
        if found is None:
            found = counts[key] = Counts()
        return found

    # The hot loop of every yield query (one pass per unit; most units have one run, whose keys serve
    # both the unit and its report).
    for runs in unit_runs(fetched.rows):
        first = runs[0]
        counted_first = since <= first[START] <= until and (matches is None or matches(first))
        if counted_first:
            results = [run[RESULT] for run in runs] if len(runs) > 1 else [first[RESULT]]
            reported = statuses is None or first[RESULT] in statuses
            for key in keys(first):
                counter = tally(key)
                counter.add_unit(results, first[PROCESS])
                if reported:
                    counter.add_report(first[RESULT], first[START], retest=False)
        for number in range(1 if counted_first else 0, len(runs)):
            run = runs[number]
            start = run[START]
            if (
                since <= start <= until
                and (matches is None or matches(run))
                and (statuses is None or run[RESULT] in statuses)
            ):
                for key in keys(run):
                    tally(key).add_report(run[RESULT], start, retest=number > 0)
    with_rty = not (names & _PROCESS_DIMENSIONS)
    return [
        {**{d.name: value for d, value in zip(groups, key, strict=True)}, **yield_kpis(c, with_rty=with_rty)}
        for key, c in counts.items()
    ]


def _key_function(
    groups: Sequence[Dimension], at: dict[str, int], context: Context
) -> Callable[[Sequence[Any]], list[tuple[Any, ...]]]:
    """The group keys of a row, memoised on the columns the dimensions read (most rows repeat them)."""
    if not groups:
        return lambda _row: [()]
    extractors = [_memoised(dimension, at, context) for dimension in groups]

    names = [dimension.name for dimension in groups]
    paired = [names.index(name) for name in PAIRED] if set(PAIRED) <= set(names) else []

    def compute(row: Sequence[Any]) -> list[tuple[Any, ...]]:
        values = [extract(row) for extract in extractors]
        if all(len(value) == 1 for value in values):
            return [tuple(value[0] for value in values)]
        return _combinations(values, paired)

    columns = sorted({column for dimension in groups for column in dimension.columns})
    if {"start_utc", "id"} & set(columns):
        return compute
    # Every dimension depends on a few columns only: remember whole keys by those columns' values.
    raw = _getter([at[column] for column in columns])
    memo: dict[Any, list[tuple[Any, ...]]] = {}

    def memoised(row: Sequence[Any]) -> list[tuple[Any, ...]]:
        value = raw(row)
        found = memo.get(value)
        if found is None:
            found = memo[value] = compute(row)
        return found

    return memoised


def _getter(positions: list[int]) -> Callable[[Sequence[Any]], Any]:
    if len(positions) == 1:
        position = positions[0]
        return lambda row: row[position]
    return itemgetter(*positions)


def _combinations(values: list[tuple[Any, ...]], paired: list[int]) -> list[tuple[Any, ...]]:
    """Every key of a row whose dimensions have several values (paired dimensions stay aligned)."""
    if not paired:
        return list(dict.fromkeys(product(*values)))
    first, second = paired
    factors: list[Any] = [values[i] for i in range(len(values)) if i not in paired]
    factors.append(tuple(zip(values[first], values[second], strict=False)))
    keys = []
    for combination in product(*factors):
        *others, (a, b) = combination
        key = list(others)
        for position, value in sorted(((first, a), (second, b))):
            key.insert(position, value)
        keys.append(tuple(key))
    return list(dict.fromkeys(keys))


def _memoised(
    dimension: Dimension, at: dict[str, int], context: Context
) -> Callable[[Sequence[Any]], tuple[Any, ...]]:
    """``dimension``'s extractor, remembering its answer per value of the columns it reads."""
    if {"start_utc", "id"} & set(dimension.columns):  # (nearly) unique per row: nothing to remember
        return lambda row: dimension.extract(row, at, context)
    raw = _getter([at[column] for column in dimension.columns])
    memo: dict[Any, tuple[Any, ...]] = {}

    def extract(row: Sequence[Any]) -> tuple[Any, ...]:
        value = raw(row)
        found = memo.get(value)
        if found is None:
            found = memo[value] = dimension.extract(row, at, context)
        return found

    return extract


def _limit(query: AnalyticsFilter, rows: list[dict[str, Any]], top: int | None) -> list[dict[str, Any]]:
    """Apply the filter's ``yield`` (FPY at most), ``minCount`` (units at least) and row limits."""
    if query.yield_percent is not None:
        rows = [row for row in rows if row.get("fpy") is not None and row["fpy"] <= query.yield_percent]
    if query.min_count is not None:
        rows = [row for row in rows if row["unitCount"] >= query.min_count]
    limit = top or query.top_count or query.max_count
    return rows[:limit] if limit else rows
