"""Analytics services: what ``api.analytics`` offers on :class:`~pywats.AsyncWATS`.

Yield, repairs, failing steps, measurements, OEE and report lists are computed by the server from the
reports it stores. List results are :class:`~pywats.domains.analytics.ResultList` (plain lists with
``to_dataframe()``). The internal-API methods (unit flow, step/measurement lists, alarms) are inherited from
:class:`AsyncAnalyticsInternalService`.

The sync twin, ``service.py``, is generated from this file by ``tools/gen_sync.py``.
"""
# sync-docstring: Analytics services: what ``api.analytics`` offers on :class:`~pywats.pyWATS`.

from __future__ import annotations

import logging
from typing import Any

from pywats.core._checks import require_text
from pywats.core.exceptions import ValidationError
from pywats.domains._args import require_int
from pywats.domains.analytics._args import dynamic_body, watsfilter
from pywats.domains.analytics._results import ResultList
from pywats.domains.analytics.async_internal_service import AsyncAnalyticsInternalService
from pywats.domains.analytics.async_repository import AsyncAnalyticsRepository
from pywats.domains.analytics.enums import DateGrouping
from pywats.domains.analytics.filters import WATSFilter, normalize_paths
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

__all__ = ["AsyncAnalyticsService"]

logger = logging.getLogger("pywats.domains.analytics")

FilterData = WATSFilter | dict[str, Any]


