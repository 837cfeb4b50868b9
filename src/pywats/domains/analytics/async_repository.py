"""Analytics data access: the HTTP calls of ``/api/App`` (endpoints.md §2.3–§2.4, §7.2–§7.5).

The sync twin, ``repository.py``, is generated from this file by ``tools/gen_sync.py``.
"""
# sync-docstring: Analytics data access: the HTTP calls of ``/api/App`` (sync twin).

from __future__ import annotations

from typing import Any, TypeVar

from pywats.core._async_transport import AsyncTransport
from pywats.core.model import WATSModel
from pywats.domains._answers import mapping, rows
from pywats.domains.analytics._results import ResultList
from pywats.domains.analytics.async_internal_repository import AsyncAnalyticsInternalRepository
from pywats.domains.analytics.models import (
    AggregatedMeasurement,
    LevelInfo,
    MeasurementData,
    OeeAnalysisResult,
    RepairHistoryRecord,
    RepairStatistics,
    StepAnalysisRow,
    TopFailedStep,
    YieldData,
)
from pywats.domains.process.models import ProcessInfo
from pywats.domains.product.models import ProductGroup
from pywats.domains.report.query import ReportHeader

__all__ = ["AsyncAnalyticsRepository"]

M = TypeVar("M", bound=WATSModel)


def _models(model: type[M], data: Any, operation: str) -> ResultList[M]:
    return ResultList(model.from_wire(row, operation=operation) for row in rows(data))


def _grouped(model: type[M], data: Any, operation: str) -> ResultList[M]:
    """Flatten ``[{measurementPath, measurements: [...]}]`` (a flat list is accepted too)."""
    found: ResultList[M] = ResultList()
    for group in rows(data):
        if isinstance(group, dict) and isinstance(group.get("measurements"), list):
            path = group.get("measurementPath")
            for item in group["measurements"]:
                found.append(model.from_wire({"measurementPath": path, **item}, operation=operation))
        else:
            found.append(model.from_wire(group, operation=operation))
    return found


