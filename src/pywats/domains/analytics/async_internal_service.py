"""⚠️ INTERNAL API analytics services: unit flow, step/measurement lists, top failed, alarm logs.

These use WATS's undocumented internal endpoints, which may change without notice. The sync twin,
``internal_service.py``, is generated from this file by ``tools/gen_sync.py``.
"""
# sync-docstring: ⚠️ INTERNAL API analytics services (sync twin).

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from pywats.core._checks import require_text
from pywats.core.exceptions import ValidationError
from pywats.domains._args import require_int, require_text_list
from pywats.domains.analytics._args import flow_body, watsfilter
from pywats.domains.analytics._results import ResultList
from pywats.domains.analytics.async_internal_repository import AsyncAnalyticsInternalRepository
from pywats.domains.analytics.enums import AlarmType
from pywats.domains.analytics.filters import UnitFlowFilter, WATSFilter
from pywats.domains.analytics.internal_models import (
    AlarmLog,
    MeasurementListItem,
    StepStatusItem,
    UnitFlowLink,
    UnitFlowNode,
    UnitFlowResult,
    UnitFlowUnit,
)
from pywats.domains.analytics.models import TopFailedStep

__all__ = ["AsyncAnalyticsInternalService"]

FlowFilter = UnitFlowFilter | dict[str, Any]
ListFilter = WATSFilter | dict[str, Any]


def _iso(value: datetime | None, field: str, operation: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, datetime):
        raise ValidationError(f"{field} must be a datetime", field=field, value=value, operation=operation)
    return (value if value.tzinfo is not None else value.astimezone()).isoformat()