class AsyncAnalyticsService(AsyncAnalyticsInternalService):
    """Yield, repair, failure and measurement analytics (the server's ``App`` controller).

    ``filter_data`` is a :class:`~pywats.WATSFilter` or a dict of its members; with no dates the server
    looks at the last 30 days.
    """

    repository: AsyncAnalyticsRepository

    def __init__(self, repository: AsyncAnalyticsRepository) -> None:
        self.repository = repository

    # -- server metadata ---------------------------------------------------------------------------

    async def get_version(self) -> str | None:
        """The server's version string."""
        return await self.repository.get_version()

    async def get_processes(
        self,
        include_test_operations: bool | None = None,
        include_repair_operations: bool | None = None,
        include_wip_operations: bool | None = None,
        include_inactive_processes: bool | None = None,
    ) -> ResultList[ProcessInfo]:
        """The server's processes (operations); the flags choose test, repair, WIP and inactive ones."""
        params = {
            "includeTestOperations": include_test_operations,
            "includeRepairOperations": include_repair_operations,
            "includeWipOperations": include_wip_operations,
            "includeInactiveProcesses": include_inactive_processes,
        }
        return await self.repository.get_processes(params)

    async def get_levels(self) -> ResultList[LevelInfo]:
        """The production levels (PCBA, Module …)."""
        return await self.repository.get_levels()

    async def get_product_groups(self, include_filters: bool | None = None) -> ResultList[ProductGroup]:
        """The product groups analytics filters can name."""
        return await self.repository.get_product_groups(include_filters)

    # -- yield -------------------------------------------------------------------------------------

    async def get_dynamic_yield(self, filter_data: FilterData) -> ResultList[YieldData]:
        """Yield grouped by the filter's ``dimensions`` (e.g. ``"partNumber;testOperation;period"``).

        FPY, SPY, TPY and LPY count units from their first run in the window; ``test_yield`` counts reports.
        """
        query = dynamic_body(watsfilter(filter_data, "get_dynamic_yield"))
        rows = await self.repository.dynamic_yield(query.to_wire(), query.dimensions)
        logger.debug("Dynamic yield: %d rows", len(rows))
        return rows

    async def get_yield_summary(
        self, part_number: str, revision: str | None = None, days: int = 30
    ) -> ResultList[YieldData]:
        """Daily yield of one product over the last ``days`` days, by process."""
        require_text("part_number", part_number, operation="get_yield_summary")
        require_int("days", days, operation="get_yield_summary", minimum=1)
        query = WATSFilter(
            part_number=part_number,
            revision=revision,
            period_count=days,
            date_grouping=DateGrouping.DAY,
            dimensions="partNumber;testOperation;period",
        )
        return await self.get_dynamic_yield(query)

    async def get_station_yield(self, station_name: str, days: int = 7) -> ResultList[YieldData]:
        """Daily yield of one station over the last ``days`` days, by process."""
        require_text("station_name", station_name, operation="get_station_yield")
        require_int("days", days, operation="get_station_yield", minimum=1)
        query = WATSFilter(
            station_name=station_name,
            period_count=days,
            date_grouping=DateGrouping.DAY,
            dimensions="stationName;testOperation;period",
        )
        return await self.get_dynamic_yield(query)

    @staticmethod
    def _list_body(filter_data: FilterData | None, operation: str) -> bytes | None:
        return None if filter_data is None else watsfilter(filter_data, operation).to_wire()

    async def get_volume_yield(
        self,
        filter_data: FilterData | None = None,
        product_group: str | None = None,
        level: str | None = None,
    ) -> ResultList[YieldData]:
        """Yield of every product in every process (POST with a filter, else GET by group/level)."""
        body = self._list_body(filter_data, "get_volume_yield")
        return await self.repository.volume_yield(body, {"productGroup": product_group, "level": level})

    async def get_high_volume(
        self,
        filter_data: FilterData | None = None,
        product_group: str | None = None,
        level: str | None = None,
    ) -> ResultList[YieldData]:
        """The product/process pairs with the most units (``top_count``, default 10)."""
        body = self._list_body(filter_data, "get_high_volume")
        return await self.repository.high_volume(body, {"productGroup": product_group, "level": level})

    async def get_worst_yield(
        self,
        filter_data: FilterData | None = None,
        product_group: str | None = None,
        level: str | None = None,
    ) -> ResultList[YieldData]:
        """The product/process pairs with the lowest first-pass yield (``top_count``, default 10)."""
        body = self._list_body(filter_data, "get_worst_yield")
        return await self.repository.worst_yield(body, {"productGroup": product_group, "level": level})

    async def get_high_volume_by_product_group(self, filter_data: FilterData) -> ResultList[YieldData]:
        """Yield per product group and process, most units first."""
        body = watsfilter(filter_data, "get_high_volume_by_product_group").to_wire()
        return await self.repository.high_volume_by_product_group(body)

    async def get_worst_yield_by_product_group(self, filter_data: FilterData) -> ResultList[YieldData]:
        """Yield per product group and process, lowest first-pass yield first."""
        body = watsfilter(filter_data, "get_worst_yield_by_product_group").to_wire()
        return await self.repository.worst_yield_by_product_group(body)

    # -- repairs -----------------------------------------------------------------------------------

    async def get_dynamic_repair(self, filter_data: FilterData) -> ResultList[RepairStatistics]:
        """Repair statistics grouped by the filter's ``dimensions`` (e.g. ``"partNumber;repairCode"``)."""
        query = dynamic_body(watsfilter(filter_data, "get_dynamic_repair"))
        return await self.repository.dynamic_repair(query.to_wire(), query.dimensions)

    async def get_related_repair_history(
        self, part_number: str, revision: str
    ) -> ResultList[RepairHistoryRecord]:
        """Every repaired failure of a product revision, newest first."""
        require_text("part_number", part_number, operation="get_related_repair_history")
        require_text("revision", revision, operation="get_related_repair_history")
        return await self.repository.related_repair_history(part_number, revision)

    # -- failures, steps, measurements -------------------------------------------------------------

    async def get_top_failed(
        self,
        filter_data: FilterData | None = None,
        *,
        product_group: str | None = None,
        level: str | None = None,
        part_number: str | None = None,
        revision: str | None = None,
        top_count: int | None = None,
    ) -> ResultList[TopFailedStep]:
        """The steps that failed most often. With ``filter_data`` it is POSTed; otherwise the keywords
        are sent as query parameters."""
        if top_count is not None:
            require_int("top_count", top_count, operation="get_top_failed", minimum=1)
        body = None if filter_data is None else watsfilter(filter_data, "get_top_failed").to_wire()
        params = {
            "productGroup": product_group,
            "level": level,
            "partNumber": part_number,
            "revision": revision,
            "topCount": top_count,
        }
        return await self.repository.top_failed(body, params)

    async def get_test_step_analysis(self, filter_data: FilterData) -> ResultList[StepAnalysisRow]:
        """Per-step and per-measurement counts, times and capability (set ``run``, ``max_count``)."""
        query = watsfilter(filter_data, "get_test_step_analysis")
        return await self.repository.test_step_analysis(query.to_wire())

    async def get_test_step_analysis_for_operation(
        self,
        part_number: str,
        test_operation: str,
        *,
        revision: str | None = None,
        days: int = 30,
        run: int = 1,
        max_count: int = 10000,
    ) -> ResultList[StepAnalysisRow]:
        """Test step analysis of one product in one process over the last ``days`` days (first runs)."""
        operation = "get_test_step_analysis_for_operation"
        require_text("part_number", part_number, operation=operation)
        require_text("test_operation", test_operation, operation=operation)
        require_int("days", days, operation=operation, minimum=1)
        query = WATSFilter(
            part_number=part_number,
            test_operation=test_operation,
            revision=revision,
            period_count=days,
            date_grouping=DateGrouping.DAY,
            run=run,
            max_count=max_count,
        )
        return await self.get_test_step_analysis(query)

    async def get_measurements(
        self, filter_data: FilterData, *, measurement_paths: str | list[str] | None = None
    ) -> ResultList[MeasurementData]:
        """Individual numeric values of measurement paths (``/`` or ``¶`` separated; ``¶¶`` before the
        name of a measurement in a multi-measurement step). Include ``part_number`` and ``test_operation``."""
        query, paths = self._measurement_query(filter_data, measurement_paths, "get_measurements")
        return await self.repository.measurements(query.to_wire(), paths)

    async def get_aggregated_measurements(
        self, filter_data: FilterData, *, measurement_paths: str | list[str] | None = None
    ) -> ResultList[AggregatedMeasurement]:
        """count, min, max, avg, stdev, variance and Cp/Cpk per measurement path (and limit set)."""
        query, paths = self._measurement_query(filter_data, measurement_paths, "get_aggregated_measurements")
        return await self.repository.aggregated_measurements(query.to_wire(), paths)

    def _measurement_query(
        self, filter_data: FilterData, paths: str | list[str] | None, operation: str
    ) -> tuple[WATSFilter, str | None]:
        query = watsfilter(filter_data, operation)
        if paths is not None:
            if not isinstance(paths, str | list) or not paths:
                raise ValidationError(
                    "measurement_paths must be a non-empty path string or list of paths",
                    field="measurement_paths",
                    value=paths,
                    operation=operation,
                )
            return query, normalize_paths(paths)
        return query, query.measurement_paths

    # -- OEE and report lists ----------------------------------------------------------------------

    async def get_oee_analysis(self, filter_data: FilterData) -> OeeAnalysisResult | None:
        """Overall equipment effectiveness (availability × performance × quality) of the filter's tests."""
        return await self.repository.oee_analysis(watsfilter(filter_data, "get_oee_analysis").to_wire())

    async def get_serial_number_history(self, filter_data: FilterData) -> ResultList[ReportHeader]:
        """Every report (test and repair) of the filter's ``serial_number``, oldest first."""
        query = watsfilter(filter_data, "get_serial_number_history")
        return await self.repository.serial_number_history(query.to_wire())

    async def get_uut_reports(
        self,
        filter_data: FilterData | None = None,
        *,
        product_group: str | None = None,
        level: str | None = None,
        part_number: str | None = None,
        revision: str | None = None,
        serial_number: str | None = None,
        status: str | None = None,
        top_count: int | None = None,
    ) -> ResultList[ReportHeader]:
        """UUT report headers, newest first (POST with ``filter_data``, else GET with the keywords)."""
        body = None if filter_data is None else watsfilter(filter_data, "get_uut_reports").to_wire()
        params = {
            "productGroup": product_group,
            "level": level,
            "partNumber": part_number,
            "revision": revision,
            "serialNumber": serial_number,
            "status": status,
            "topCount": top_count,
        }
        return await self.repository.uut_reports(body, params)

    async def get_uur_reports(self, filter_data: FilterData) -> ResultList[ReportHeader]:
        """UUR (repair) report headers, newest first."""
        return await self.repository.uur_reports(watsfilter(filter_data, "get_uur_reports").to_wire())
