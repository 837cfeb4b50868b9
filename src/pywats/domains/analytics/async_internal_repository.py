"""⚠️ INTERNAL API data access of analytics: unit flow, step/measurement lists, top failed, alarm logs
(endpoints.md §7.6–§7.7). Every call sends ``Referer``, as the internal API requires.

The sync twin, ``internal_repository.py``, is generated from this file by ``tools/gen_sync.py``.
"""
# sync-docstring: ⚠️ INTERNAL API data access of analytics (sync twin).

from __future__ import annotations

from typing import Any

from pywats.core._async_transport import AsyncTransport
from pywats.domains._answers import mapping, rows
from pywats.domains.analytics._results import ResultList
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

__all__ = ["AsyncAnalyticsInternalRepository"]


class AsyncAnalyticsInternalRepository:
    """The internal analytics endpoints, one method per call."""

    _transport: AsyncTransport

    # -- unit flow ---------------------------------------------------------------------------------

    async def unit_flow(self, body: bytes) -> UnitFlowResult:
        """⚠️ INTERNAL API: ``POST /api/internal/UnitFlow``."""
        data = await self._transport.request(
            "POST", "/api/internal/UnitFlow", operation="get_unit_flow", json_body=body, internal=True
        )
        return UnitFlowResult.from_wire(mapping(data, "get_unit_flow"), operation="get_unit_flow")

    async def unit_flow_serial_numbers(self, body: bytes) -> UnitFlowResult | None:
        """⚠️ INTERNAL API: ``POST /api/internal/UnitFlow/SN``."""
        data = await self._transport.request(
            "POST",
            "/api/internal/UnitFlow/SN",
            operation="trace_serial_numbers",
            json_body=body,
            internal=True,
        )
        found = mapping(data, "trace_serial_numbers")
        return UnitFlowResult.from_wire(found, operation="trace_serial_numbers") if found else None

    async def unit_flow_split_by(self, body: bytes) -> UnitFlowResult:
        """⚠️ INTERNAL API: ``POST /api/internal/UnitFlow/SplitBy``."""
        data = await self._transport.request(
            "POST", "/api/internal/UnitFlow/SplitBy", operation="split_flow_by", json_body=body, internal=True
        )
        return UnitFlowResult.from_wire(mapping(data, "split_flow_by"), operation="split_flow_by")

    async def unit_flow_unit_order(self, body: bytes) -> UnitFlowResult:
        """⚠️ INTERNAL API: ``POST /api/internal/UnitFlow/UnitOrder``."""
        data = await self._transport.request(
            "POST",
            "/api/internal/UnitFlow/UnitOrder",
            operation="set_unit_order",
            json_body=body,
            internal=True,
        )
        return UnitFlowResult.from_wire(mapping(data, "set_unit_order"), operation="set_unit_order")

    async def unit_flow_nodes(self) -> ResultList[UnitFlowNode]:
        """⚠️ INTERNAL API: ``GET /api/internal/UnitFlow/Nodes``."""
        data = await self._transport.request(
            "GET", "/api/internal/UnitFlow/Nodes", operation="get_flow_nodes", internal=True
        )
        return ResultList(UnitFlowNode.from_wire(row, operation="get_flow_nodes") for row in rows(data))

    async def unit_flow_links(self) -> ResultList[UnitFlowLink]:
        """⚠️ INTERNAL API: ``GET /api/internal/UnitFlow/Links``."""
        data = await self._transport.request(
            "GET", "/api/internal/UnitFlow/Links", operation="get_flow_links", internal=True
        )
        return ResultList(UnitFlowLink.from_wire(row, operation="get_flow_links") for row in rows(data))

    async def unit_flow_units(self) -> ResultList[UnitFlowUnit]:
        """⚠️ INTERNAL API: ``GET /api/internal/UnitFlow/Units``."""
        data = await self._transport.request(
            "GET", "/api/internal/UnitFlow/Units", operation="get_flow_units", internal=True
        )
        return ResultList(UnitFlowUnit.from_wire(row, operation="get_flow_units") for row in rows(data))

    # -- step and measurement lists, top failed ----------------------------------------------------

    async def measurement_list(
        self, body: bytes | None, params: dict[str, Any]
    ) -> ResultList[MeasurementListItem]:
        """⚠️ INTERNAL API: ``POST /api/internal/App/MeasurementList`` (``GET`` without a body)."""
        if body is not None:
            data = await self._transport.request(
                "POST",
                "/api/internal/App/MeasurementList",
                operation="get_measurement_list",
                params=params,
                json_body=body,
                internal=True,
            )
        else:
            data = await self._transport.request(
                "GET",
                "/api/internal/App/MeasurementList",
                operation="get_measurement_list",
                params=params,
                internal=True,
            )
        return ResultList(
            MeasurementListItem.from_wire(row, operation="get_measurement_list") for row in rows(data)
        )

    async def step_status_list(
        self, body: bytes | None, params: dict[str, Any]
    ) -> ResultList[StepStatusItem]:
        """⚠️ INTERNAL API: ``POST /api/internal/App/StepStatusList`` (``GET`` without a body)."""
        if body is not None:
            data = await self._transport.request(
                "POST",
                "/api/internal/App/StepStatusList",
                operation="get_step_status_list",
                params=params,
                json_body=body,
                internal=True,
            )
        else:
            data = await self._transport.request(
                "GET",
                "/api/internal/App/StepStatusList",
                operation="get_step_status_list",
                params=params,
                internal=True,
            )
        return ResultList(
            StepStatusItem.from_wire(row, operation="get_step_status_list") for row in rows(data)
        )

    async def top_failed_internal(
        self, body: bytes | None, params: dict[str, Any]
    ) -> ResultList[TopFailedStep]:
        """⚠️ INTERNAL API: ``POST /api/internal/App/TopFailed`` (``GET`` with query parameters if no body)."""
        if body is not None:
            data = await self._transport.request(
                "POST",
                "/api/internal/App/TopFailed",
                operation="get_top_failed_internal",
                json_body=body,
                internal=True,
            )
        else:
            data = await self._transport.request(
                "GET",
                "/api/internal/App/TopFailed",
                operation="get_top_failed_by_product",
                params=params,
                internal=True,
            )
        return ResultList(
            TopFailedStep.from_wire(row, operation="get_top_failed_internal") for row in rows(data)
        )

    # -- alarms ------------------------------------------------------------------------------------

    async def alarm_logs(self, body: bytes | None) -> ResultList[AlarmLog]:
        """⚠️ INTERNAL API: ``POST /api/internal/Trigger/GetAlarmAndNotificationLogs`` (no body if empty)."""
        data = await self._transport.request(
            "POST",
            "/api/internal/Trigger/GetAlarmAndNotificationLogs",
            operation="get_alarm_logs",
            json_body=body,
            internal=True,
        )
        return ResultList(AlarmLog.from_wire(row, operation="get_alarm_logs") for row in rows(data))
