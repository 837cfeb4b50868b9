"""The ``dimensions`` string of DynamicYield/DynamicRepair (endpoints.md §15.8) and the value of a dimension
for one report row.

``"unitCount desc;fpy;partNumber;period"`` groups by ``partNumber`` and ``period`` and orders by
``unitCount`` descending, then ``fpy``, ``partNumber`` and ``period`` ascending. A dimension may have several
values for one report (a product in two groups, a report with two misc-info pairs): the report then counts
once under each value.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from pywats_server.domains.analytics.catalog import Catalog
from pywats_server.domains.analytics.periods import DAY, HOUR, NONE, period_label
from pywats_server.errors import BadRequest

__all__ = ["YIELD_DIMENSIONS", "Context", "Dimension", "OrderItem", "parse_dimensions"]

Row = Sequence[Any]
Values = tuple[Any, ...]


@dataclass
class Context:
    """What dimension values are computed from besides the row itself."""

    catalog: Catalog
    grouping: int = DAY
    misc: dict[str, list[tuple[str | None, str | None]]] = field(default_factory=dict)
    assets: dict[str, list[str]] = field(default_factory=dict)
    asset_names: dict[str, str | None] = field(default_factory=dict)


Extract = Callable[[Row, dict[str, int], Context], Values]


@dataclass(frozen=True)
class Dimension:
    """A grouping dimension: the report columns it reads and how it turns a row into its value(s)."""

    name: str
    columns: tuple[str, ...]
    extract: Extract


def _column(name: str, column: str) -> Dimension:
    return Dimension(name, (column,), lambda row, at, _ctx: (row[at[column]],))


def _text(name: str, column: str) -> Dimension:
    return Dimension(
        name, (column,), lambda row, at, _ctx: (None if row[at[column]] is None else str(row[at[column]]),)
    )


def _period(row: Row, at: dict[str, int], ctx: Context) -> Values:
    moment: datetime = row[at["start_utc"]]
    grouping = ctx.grouping if ctx.grouping != NONE else DAY
    return (_label(moment.date(), moment.hour if grouping == HOUR else 0, grouping),)


@lru_cache(maxsize=4096)
def _label(day: date, hour: int, grouping: int) -> str:
    # Many reports share a period: label each (day, hour) once.
    return period_label(datetime(day.year, day.month, day.day, hour), grouping)


def _misc(part: int) -> Extract:
    # Not de-duplicated: description i and text i belong together (see PAIRED).
    def extract(row: Row, at: dict[str, int], ctx: Context) -> Values:
        pairs = ctx.misc.get(row[at["id"]]) or [(None, None)]
        return tuple(pair[part] for pair in pairs)

    return extract


PAIRED = ("miscInfoDescription", "miscInfoString")
"""Dimensions whose values come in pairs: grouped by both, a report counts per pair, not per combination."""


YIELD_DIMENSIONS: dict[str, Dimension] = {
    d.name.casefold(): d
    for d in (
        _column("partNumber", "part_number"),
        Dimension(
            "productName",
            ("part_number",),
            lambda r, at, c: (c.catalog.product_names.get(r[at["part_number"]]),),
        ),
        Dimension(
            "productGroup",
            ("part_number",),
            lambda r, at, c: c.catalog.groups_of(r[at["part_number"]]) or (None,),
        ),
        Dimension("level", ("part_number",), lambda r, at, c: (c.catalog.level_of(r[at["part_number"]]),)),
        _column("revision", "revision"),
        _column("stationName", "station_name"),
        _column("location", "location"),
        _column("purpose", "purpose"),
        Dimension(
            "testOperation",
            ("process_code", "process_name"),
            lambda r, at, c: (c.catalog.process_name(r[at["process_code"]], r[at["process_name"]]),),
        ),
        _column("processCode", "process_code"),
        Dimension("period", ("start_utc",), _period),
        _column("swFilename", "sw_filename"),
        _column("swVersion", "sw_version"),
        _column("batchNumber", "batch_number"),
        _column("operator", "operator"),
        _column("fixtureId", "fixture_id"),
        _column("socketIndex", "test_socket_index"),
        _column("errorCode", "error_code"),
        _column("stepCausedUutFailure", "caused_uut_failure"),
        _column("stepPathCausedUutFailure", "caused_uut_failure_path"),
        Dimension("miscInfoDescription", ("id",), _misc(0)),
        Dimension("miscInfoString", ("id",), _misc(1)),
        Dimension("assetSerialNumber", ("id",), lambda r, at, c: tuple(c.assets.get(r[at["id"]]) or (None,))),
        Dimension(
            "assetName",
            ("id",),
            lambda r, at, c: (
                tuple(dict.fromkeys(c.asset_names.get(s) for s in c.assets.get(r[at["id"]], ()))) or (None,)
            ),
        ),
        _text("unitType", "root_node_type"),
    )
}


@dataclass(frozen=True)
class OrderItem:
    """One ordering key: a dimension or KPI name and its direction."""

    name: str
    descending: bool


def parse_dimensions(
    text: str | None, dimensions: dict[str, Dimension], kpis: Sequence[str]
) -> tuple[list[Dimension], list[OrderItem]]:
    """The grouping dimensions and the ordering of a ``dimensions`` string.

    KPI names only order; dimension names group and order. Unknown names are a 400 naming them.
    """
    groups: list[Dimension] = []
    order: list[OrderItem] = []
    kpi_names = {name.casefold(): name for name in kpis}
    for item in (part.strip() for part in (text or "").split(";")):
        if not item:
            continue
        name, _, direction = item.partition(" ")
        direction = direction.strip().casefold()
        if direction not in ("", "asc", "desc"):
            raise BadRequest(f"dimensions: '{item}' must be a name optionally followed by asc or desc")
        key = name.casefold()
        if key in dimensions:
            dimension = dimensions[key]
            if dimension not in groups:
                groups.append(dimension)
            order.append(OrderItem(dimension.name, direction == "desc"))
        elif key in kpi_names:
            order.append(OrderItem(kpi_names[key], direction == "desc"))
        else:
            known = ", ".join(sorted([d.name for d in dimensions.values()] + list(kpis)))
            raise BadRequest(f"dimensions: unknown dimension or KPI '{name}' (known: {known})")
    return groups, order


def sort_rows(rows: list[dict[str, Any]], order: Sequence[OrderItem]) -> list[dict[str, Any]]:
    """``rows`` ordered by ``order`` (stable; missing values last in either direction)."""
    for item in reversed(order):
        present = [row for row in rows if row.get(item.name) is not None]
        missing = [row for row in rows if row.get(item.name) is None]
        present.sort(key=lambda row: _sortable(row[item.name]), reverse=item.descending)
        rows = present + missing
    return rows


def _sortable(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value
