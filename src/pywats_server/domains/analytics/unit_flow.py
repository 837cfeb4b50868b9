"""The internal Unit Flow endpoints (endpoints.md §7.6): how units moved between operations.

The endpoints are stateful, as WATS's are: each user has a current flow query. A POST that names any query
member (part number, dates, serial numbers …) starts a new query; a POST with only view members (``splitBy``,
``unitOrder``, ``showList``, ``hideList``, ``expandOperations``) changes the view of the current one. The GET
endpoints read nodes, links or units of the current query (empty before the first query). The graph is
recomputed from the stored reports on every call.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy.orm import Session

from pywats_server.domains.analytics.base import AnalyticsBase
from pywats_server.domains.analytics.catalog import Catalog
from pywats_server.domains.analytics.flow_graph import Visit, build_flow, order_units
from pywats_server.domains.analytics.runs import fetch_reports
from pywats_server.domains.analytics.schemas import AnalyticsFilter, UnitFlowFilter
from pywats_server.domains.analytics.selection import Selection
from pywats_server.domains.analytics.tables import UnitFlowStateRow
from pywats_server.errors import BadRequest

__all__ = ["UnitFlowBackend"]

QUERY_MEMBERS = frozenset(
    {
        "partNumber",
        "revision",
        "serialNumber",
        "serialNumbers",
        "stationName",
        "location",
        "purpose",
        "dateFrom",
        "dateTo",
        "processCodes",
        "includePassed",
        "includeFailed",
    }
)
# splitBy value → (report column, node member)
SPLITS = {
    "stationname": ("station_name", "stationName"),
    "station": ("station_name", "stationName"),
    "location": ("location", "location"),
    "purpose": ("purpose", "purpose"),
    "operator": ("operator", "operator"),
    "revision": ("revision", "revision"),
}
_COLUMNS = ("revision", "process_name", "station_name", "location", "purpose", "operator", "execution_time")


class UnitFlowBackend(AnalyticsBase):
    """Unit flow queries, one current query per user."""

    def post(self, user: str, body: UnitFlowFilter) -> dict[str, Any]:
        """Start a new query or change the current one's view; returns the whole flow."""
        given = body.model_dump(mode="json", by_alias=True, exclude_none=True)
        current = self._state(user) or {}
        state = given if given.keys() & QUERY_MEMBERS else {**current, **given}

        def save(session: Session) -> None:
            row = session.get(UnitFlowStateRow, user)
            if row is None:
                session.add(UnitFlowStateRow(user_name=user, query=state))
            else:
                row.query = state

        self.db.write(save)
        return self._flow(state)

    def part(self, user: str, member: str) -> list[dict[str, Any]]:
        """``nodes``, ``links`` or ``units`` of the user's current query (empty if there is none)."""
        state = self._state(user)
        if state is None:
            return []
        result: list[dict[str, Any]] = self._flow(state)[member]
        return result

    def _state(self, user: str) -> dict[str, Any] | None:
        row = self.db.read(lambda session: session.get(UnitFlowStateRow, user))
        return None if row is None else dict(row.query)

    def _flow(self, state: dict[str, Any]) -> dict[str, Any]:
        flow = UnitFlowFilter.model_validate(state)
        split = None
        if flow.split_by:
            split = SPLITS.get(flow.split_by.strip().casefold())
            if split is None:
                raise BadRequest(
                    "splitBy must be one of stationName, location, purpose, operator, revision; "
                    f"got {flow.split_by!r}"
                )
        serials = list(flow.serial_numbers or []) + ([flow.serial_number] if flow.serial_number else [])
        query = AnalyticsFilter(
            part_number=flow.part_number,
            revision=flow.revision,
            serial_number=";".join(serials) or None,
            station_name=flow.station_name,
            location=flow.location,
            purpose=flow.purpose,
            date_from=flow.date_from,
            date_to=flow.date_to,
        )

        def work(session: Session, catalog: Catalog, selection: Selection) -> dict[str, Any]:
            if selection.nothing:
                return {"nodes": [], "links": [], "units": [], "totalUnits": 0}
            units = _visits(session, catalog, selection, flow, split)
            result = build_flow(
                units,
                shown=set(flow.show_list) if flow.show_list else None,
                hidden=set(flow.hide_list or ()),
            )
            result["units"] = order_units(result["units"], flow.unit_order)
            return result

        return self.read(query, work)


def _visits(
    session: Session,
    catalog: Catalog,
    selection: Selection,
    flow: UnitFlowFilter,
    split: tuple[str, str] | None,
) -> dict[tuple[str, str], list[Visit]]:
    window = selection.window
    codes = set(flow.process_codes) if flow.process_codes else None
    units: dict[tuple[str, str], list[Visit]] = defaultdict(list)
    for kind in ("T", "R"):
        fetched = fetch_reports(
            session,
            selection,
            set(_COLUMNS) | selection.columns,
            since=window.start,
            until=window.end,
            report_type=kind,
        )
        at = fetched.index
        matches = selection.predicate(at)
        for row in fetched.rows:
            code = row[at["process_code"]]
            if (codes is not None and code not in codes) or not matches(row):
                continue
            name = catalog.process_name(code, row[at["process_name"]]) or str(code)
            node, node_name, parent, parent_name = str(code), name, None, None
            fields: tuple[tuple[str, Any], ...] = ()
            detail = split or (("station_name", "stationName") if flow.expand_operations else None)
            if detail is not None:
                value = row[at[detail[0]]]
                fields = ((detail[1], value),)
                if split is None:
                    parent, parent_name = node, name
                node, node_name = f"{code}:{value}", f"{name} ({value})"
            units[(row[at["serial_number"]], row[at["part_number"]])].append(
                Visit(
                    serial_number=row[at["serial_number"]],
                    part_number=row[at["part_number"]],
                    revision=row[at["revision"]],
                    node=node,
                    node_name=node_name,
                    parent=parent,
                    parent_name=parent_name,
                    process_code=code,
                    process_name=name,
                    start=row[at["start_utc"]],
                    seconds=float(row[at["execution_time"]] or 0.0),
                    result=row[at["result"]],
                    node_fields=fields,
                )
            )
    wanted_pass = flow.include_passed is not False
    wanted_fail = flow.include_failed is not False
    chosen = {}
    for key, visits in units.items():
        visits.sort(key=lambda visit: visit.start)
        passed = visits[-1].result in ("P", "D")
        if (passed and wanted_pass) or (not passed and wanted_fail):
            chosen[key] = visits
    return chosen
