"""Internal analytics endpoints (endpoints.md §7.6–§7.7): unit flow, step/measurement lists, top failed and
alarm logs, under ``/api/internal``; plus the control plane's analytics settings (levels, alarm triggers).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import Enum
from typing import Annotated

from fastapi import APIRouter, Body, Query, Request
from fastapi.responses import Response

from pywats_server.control.paths import CONTROL_PREFIX
from pywats_server.domains.analytics.alarms import AlarmBackend, AlarmTrigger
from pywats_server.domains.analytics.routes import AnalyticsBackends, json_response
from pywats_server.domains.analytics.schemas import AnalyticsFilter, UnitFlowFilter
from pywats_server.domains.analytics.step_filters import StepFilter
from pywats_server.domains.analytics.unit_flow import UnitFlowBackend
from pywats_server.domains.wire import WireModel
from pywats_server.errors import NotFound
from pywats_server.identity import request_user

__all__ = ["register_analytics_internal_routes"]

FLOW = "/api/internal/UnitFlow"
APP = "/api/internal/App"
TAGS: list[str | Enum] = ["Analytics (internal)"]
StepFilters = Annotated[str, Query(alias="stepFilters")]
SequenceFilters = Annotated[str, Query(alias="sequenceFilters")]
Days = Annotated[int, Query(ge=1)]
DEFAULT_INTERNAL_TOP = 10


class AlarmLogQuery(WireModel):
    """Body of GetAlarmAndNotificationLogs (every member optional)."""

    top_count: int | None = None
    date_from: datetime | None = None
    date_to: datetime | None = None
    product_group: str | None = None
    level: str | None = None


def register_analytics_internal_routes(
    router: APIRouter, b: AnalyticsBackends, flow: UnitFlowBackend, alarms: AlarmBackend
) -> None:
    """Add the internal analytics endpoints and the analytics control-plane endpoints to ``router``."""

    def by_ids(group_id: int, level_id: int, days: int) -> AnalyticsFilter:
        """A filter for the simple GET variants: product group and level by id (0 or less: all)."""
        group = level = None
        if group_id > 0:
            groups = {
                g["productGroupId"]: g["productGroupName"]
                for g in b.levels.product_groups(include_filters=False)
            }
            if group_id not in groups:
                raise NotFound(f"Product group {group_id} not found")
            group = groups[group_id]
        if level_id > 0:
            levels = {item["levelId"]: item["levelName"] for item in b.levels.levels()}
            if level_id not in levels:
                raise NotFound(f"Level {level_id} not found")
            level = levels[level_id]
        return AnalyticsFilter(
            product_group=group, level=level, date_from=b.yields.clock() - timedelta(days=days)
        )

    # -- unit flow ---------------------------------------------------------------------------------

    def post_flow(request: Request, body: UnitFlowFilter | None) -> Response:
        return json_response(flow.post(request_user(request), body or UnitFlowFilter()))

    @router.post(FLOW, tags=TAGS)
    def unit_flow(request: Request, body: Annotated[UnitFlowFilter | None, Body()] = None) -> Response:
        """Run a unit-flow query (or change the view of the current one); answers nodes, links and units."""
        return post_flow(request, body)

    @router.post(f"{FLOW}/SN", tags=TAGS)
    def unit_flow_serial_numbers(
        request: Request, body: Annotated[UnitFlowFilter | None, Body()] = None
    ) -> Response:
        """The flow of the units named by ``serialNumbers``."""
        return post_flow(request, body)

    @router.post(f"{FLOW}/SplitBy", tags=TAGS)
    def unit_flow_split_by(
        request: Request, body: Annotated[UnitFlowFilter | None, Body()] = None
    ) -> Response:
        """Split the nodes by ``splitBy`` (stationName, location, purpose, operator, revision)."""
        return post_flow(request, body)

    @router.post(f"{FLOW}/UnitOrder", tags=TAGS)
    def unit_flow_unit_order(
        request: Request, body: Annotated[UnitFlowFilter | None, Body()] = None
    ) -> Response:
        """Order the units by ``unitOrder`` (a unit member, optionally followed by `` desc``)."""
        return post_flow(request, body)

    @router.get(f"{FLOW}/Nodes", tags=TAGS)
    def unit_flow_nodes(request: Request) -> Response:
        """Nodes of the current flow."""
        return json_response(flow.part(request_user(request), "nodes"))

    @router.get(f"{FLOW}/Links", tags=TAGS)
    def unit_flow_links(request: Request) -> Response:
        """Links of the current flow."""
        return json_response(flow.part(request_user(request), "links"))

    @router.get(f"{FLOW}/Units", tags=TAGS)
    def unit_flow_units(request: Request) -> Response:
        """Units of the current flow."""
        return json_response(flow.part(request_user(request), "units"))

    # -- step and measurement lists ----------------------------------------------------------------

    @router.get(f"{APP}/MeasurementList", tags=TAGS)
    def measurement_list_get(
        group_id: Annotated[int, Query(alias="productGroupId")],
        level_id: Annotated[int, Query(alias="levelId")],
        days: Days,
        step_filters: StepFilters,
        sequence_filters: SequenceFilters,
    ) -> Response:
        """Measurements of a product group and level over the last ``days`` days."""
        query = by_ids(group_id, level_id, days)
        return json_response(
            b.measurements.measurement_list(query, StepFilter(step_filters, sequence_filters))
        )

    @router.post(f"{APP}/MeasurementList", tags=TAGS)
    def measurement_list(
        body: Annotated[AnalyticsFilter | None, Body()] = None,
        step_filters: Annotated[str, Query(alias="stepFilters")] = "",
        sequence_filters: Annotated[str, Query(alias="sequenceFilters")] = "",
    ) -> Response:
        """Measurements of the filter's reports."""
        query = body or AnalyticsFilter()
        return json_response(
            b.measurements.measurement_list(query, StepFilter(step_filters, sequence_filters))
        )

    @router.get(f"{APP}/StepStatusList", tags=TAGS)
    def step_status_list_get(
        group_id: Annotated[int, Query(alias="productGroupId")],
        level_id: Annotated[int, Query(alias="levelId")],
        days: Days,
        step_filters: StepFilters,
        sequence_filters: SequenceFilters,
    ) -> Response:
        """Step statuses of a product group and level over the last ``days`` days."""
        query = by_ids(group_id, level_id, days)
        return json_response(b.steps.step_status_list(query, StepFilter(step_filters, sequence_filters)))

    @router.post(f"{APP}/StepStatusList", tags=TAGS)
    def step_status_list(
        body: Annotated[AnalyticsFilter | None, Body()] = None,
        step_filters: Annotated[str, Query(alias="stepFilters")] = "",
        sequence_filters: Annotated[str, Query(alias="sequenceFilters")] = "",
    ) -> Response:
        """Step statuses of the filter's reports."""
        query = body or AnalyticsFilter()
        return json_response(b.steps.step_status_list(query, StepFilter(step_filters, sequence_filters)))

    @router.get(f"{APP}/TopFailed", tags=TAGS)
    def top_failed_internal_get(
        part_number: Annotated[str, Query(alias="partNumber")],
        process_code: Annotated[str, Query(alias="processCode")],
        group_id: Annotated[int, Query(alias="productGroupId")],
        level_id: Annotated[int, Query(alias="levelId")],
        days: Days,
        count: Annotated[int, Query(ge=1)] = DEFAULT_INTERNAL_TOP,
    ) -> Response:
        """The most failing steps of a part number in a process over the last ``days`` days."""
        query = by_ids(group_id, level_id, days).model_copy(
            update={"part_number": part_number, "process_code": process_code, "top_count": count}
        )
        return json_response(b.steps.top_failed(query))

    @router.post(f"{APP}/TopFailed", tags=TAGS)
    def top_failed_internal(body: Annotated[AnalyticsFilter | None, Body()] = None) -> Response:
        """The most failing steps of the filter's reports (``startDate``/``endDate`` are read too)."""
        return json_response(b.steps.top_failed(body or AnalyticsFilter()))

    @router.post("/api/internal/Trigger/GetAlarmAndNotificationLogs", tags=TAGS)
    def alarm_logs(body: Annotated[AlarmLogQuery | None, Body()] = None) -> Response:
        """Alarm and notification log entries of the triggers, newest first."""
        query = body or AlarmLogQuery()
        return json_response(
            alarms.logs(
                top_count=query.top_count,
                date_from=query.date_from,
                date_to=query.date_to,
                product_group=query.product_group,
                level=query.level,
            )
        )

    # -- control plane -----------------------------------------------------------------------------

    @router.put(f"{CONTROL_PREFIX}/levels", tags=["control"])
    def define_levels(names: list[str]) -> Response:
        """Replace the production levels (ids 1, 2, … in the given order)."""
        return json_response(b.levels.define(names))

    @router.put(f"{CONTROL_PREFIX}/alarm-triggers", tags=["control"])
    def define_alarm_triggers(triggers: list[AlarmTrigger]) -> Response:
        """Replace the alarm triggers the alarm log evaluates."""
        return json_response(alarms.define(triggers))

    @router.get(f"{CONTROL_PREFIX}/alarm-triggers", tags=["control"])
    def list_alarm_triggers() -> Response:
        """The alarm triggers."""
        return json_response(alarms.triggers())