class AsyncAnalyticsInternalService:
    """The internal-API half of :class:`~pywats.domains.analytics.AsyncAnalyticsService`."""

    repository: AsyncAnalyticsInternalRepository

    # -- unit flow ---------------------------------------------------------------------------------

    async def get_unit_flow(self, filter_data: FlowFilter | None = None) -> UnitFlowResult:
        """⚠️ INTERNAL API: how units moved between operations: nodes, links and units.

        ``UnitFlowFilter(part_number=..., date_from=..., date_to=...)`` chooses the units. The query becomes
        the server's current unit flow, which :meth:`get_flow_nodes` and friends read.
        """
        return await self.repository.unit_flow(flow_body(filter_data, "get_unit_flow"))

    async def get_flow_nodes(self) -> ResultList[UnitFlowNode]:
        """⚠️ INTERNAL API: the nodes of the current unit flow (empty before the first query)."""
        return await self.repository.unit_flow_nodes()

    async def get_flow_links(self) -> ResultList[UnitFlowLink]:
        """⚠️ INTERNAL API: the links of the current unit flow."""
        return await self.repository.unit_flow_links()

    async def get_flow_units(self) -> ResultList[UnitFlowUnit]:
        """⚠️ INTERNAL API: the units of the current unit flow."""
        return await self.repository.unit_flow_units()

    async def trace_serial_numbers(
        self, serial_numbers: list[str], filter_data: FlowFilter | None = None
    ) -> UnitFlowResult | None:
        """⚠️ INTERNAL API: the unit flow of the given serial numbers."""
        serials = require_text_list("serial_numbers", serial_numbers, operation="trace_serial_numbers")
        body = flow_body(filter_data, "trace_serial_numbers", serial_numbers=serials)
        return await self.repository.unit_flow_serial_numbers(body)

    async def split_flow_by(self, dimension: str, filter_data: FlowFilter | None = None) -> UnitFlowResult:
        """⚠️ INTERNAL API: split the nodes by ``stationName``, ``location``, ``purpose``, ``operator`` or
        ``revision``."""
        require_text("dimension", dimension, operation="split_flow_by")
        return await self.repository.unit_flow_split_by(
            flow_body(filter_data, "split_flow_by", split_by=dimension)
        )

    async def set_unit_order(self, order_by: str, filter_data: FlowFilter | None = None) -> UnitFlowResult:
        """⚠️ INTERNAL API: order the flow's units (``"startTime"``, ``"serialNumber desc"`` …)."""
        require_text("order_by", order_by, operation="set_unit_order")
        body = flow_body(filter_data, "set_unit_order", unit_order=order_by)
        return await self.repository.unit_flow_unit_order(body)

    async def set_unit_flow_visibility(
        self,
        show_operations: list[str] | None = None,
        hide_operations: list[str] | None = None,
        filter_data: FlowFilter | None = None,
    ) -> UnitFlowResult:
        """⚠️ INTERNAL API: show only ``show_operations`` and/or hide ``hide_operations`` (node ids, names)."""
        changes: dict[str, Any] = {}
        if show_operations is not None:
            changes["show_list"] = require_text_list(
                "show_operations", show_operations, operation="set_unit_flow_visibility"
            )
        if hide_operations is not None:
            changes["hide_list"] = require_text_list(
                "hide_operations", hide_operations, operation="set_unit_flow_visibility"
            )
        return await self.repository.unit_flow(flow_body(filter_data, "set_unit_flow_visibility", **changes))

    async def show_operations(
        self, operation_ids: list[str], filter_data: FlowFilter | None = None
    ) -> UnitFlowResult:
        """⚠️ INTERNAL API: show only these operations (node ids or names)."""
        return await self.set_unit_flow_visibility(show_operations=operation_ids, filter_data=filter_data)

    async def hide_operations(
        self, operation_ids: list[str], filter_data: FlowFilter | None = None
    ) -> UnitFlowResult:
        """⚠️ INTERNAL API: hide these operations (node ids or names)."""
        return await self.set_unit_flow_visibility(hide_operations=operation_ids, filter_data=filter_data)

    async def expand_operations(
        self, expand: bool = True, filter_data: FlowFilter | None = None
    ) -> UnitFlowResult:
        """⚠️ INTERNAL API: expand operations into one node per station (or collapse them again)."""
        return await self.repository.unit_flow(
            flow_body(filter_data, "expand_operations", expand_operations=bool(expand))
        )

    async def get_bottlenecks(
        self, filter_data: FlowFilter | None = None, min_yield_threshold: float = 95.0
    ) -> list[UnitFlowNode]:
        """⚠️ INTERNAL API: nodes whose yield is below ``min_yield_threshold`` percent, worst first."""
        flow = await self.get_unit_flow(filter_data)
        low = [n for n in flow.nodes if n.yield_percent is not None and n.yield_percent < min_yield_threshold]
        return sorted(low, key=lambda node: node.yield_percent or 0.0)

    async def get_flow_summary(self, filter_data: FlowFilter | None = None) -> dict[str, Any]:
        """⚠️ INTERNAL API: totals of the unit flow: units, nodes, links, passed/failed units, worst node."""
        flow = await self.get_unit_flow(filter_data)
        statuses = [unit.status for unit in flow.units]
        measured = [node for node in flow.nodes if node.yield_percent is not None]
        worst = min(measured, key=lambda node: node.yield_percent or 0.0) if measured else None
        return {
            "total_units": flow.total_units if flow.total_units is not None else len(flow.units),
            "node_count": len(flow.nodes),
            "link_count": len(flow.links),
            "passed_units": statuses.count("Passed"),
            "failed_units": sum(1 for status in statuses if status not in ("Passed", "Done")),
            "worst_node": None if worst is None else worst.name,
            "worst_yield": None if worst is None else worst.yield_percent,
        }

    # -- step and measurement lists, top failed ----------------------------------------------------

    def _list_call(
        self, filter_data: ListFilter, step_filters: str, sequence_filters: str, operation: str
    ) -> tuple[bytes, dict[str, Any]]:
        for name, value in (("step_filters", step_filters), ("sequence_filters", sequence_filters)):
            if not isinstance(value, str):
                raise ValidationError(
                    f"{name} must be a string (may be empty)", field=name, value=value, operation=operation
                )
        body = watsfilter(filter_data, operation).to_wire()
        return body, {"stepFilters": step_filters, "sequenceFilters": sequence_filters}

    def _simple_params(
        self,
        product_group_id: int,
        level_id: int,
        days: int,
        step_filters: str,
        sequence_filters: str,
        operation: str,
    ) -> dict[str, Any]:
        require_int("product_group_id", product_group_id, operation=operation)
        require_int("level_id", level_id, operation=operation)
        require_int("days", days, operation=operation, minimum=1)
        self._list_call({}, step_filters, sequence_filters, operation)
        return {
            "productGroupId": product_group_id,
            "levelId": level_id,
            "days": days,
            "stepFilters": step_filters,
            "sequenceFilters": sequence_filters,
        }

    async def get_measurement_list(
        self, filter_data: ListFilter, step_filters: str, sequence_filters: str
    ) -> ResultList[MeasurementListItem]:
        """⚠️ INTERNAL API: individual measurements of the steps the filters select (step-path patterns)."""
        body, params = self._list_call(filter_data, step_filters, sequence_filters, "get_measurement_list")
        return await self.repository.measurement_list(body, params)

    async def get_measurement_list_by_product(
        self, product_group_id: int, level_id: int, days: int, step_filters: str, sequence_filters: str
    ) -> ResultList[MeasurementListItem]:
        """⚠️ INTERNAL API: measurements of a product group and level (ids; 0 = all) over ``days`` days."""
        params = self._simple_params(
            product_group_id,
            level_id,
            days,
            step_filters,
            sequence_filters,
            "get_measurement_list_by_product",
        )
        return await self.repository.measurement_list(None, params)

    async def get_step_status_list(
        self, filter_data: ListFilter, step_filters: str, sequence_filters: str
    ) -> ResultList[StepStatusItem]:
        """⚠️ INTERNAL API: pass/fail counts and latest status of the steps the filters select."""
        body, params = self._list_call(filter_data, step_filters, sequence_filters, "get_step_status_list")
        return await self.repository.step_status_list(body, params)

    async def get_step_status_list_by_product(
        self, product_group_id: int, level_id: int, days: int, step_filters: str, sequence_filters: str
    ) -> ResultList[StepStatusItem]:
        """⚠️ INTERNAL API: step statuses of a product group and level (ids; 0 = all) over ``days`` days."""
        params = self._simple_params(
            product_group_id,
            level_id,
            days,
            step_filters,
            sequence_filters,
            "get_step_status_list_by_product",
        )
        return await self.repository.step_status_list(None, params)

    async def get_top_failed_internal(
        self, filter_data: ListFilter, top_count: int | None = None
    ) -> ResultList[TopFailedStep]:
        """⚠️ INTERNAL API: the most failing steps of the filter's reports."""
        query = watsfilter(filter_data, "get_top_failed_internal")
        if top_count is not None:
            require_int("top_count", top_count, operation="get_top_failed_internal", minimum=1)
            query = query.model_copy(update={"top_count": top_count})
        return await self.repository.top_failed_internal(query.to_wire(), {})

    async def get_top_failed_by_product(
        self,
        part_number: str,
        process_code: str | int,
        product_group_id: int,
        level_id: int,
        days: int,
        count: int = 10,
    ) -> ResultList[TopFailedStep]:
        """⚠️ INTERNAL API: the ``count`` most failing steps of a product in a process over ``days`` days."""
        operation = "get_top_failed_by_product"
        require_text("part_number", part_number, operation=operation)
        require_int("count", count, operation=operation, minimum=1)
        params = self._simple_params(product_group_id, level_id, days, "", "", operation)
        params = {
            "partNumber": part_number,
            "processCode": str(process_code),
            "productGroupId": params["productGroupId"],
            "levelId": params["levelId"],
            "days": params["days"],
            "count": count,
        }
        return await self.repository.top_failed_internal(None, params)

    # -- alarms ------------------------------------------------------------------------------------

    async def get_alarm_logs(
        self,
        alarm_type: AlarmType | int | None = None,
        top_count: int | None = None,
        date_from: datetime | None = None,
        date_to: datetime | None = None,
        product_group: str | None = None,
        level: str | None = None,
    ) -> ResultList[AlarmLog]:
        """⚠️ INTERNAL API: alarm and notification log entries, newest first (``alarm_type`` filters them)."""
        operation = "get_alarm_logs"
        if top_count is not None:
            require_int("top_count", top_count, operation=operation, minimum=1)
        if alarm_type is not None:
            require_int("alarm_type", alarm_type, operation=operation)
        body = {
            "topCount": top_count,
            "dateFrom": _iso(date_from, "date_from", operation),
            "dateTo": _iso(date_to, "date_to", operation),
            "productGroup": product_group,
            "level": level,
        }
        given = {key: value for key, value in body.items() if value is not None}
        logs = await self.repository.alarm_logs(json.dumps(given).encode() if given else None)
        if alarm_type is None:
            return logs
        wanted = int(alarm_type)
        return ResultList(log for log in logs if log.type == wanted)
