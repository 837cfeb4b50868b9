"""Request bodies of the Analytics domain: the WATSFilter (endpoints.md §7.0) and the UnitFlowFilter (§7.6).

Both are read case-insensitively and ignore members they do not know, like every body of this server.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from pywats_server.domains.wire import WireModel

__all__ = ["AnalyticsFilter", "UnitFlowFilter"]


class AnalyticsFilter(WireModel):
    """The WATSFilter: which reports an analytics call looks at, and how it groups and limits the answer.

    String members take WATS wildcards (``;`` between alternatives, ``%`` any text, ``_`` one character).
    Besides the catalogued members this server also reads ``processCode``, ``operator``, ``location`` and
    ``purpose``, and ``startDate``/``endDate`` (the internal TopFailed spelling of ``dateFrom``/``dateTo``).
    """

    serial_number: str | None = None
    part_number: str | None = None
    revision: str | None = None
    batch_number: str | None = None
    station_name: str | None = None
    test_operation: str | None = None
    process_code: str | int | None = None
    status: str | None = None
    yield_percent: int | None = Field(default=None, alias="yield")
    misc_description: str | None = None
    misc_value: str | None = None
    misc_info_description: str | None = None
    misc_info_string: str | None = None
    asset_serial_number: str | None = None
    asset_name: str | None = None
    product_group: str | None = None
    level: str | None = None
    sw_filename: str | None = None
    sw_version: str | None = None
    socket: str | None = None
    operator: str | None = None
    location: str | None = None
    purpose: str | None = None
    date_from: datetime | None = None
    date_to: datetime | None = None
    start_date: datetime | None = None
    end_date: datetime | None = None
    date_grouping: int | None = None
    period_count: int | None = None
    include_current_period: bool | None = None
    max_count: int | None = None
    min_count: int | None = None
    top_count: int | None = None
    dimensions: str | None = None
    run: int | None = None
    measurement_paths: str | None = None


class UnitFlowFilter(WireModel):
    """What a unit-flow query looks at (``POST /api/internal/UnitFlow`` and friends)."""

    part_number: str | None = None
    revision: str | None = None
    serial_number: str | None = None
    serial_numbers: list[str] | None = None
    station_name: str | None = None
    location: str | None = None
    purpose: str | None = None
    date_from: datetime | None = None
    date_to: datetime | None = None
    process_codes: list[int] | None = None
    include_passed: bool | None = None
    include_failed: bool | None = None
    split_by: str | None = None
    unit_order: str | None = None
    show_list: list[str] | None = None
    hide_list: list[str] | None = None
    expand_operations: bool | None = None