class AsyncAnalyticsRepository(AsyncAnalyticsInternalRepository):
    """The public analytics endpoints, one method per call (internal ones are inherited)."""

    def __init__(self, transport: AsyncTransport) -> None:
        self._transport = transport

    # -- server metadata ---------------------------------------------------------------------------

    async def get_version(self) -> str | None:
        """``GET /api/App/Version``."""
        data = await self._transport.request("GET", "/api/App/Version", operation="get_version")
        return None if data is None else str(data)

    async def get_processes(self, params: dict[str, Any]) -> ResultList[ProcessInfo]:
        """``GET /api/App/Processes``."""
        data = await self._transport.request(
            "GET", "/api/App/Processes", operation="get_processes", params=params
        )
        return _models(ProcessInfo, data, "get_processes")

    async def get_levels(self) -> ResultList[LevelInfo]:
        """``GET /api/App/Levels``."""
        data = await self._transport.request("GET", "/api/App/Levels", operation="get_levels")
        return _models(LevelInfo, data, "get_levels")

    async def get_product_groups(self, include_filters: bool | None) -> ResultList[ProductGroup]:
        """``GET /api/App/ProductGroups``."""
        data = await self._transport.request(
            "GET",
            "/api/App/ProductGroups",
            operation="get_product_groups",
            params={"includeFilters": include_filters},
        )
        return _models(ProductGroup, data, "get_product_groups")

    # -- yield -------------------------------------------------------------------------------------

    async def dynamic_yield(self, body: bytes, dimensions: str | None) -> ResultList[YieldData]:
        """``POST /api/App/DynamicYield`` (``dimensions`` also in the query string)."""
        data = await self._transport.request(
            "POST",
            "/api/App/DynamicYield",
            operation="get_dynamic_yield",
            params={"dimensions": dimensions},
            json_body=body,
        )
        return _models(YieldData, data, "get_dynamic_yield")

    async def volume_yield(self, body: bytes | None, params: dict[str, Any]) -> ResultList[YieldData]:
        """``POST /api/App/VolumeYield`` with a filter, ``GET`` with query parameters otherwise."""
        if body is not None:
            data = await self._transport.request(
                "POST", "/api/App/VolumeYield", operation="get_volume_yield", json_body=body
            )
        else:
            data = await self._transport.request(
                "GET", "/api/App/VolumeYield", operation="get_volume_yield", params=params
            )
        return _models(YieldData, data, "get_volume_yield")

    async def high_volume(self, body: bytes | None, params: dict[str, Any]) -> ResultList[YieldData]:
        """``POST /api/App/HighVolume`` with a filter, ``GET`` with query parameters otherwise."""
        if body is not None:
            data = await self._transport.request(
                "POST", "/api/App/HighVolume", operation="get_high_volume", json_body=body
            )
        else:
            data = await self._transport.request(
                "GET", "/api/App/HighVolume", operation="get_high_volume", params=params
            )
        return _models(YieldData, data, "get_high_volume")

    async def worst_yield(self, body: bytes | None, params: dict[str, Any]) -> ResultList[YieldData]:
        """``POST /api/App/WorstYield`` with a filter, ``GET`` with query parameters otherwise."""
        if body is not None:
            data = await self._transport.request(
                "POST", "/api/App/WorstYield", operation="get_worst_yield", json_body=body
            )
        else:
            data = await self._transport.request(
                "GET", "/api/App/WorstYield", operation="get_worst_yield", params=params
            )
        return _models(YieldData, data, "get_worst_yield")

    async def high_volume_by_product_group(self, body: bytes) -> ResultList[YieldData]:
        """``POST /api/App/HighVolumeByProductGroup``."""
        operation = "get_high_volume_by_product_group"
        data = await self._transport.request(
            "POST", "/api/App/HighVolumeByProductGroup", operation=operation, json_body=body
        )
        return _models(YieldData, data, operation)

    async def worst_yield_by_product_group(self, body: bytes) -> ResultList[YieldData]:
        """``POST /api/App/WorstYieldByProductGroup``."""
        operation = "get_worst_yield_by_product_group"
        data = await self._transport.request(
            "POST", "/api/App/WorstYieldByProductGroup", operation=operation, json_body=body
        )
        return _models(YieldData, data, operation)

    # -- repairs -----------------------------------------------------------------------------------

    async def dynamic_repair(self, body: bytes, dimensions: str | None) -> ResultList[RepairStatistics]:
        """``POST /api/App/DynamicRepair``."""
        data = await self._transport.request(
            "POST",
            "/api/App/DynamicRepair",
            operation="get_dynamic_repair",
            params={"dimensions": dimensions},
            json_body=body,
        )
        if isinstance(data, dict):  # a single object is accepted too
            data = [data]
        return _models(RepairStatistics, data, "get_dynamic_repair")

    async def related_repair_history(
        self, part_number: str, revision: str
    ) -> ResultList[RepairHistoryRecord]:
        """``GET /api/App/RelatedRepairHistory``."""
        data = await self._transport.request(
            "GET",
            "/api/App/RelatedRepairHistory",
            operation="get_related_repair_history",
            params={"partNumber": part_number, "revision": revision},
        )
        return _models(RepairHistoryRecord, data, "get_related_repair_history")

    # -- failures, steps, measurements -------------------------------------------------------------

    async def top_failed(self, body: bytes | None, params: dict[str, Any]) -> ResultList[TopFailedStep]:
        """``POST /api/App/TopFailed`` with a filter, ``GET`` with query parameters otherwise."""
        if body is not None:
            data = await self._transport.request(
                "POST", "/api/App/TopFailed", operation="get_top_failed", json_body=body
            )
        else:
            data = await self._transport.request(
                "GET", "/api/App/TopFailed", operation="get_top_failed", params=params
            )
        return _models(TopFailedStep, data, "get_top_failed")

    async def test_step_analysis(self, body: bytes) -> ResultList[StepAnalysisRow]:
        """``POST /api/App/TestStepAnalysis``."""
        data = await self._transport.request(
            "POST", "/api/App/TestStepAnalysis", operation="get_test_step_analysis", json_body=body
        )
        return _models(StepAnalysisRow, data, "get_test_step_analysis")

    async def measurements(self, body: bytes, paths: str | None) -> ResultList[MeasurementData]:
        """``POST /api/App/Measurements``."""
        data = await self._transport.request(
            "POST",
            "/api/App/Measurements",
            operation="get_measurements",
            params={"measurementPaths": paths},
            json_body=body,
        )
        return _grouped(MeasurementData, data, "get_measurements")

    async def aggregated_measurements(
        self, body: bytes, paths: str | None
    ) -> ResultList[AggregatedMeasurement]:
        """``POST /api/App/AggregatedMeasurements``."""
        data = await self._transport.request(
            "POST",
            "/api/App/AggregatedMeasurements",
            operation="get_aggregated_measurements",
            params={"measurementPaths": paths},
            json_body=body,
        )
        return _grouped(AggregatedMeasurement, data, "get_aggregated_measurements")

    # -- OEE and report lists ----------------------------------------------------------------------

    async def oee_analysis(self, body: bytes) -> OeeAnalysisResult | None:
        """``POST /api/App/OeeAnalysis``."""
        data = await self._transport.request(
            "POST", "/api/App/OeeAnalysis", operation="get_oee_analysis", json_body=body
        )
        found = mapping(data, "get_oee_analysis")
        return OeeAnalysisResult.from_wire(found, operation="get_oee_analysis") if found else None

    async def serial_number_history(self, body: bytes) -> ResultList[ReportHeader]:
        """``POST /api/App/SerialNumberHistory``."""
        data = await self._transport.request(
            "POST", "/api/App/SerialNumberHistory", operation="get_serial_number_history", json_body=body
        )
        return _models(ReportHeader, data, "get_serial_number_history")

    async def uut_reports(self, body: bytes | None, params: dict[str, Any]) -> ResultList[ReportHeader]:
        """``POST /api/App/UutReport`` with a filter, ``GET`` with query parameters otherwise."""
        if body is not None:
            data = await self._transport.request(
                "POST", "/api/App/UutReport", operation="get_uut_reports", json_body=body
            )
        else:
            data = await self._transport.request(
                "GET", "/api/App/UutReport", operation="get_uut_reports", params=params
            )
        return _models(ReportHeader, data, "get_uut_reports")

    async def uur_reports(self, body: bytes) -> ResultList[ReportHeader]:
        """``POST /api/App/UurReport``."""
        data = await self._transport.request(
            "POST", "/api/App/UurReport", operation="get_uur_reports", json_body=body
        )
        return _models(ReportHeader, data, "get_uur_reports")
