"""HTTP endpoints of the public analytics API under ``/api/App`` (endpoints.md §2.3–§2.4, §7.2–§7.5).

Routes parse and serialise only. POST bodies are WATSFilters (an empty or missing body is an empty filter);
DynamicYield and DynamicRepair read ``dimensions`` from the query string or the body, the measurement
endpoints ``measurementPaths`` likewise.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

import pydantic_core
from fastapi import APIRouter, Body, Query
from fastapi.responses import Response

from pywats_server.domains.analytics.history import HistoryBackend
from pywats_server.domains.analytics.levels import LevelBackend
from pywats_server.domains.analytics.measurements import MeasurementBackend
from pywats_server.domains.analytics.repairs import RepairBackend
from pywats_server.domains.analytics.schemas import AnalyticsFilter
from pywats_server.domains.analytics.step_analysis import StepAnalysisBackend
from pywats_server.domains.analytics.steps import StepBackend
from pywats_server.domains.analytics.yields import YieldBackend

__all__ = ["AnalyticsBackends", "json_response", "register_analytics_routes"]

APP = "/api/App"
TAGS: list[str | Enum] = ["Analytics"]
Filter = Annotated[AnalyticsFilter | None, Body()]


def json_response(data: Any) -> Response:
    """``data`` as a JSON response (fast path for large answers)."""
    return Response(pydantic_core.to_json(data), media_type="application/json")


class AnalyticsBackends:
    """The analytics backends of one server."""

    def __init__(
        self,
        levels: LevelBackend,
        yields: YieldBackend,
        steps: StepBackend,
        analysis: StepAnalysisBackend,
        measurements: MeasurementBackend,
        repairs: RepairBackend,
        history: HistoryBackend,
    ) -> None:
        self.levels = levels
        self.yields = yields
        self.steps = steps
        self.analysis = analysis
        self.measurements = measurements
        self.repairs = repairs
        self.history = history


def _filter(query: AnalyticsFilter | None) -> AnalyticsFilter:
    return query if query is not None else AnalyticsFilter()


def register_analytics_routes(router: APIRouter, b: AnalyticsBackends) -> None:
    """Add the public analytics endpoints to ``router``."""

    @router.get(f"{APP}/Levels", tags=TAGS)
    def get_levels() -> Response:
        """Production levels: ``[{levelId, levelName}]``."""
        return json_response(b.levels.levels())

    @router.get(f"{APP}/ProductGroups", tags=TAGS)
    def get_product_groups(
        include_filters: Annotated[bool, Query(alias="includeFilters")] = False,
    ) -> Response:
        """Product groups ``[{productGroupId, productGroupName}]`` (``includeFilters`` adds ``filter``)."""
        return json_response(b.levels.product_groups(include_filters=include_filters))

    # -- yield -------------------------------------------------------------------------------------

    @router.post(f"{APP}/DynamicYield", tags=TAGS)
    def dynamic_yield(query: Filter = None, dimensions: Annotated[str | None, Query()] = None) -> Response:
        """Yield grouped by ``dimensions`` (PREVIEW in WATS)."""
        return json_response(b.yields.dynamic_yield(_filter(query), dimensions))

    @router.get(f"{APP}/VolumeYield", tags=TAGS)
    def volume_yield_get(
        product_group: Annotated[str | None, Query(alias="productGroup")] = None,
        level: Annotated[str | None, Query()] = None,
    ) -> Response:
        """Yield per product and process of the last 30 days."""
        return json_response(b.yields.volume_yield(AnalyticsFilter(product_group=product_group, level=level)))

    @router.post(f"{APP}/VolumeYield", tags=TAGS)
    def volume_yield(query: Filter = None) -> Response:
        """Yield per product and process."""
        return json_response(b.yields.volume_yield(_filter(query)))

    @router.get(f"{APP}/HighVolume", tags=TAGS)
    def high_volume_get(
        product_group: Annotated[str | None, Query(alias="productGroup")] = None,
        level: Annotated[str | None, Query()] = None,
    ) -> Response:
        """The product/process pairs with most units in the last 30 days."""
        return json_response(b.yields.high_volume(AnalyticsFilter(product_group=product_group, level=level)))

    @router.post(f"{APP}/HighVolume", tags=TAGS)
    def high_volume(query: Filter = None) -> Response:
        """The product/process pairs with most units."""
        return json_response(b.yields.high_volume(_filter(query)))

    @router.post(f"{APP}/HighVolumeByProductGroup", tags=TAGS)
    def high_volume_by_group(query: Filter = None) -> Response:
        """The product-group/process pairs with most units."""
        return json_response(b.yields.high_volume(_filter(query), by_group=True))

    @router.get(f"{APP}/WorstYield", tags=TAGS)
    def worst_yield_get(
        product_group: Annotated[str | None, Query(alias="productGroup")] = None,
        level: Annotated[str | None, Query()] = None,
    ) -> Response:
        """The product/process pairs with the lowest first-pass yield in the last 30 days."""
        return json_response(b.yields.worst_yield(AnalyticsFilter(product_group=product_group, level=level)))

    @router.post(f"{APP}/WorstYield", tags=TAGS)
    def worst_yield(query: Filter = None) -> Response:
        """The product/process pairs with the lowest first-pass yield."""
        return json_response(b.yields.worst_yield(_filter(query)))

    @router.post(f"{APP}/WorstYieldByProductGroup", tags=TAGS)
    def worst_yield_by_group(query: Filter = None) -> Response:
        """The product-group/process pairs with the lowest first-pass yield."""
        return json_response(b.yields.worst_yield(_filter(query), by_group=True))

    # -- repairs -----------------------------------------------------------------------------------

    @router.post(f"{APP}/DynamicRepair", tags=TAGS)
    def dynamic_repair(query: Filter = None, dimensions: Annotated[str | None, Query()] = None) -> Response:
        """Repair statistics grouped by ``dimensions`` (PREVIEW in WATS)."""
        return json_response(b.repairs.dynamic_repair(_filter(query), dimensions))

    @router.get(f"{APP}/RelatedRepairHistory", tags=TAGS)
    def related_repair_history(
        part_number: Annotated[str, Query(alias="partNumber")], revision: Annotated[str, Query()]
    ) -> Response:
        """Repaired failures of a part number and revision, newest first."""
        return json_response(b.repairs.related_history(part_number, revision))

    # -- failures, steps, measurements -------------------------------------------------------------

    @router.get(f"{APP}/TopFailed", tags=TAGS)
    def top_failed_get(
        product_group: Annotated[str | None, Query(alias="productGroup")] = None,
        level: Annotated[str | None, Query()] = None,
        part_number: Annotated[str | None, Query(alias="partNumber")] = None,
        revision: Annotated[str | None, Query()] = None,
        top_count: Annotated[int | None, Query(alias="topCount", ge=1)] = None,
    ) -> Response:
        """The most frequently failing steps of the last 30 days."""
        query = AnalyticsFilter(
            product_group=product_group,
            level=level,
            part_number=part_number,
            revision=revision,
            top_count=top_count,
        )
        return json_response(b.steps.top_failed(query))

    @router.post(f"{APP}/TopFailed", tags=TAGS)
    def top_failed(query: Filter = None) -> Response:
        """The most frequently failing steps."""
        return json_response(b.steps.top_failed(_filter(query)))

    @router.post(f"{APP}/TestStepAnalysis", tags=TAGS)
    def test_step_analysis(query: Filter = None) -> Response:
        """Per-step and per-measurement statistics (PREVIEW in WATS)."""
        return json_response(b.analysis.analyse(_filter(query)))

    @router.post(f"{APP}/Measurements", tags=TAGS)
    def measurements(
        query: Filter = None, paths: Annotated[str | None, Query(alias="measurementPaths")] = None
    ) -> Response:
        """Individual measurement values by measurement path (PREVIEW in WATS)."""
        return json_response(b.measurements.measurements(_filter(query), paths))

    @router.post(f"{APP}/AggregatedMeasurements", tags=TAGS)
    def aggregated_measurements(
        query: Filter = None, paths: Annotated[str | None, Query(alias="measurementPaths")] = None
    ) -> Response:
        """Statistics and capability by measurement path."""
        return json_response(b.measurements.aggregated(_filter(query), paths))

    # -- OEE and report lists ----------------------------------------------------------------------

    @router.post(f"{APP}/OeeAnalysis", tags=TAGS)
    def oee_analysis(query: Filter = None) -> Response:
        """Overall equipment effectiveness of the filter's tests."""
        return json_response(b.history.oee(_filter(query)))

    @router.post(f"{APP}/SerialNumberHistory", tags=TAGS)
    def serial_number_history(query: Filter = None) -> Response:
        """Every report of the serial number(s), oldest first."""
        return json_response(b.history.serial_number_history(_filter(query)))

    @router.get(f"{APP}/UutReport", tags=TAGS)
    def uut_reports_get(
        product_group: Annotated[str | None, Query(alias="productGroup")] = None,
        level: Annotated[str | None, Query()] = None,
        part_number: Annotated[str | None, Query(alias="partNumber")] = None,
        revision: Annotated[str | None, Query()] = None,
        serial_number: Annotated[str | None, Query(alias="serialNumber")] = None,
        status: Annotated[str | None, Query()] = None,
        top_count: Annotated[int | None, Query(alias="topCount", ge=1)] = None,
    ) -> Response:
        """UUT report headers of the last 30 days, newest first."""
        query = AnalyticsFilter(
            product_group=product_group,
            level=level,
            part_number=part_number,
            revision=revision,
            serial_number=serial_number,
            status=status,
            top_count=top_count,
        )
        return json_response(b.history.reports(query, report_type="T"))

    @router.post(f"{APP}/UutReport", tags=TAGS)
    def uut_reports(query: Filter = None) -> Response:
        """UUT report headers, newest first."""
        return json_response(b.history.reports(_filter(query), report_type="T"))

    @router.post(f"{APP}/UurReport", tags=TAGS)
    def uur_reports(query: Filter = None) -> Response:
        """UUR report headers, newest first."""
        return json_response(b.history.reports(_filter(query), report_type="R"))
