"""Production (MES) domain models: units, phases, changes, batches, verification, serial numbers."""

from __future__ import annotations

from datetime import datetime
from enum import IntEnum, IntFlag
from typing import Any

from pydantic import Field

from pywats.domains._tolerant import TolerantModel
from pywats.domains.product.models import Product, ProductRevision, Setting

__all__ = [
    "AssemblyResult",
    "ChildUnitCheck",
    "ProductionBatch",
    "SerialNumberIdentifier",
    "SerialNumberRange",
    "SerialNumberRecord",
    "SerialNumberType",
    "Unit",
    "UnitChange",
    "UnitPhase",
    "UnitPhaseFlag",
    "UnitStateChange",
    "UnitVerification",
    "UnitVerificationGrade",
]


class UnitPhaseFlag(IntFlag):
    """The standard WATS unit phases (bit flags). The server's own list is ``get_all_unit_phases()``."""

    UNKNOWN = 1
    UNDER_PRODUCTION = 2
    PRODUCTION_REPAIR = 4
    SERVICE_REPAIR = 8
    FINALIZED = 16
    SCRAPPED = 32
    EXTENDED_TEST = 64
    CUSTOMIZATION = 128
    REPAIRED = 256
    MISSING = 512
    IN_STORAGE = 1024
    SHIPPED = 2048


class SerialNumberIdentifier(IntEnum):
    """What kind of identifier a serial-number pool hands out."""

    SERIAL_NUMBER = 0
    MAC_ADDRESS = 1
    IMEI = 2


class Unit(TolerantModel):
    """A unit: one serial number of one product (and revision), possibly mounted in another unit.

    ``unit_phase``, ``tags``, ``product``, ``product_revision``, ``sub_units`` and
    ``parent_serial_number`` are filled by the server and not changed by saving a unit.
    """

    serial_number: str | None = None
    part_number: str | None = None
    revision: str | None = None
    parent_serial_number: str | None = None
    batch_number: str | None = None
    serial_date: datetime | None = None
    current_location: str | None = None
    xml_data: str | None = None
    unit_phase_id: int | None = None
    unit_phase: str | None = None
    process_code: int | None = None
    tags: list[Setting] = Field(default_factory=list)
    product_revision: ProductRevision | None = None
    product: Product | None = None
    sub_units: list[Unit] = Field(default_factory=list)


class UnitChange(TolerantModel):
    """An entry of the unit change feed: what changed on a unit (``None`` = unchanged).

    ``new_parent_serial_number`` is ``""`` when the unit was taken out of its parent.
    """

    id: int | None = None
    unit_serial_number: str | None = None
    new_parent_serial_number: str | None = None
    new_part_number: str | None = None
    new_revision: str | None = None
    new_unit_phase_id: int | None = None


class UnitPhase(TolerantModel):
    """A unit phase of the server (``phase_id`` is a bit flag such as 16 = Finalized)."""

    phase_id: int = Field(alias="UnitPhaseId")
    code: str | None = Field(default=None, alias="Code")
    name: str | None = Field(default=None, alias="Name")
    description: str | None = Field(default=None, alias="Description")


class UnitStateChange(TolerantModel):
    """One entry of a unit's state history: its phase and process after a change."""

    changed_utc: datetime | None = None
    unit_phase_id: int | None = None
    unit_phase: str | None = None
    process_code: int | None = None
    comment: str | None = None


class ProductionBatch(TolerantModel):
    """A production batch."""

    batch_number: str | None = None
    batch_size: int | None = None


class SerialNumberType(TolerantModel):
    """A serial-number pool type; ``format`` has one ``#`` per digit (``SN########``)."""

    name: str | None = None
    description: str | None = None
    format: str | None = None
    reg_ex: str | None = None
    identifier: SerialNumberIdentifier | int = SerialNumberIdentifier.SERIAL_NUMBER
    identifier_name: str | None = None


class SerialNumberRecord(TolerantModel):
    """A number of a pool: its state (``Free``/``Taken``) and, once taken, by what."""

    serial_number: str | None = None
    serial_number_type: str | None = None
    state: str | None = None
    reference_serial_number: str | None = None
    reference_part_number: str | None = None
    station_name: str | None = None
    taken_utc: datetime | None = None


class SerialNumberRange(TolerantModel):
    """Consecutive numbers of one type, ``start_address`` to ``end_address`` (inclusive)."""

    serial_number_type: str | None = None
    start_address: str | None = None
    end_address: str | None = None
    count: int | None = None
    free_count: int | None = None


class UnitVerification(TolerantModel):
    """How a unit did in one process (its runs, failures and repairs, and the last run)."""

    process_code: int | None = None
    process_name: str | None = None
    process_index: int | None = None
    status: str | None = None
    start_utc: datetime | None = None
    station_name: str | None = None
    total_count: int | None = None
    non_passed_count: int | None = None
    repair_count: int | None = None


class UnitVerificationGrade(TolerantModel):
    """A unit's grade over its process route, with one :class:`UnitVerification` per process."""

    status: str | None = None
    grade: str | None = None
    all_processes_executed_in_correct_order: bool = False
    all_processes_passed_first_run: bool = False
    all_processes_passed_any_run: bool = False
    all_processes_passed_last_run: bool = False
    no_repairs: bool = False
    results: list[UnitVerification] = Field(default_factory=list)


class ChildUnitCheck(TolerantModel):
    """A unit's children compared with a box-build template (``CheckChildUnits``).

    ``lines`` has one entry per template line (``partNumber``, ``quantity``, ``mounted``,
    ``missing`` …); ``unexpected`` lists mounted units no line asks for.
    """

    serial_number: str | None = None
    part_number: str | None = None
    revision: str | None = None
    has_template: bool = False
    is_complete: bool = False
    lines: list[dict[str, Any]] = Field(default_factory=list)
    unexpected: list[dict[str, Any]] = Field(default_factory=list)
    messages: list[str] = Field(default_factory=list)


class AssemblyResult(TolerantModel):
    """The answer of the internal assembly commands: ``success`` and the server's ``message``."""

    success: bool = False
    message: str | None = None
    details: dict[str, Any] | None = None
