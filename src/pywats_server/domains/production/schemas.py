"""Wire shapes of the Production domain (endpoints.md §4.0)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import ConfigDict, Field

from pywats_server.domains.product.schemas import Product, ProductRevision, Setting
from pywats_server.domains.wire import NonBlankStr, WireModel


class Unit(WireModel):
    """A unit. On writes ``serialNumber`` and ``partNumber`` identify it; read-only members are ignored."""

    serial_number: NonBlankStr
    part_number: NonBlankStr
    revision: str | None = None
    parent_serial_number: str | None = None
    batch_number: str | None = None
    serial_date: datetime | None = None
    current_location: str | None = None
    xml_data: str | None = None
    unit_phase_id: int | None = None
    unit_phase: str | None = None
    process_code: int | None = None
    tags: list[Setting] | None = None
    product_revision: ProductRevision | None = None
    product: Product | None = None
    sub_units: list[Unit] | None = None


class UnitChange(WireModel):
    """An entry of the unit change feed."""

    id: int
    unit_serial_number: str
    new_parent_serial_number: str | None = None
    new_part_number: str | None = None
    new_revision: str | None = None
    new_unit_phase_id: int | None = None


class UnitPhase(WireModel):
    """A unit phase as ``GetUnitPhases`` lists it (PascalCase)."""

    unit_phase_id: int = Field(alias="UnitPhaseId")
    code: str = Field(alias="Code")
    name: str = Field(alias="Name")
    description: str | None = Field(default=None, alias="Description")


class ProductionBatch(WireModel):
    """A production batch; members beyond number and size are kept as sent."""

    model_config = ConfigDict(extra="allow")

    batch_number: NonBlankStr
    batch_size: int | None = Field(default=None, ge=0)


class SerialNumberType(WireModel):
    """A serial-number pool type."""

    name: str
    description: str | None = None
    format: str | None = None
    reg_ex: str | None = None
    identifier: int = 0
    identifier_name: str | None = None


class SerialNumberRecord(WireModel):
    """A number of a pool, as the search endpoints list it."""

    serial_number: str
    serial_number_type: str
    state: str
    reference_serial_number: str | None = None
    reference_part_number: str | None = None
    station_name: str | None = None
    taken_utc: datetime | None = None


class SerialNumberRange(WireModel):
    """A run of consecutive numbers of one type (``startAddress``..``endAddress``, inclusive)."""

    serial_number_type: str | None = None
    start_address: NonBlankStr
    end_address: NonBlankStr
    count: int | None = None
    free_count: int | None = None


class UnitVerification(WireModel):
    """How a unit did in one process."""

    process_code: int
    process_name: str | None = None
    process_index: int | None = None
    status: str
    start_utc: datetime | None = None
    station_name: str | None = None
    total_count: int = 0
    non_passed_count: int = 0
    repair_count: int = 0


class UnitVerificationGrade(WireModel):
    """A unit's grade over its process route."""

    status: str
    grade: str
    all_processes_executed_in_correct_order: bool
    all_processes_passed_first_run: bool
    all_processes_passed_any_run: bool
    all_processes_passed_last_run: bool
    no_repairs: bool
    results: list[UnitVerification]


class CommandResult(WireModel):
    """The answer of the internal assembly commands: whether it worked, and a message saying why not."""

    success: bool
    message: str
    details: dict[str, Any] | None = None
