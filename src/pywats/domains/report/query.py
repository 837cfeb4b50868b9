"""Report-header queries: the header models and the OData ``$filter`` helpers (endpoints.md §6.3)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from pydantic import Field

from pywats.core.exceptions import ValidationError
from pywats.domains._tolerant import TolerantModel
from pywats.domains.report.models.enums import ReportType

__all__ = [
    "AttachmentMetadata",
    "HeaderAsset",
    "HeaderMiscInfo",
    "HeaderSubUnit",
    "ReportHeader",
    "build_date_range_filter",
    "build_part_number_filter",
    "build_serial_filter",
    "build_subunit_part_filter",
    "build_subunit_serial_filter",
    "combine_filters",
    "odata_literal",
    "query_type_code",
]


class HeaderSubUnit(TolerantModel):
    """A sub-unit in an expanded header (``$expand=subUnits``)."""

    serial_number: str | None = None
    part_number: str | None = None
    revision: str | None = None
    part_type: str | None = None


class HeaderMiscInfo(TolerantModel):
    """A misc-info pair in an expanded header (``$expand=miscInfo``)."""

    description: str | None = None
    value: str | None = None


class HeaderAsset(TolerantModel):
    """An asset in an expanded header (``$expand=assets``)."""

    serial_number: str | None = None
    running_count: int | None = None
    total_count: int | None = None
    days_since_calibration: float | None = None
    calibration_days_overdue: float | None = None


class AttachmentMetadata(TolerantModel):
    """An attachment of a report (``$expand=attachments``); fetch it with ``get_attachment``."""

    attachment_id: int | None = None
    file_name: str | None = None
    mime_type: str | None = None
    size: int | None = None
    description: str | None = None
    step_id: int | None = None


class ReportHeader(TolerantModel):
    """The header of a stored report, as report queries return it.

    ``result`` is a word here (``Passed``, ``Failed``…); ``report_type`` is ``T`` or ``R``.
    """

    uuid: str | None = None
    serial_number: str | None = None
    part_number: str | None = None
    revision: str | None = None
    batch_number: str | None = None
    report_type: str | None = None
    station_name: str | None = None
    location: str | None = None
    purpose: str | None = None
    process_code: int | None = None
    process_name: str | None = None
    result: str | None = None
    start_utc: datetime | None = None
    operator: str | None = None
    comment: str | None = None
    execution_time: float | None = None
    sw_filename: str | None = None
    sw_version: str | None = None
    test_socket_index: int | None = None
    fixture_id: str | None = None
    run: int | None = None
    passed_in_run: int | None = None
    receive_count: int | None = None
    report_size: int | None = None
    caused_uut_failure: str | None = None
    caused_uut_failure_path: str | None = None
    error_code: int | None = None
    error_message: str | None = None
    referenced_uut: str | None = None
    test_operation: str | None = None
    root_node_type: str | None = None
    sub_units: list[HeaderSubUnit] | None = None
    uur_sub_units: list[HeaderSubUnit] | None = None
    misc_info: list[HeaderMiscInfo] | None = None
    uur_misc_info: list[HeaderMiscInfo] | None = None
    assets: list[HeaderAsset] | None = None
    uur_assets: list[HeaderAsset] | None = None
    attachments: list[AttachmentMetadata] | None = Field(default=None)
    uur_attachments: list[AttachmentMetadata] | None = None

    @property
    def id(self) -> str | None:
        """The report id (``uuid``)."""
        return self.uuid

    @property
    def passed(self) -> bool:
        """True if the report passed."""
        return (self.result or "").lower() in ("passed", "p")


def query_type_code(report_type: ReportType | str) -> str:
    """The ``reportType`` query value: ``U`` for UUT, ``R`` for UUR (``T``/``"uut"``/``"uur"`` accepted)."""
    text = report_type.value if isinstance(report_type, ReportType) else str(report_type).strip().upper()
    code = {"T": "U", "U": "U", "UUT": "U", "R": "R", "UUR": "R"}.get(text)
    if code is None:
        raise ValidationError(
            f"report_type must be ReportType.UUT or ReportType.UUR ('uut'/'uur'), got {report_type!r}",
            field="report_type",
            value=report_type,
        )
    return code


def odata_literal(value: Any) -> str:
    """``value`` as an OData literal: strings quoted with ``'`` doubled, datetimes in UTC with ``Z``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, datetime):
        moment = value.astimezone(UTC) if value.tzinfo else value.astimezone().astimezone(UTC)
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, date):
        return value.isoformat()
    return "'" + str(value).replace("'", "''") + "'"


def build_serial_filter(serial_number: str) -> str:
    """``serialNumber eq '<sn>'``."""
    return f"serialNumber eq {odata_literal(serial_number)}"


def build_part_number_filter(part_number: str) -> str:
    """``partNumber eq '<pn>'``."""
    return f"partNumber eq {odata_literal(part_number)}"


def build_date_range_filter(start_date: datetime, end_date: datetime, field_name: str = "start") -> str:
    """Reports that started from ``start_date`` up to ``end_date`` (inclusive)."""
    return f"{field_name} ge {odata_literal(start_date)} and {field_name} le {odata_literal(end_date)}"


def build_subunit_part_filter(subunit_part_number: str, is_uut: bool = True) -> str:
    """Reports with a sub-unit of this part number."""
    collection = "subUnits" if is_uut else "uurSubUnits"
    return f"{collection}/any(s: s/partNumber eq {odata_literal(subunit_part_number)})"


def build_subunit_serial_filter(subunit_serial_number: str, is_uut: bool = True) -> str:
    """Reports with a sub-unit of this serial number."""
    collection = "subUnits" if is_uut else "uurSubUnits"
    return f"{collection}/any(s: s/serialNumber eq {odata_literal(subunit_serial_number)})"


def combine_filters(filters: list[str | None], operator: str = "and") -> str | None:
    """The non-empty filters joined with ``and``/``or`` (each in parentheses); None if none."""
    parts = [f"({text})" for text in filters if text]
    if not parts:
        return None
    return parts[0][1:-1] if len(parts) == 1 else f" {operator} ".join(parts)
