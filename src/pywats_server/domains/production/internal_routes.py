"""Internal HTTP endpoints of the Production domain (endpoints.md §4.5, ``/api/internal/Production`` and
``/api/internal/Mes``). The assembly commands answer ``{"success", "message"}`` instead of 4xx for broken
rules; unknown units are still 404.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated, Any

from fastapi import APIRouter, Body, Query

from pywats_server.domains.production.assembly import AssemblyBackend
from pywats_server.domains.production.phases import UNIT_PHASES
from pywats_server.domains.production.schemas import (
    CommandResult,
    SerialNumberRange,
    SerialNumberRecord,
    Unit,
    UnitPhase,
)
from pywats_server.domains.production.serials import SerialNumberBackend
from pywats_server.domains.production.unit_queries import UnitQueries, phase_to_wire
from pywats_server.domains.production.units import UnitBackend

PREFIX = "/api/internal/Production"
TAGS: list[str | Enum] = ["Production (internal)"]

SerialNumber = Annotated[str, Query(alias="serialNumber")]
PartNumber = Annotated[str, Query(alias="partNumber")]
Culture = Annotated[str | None, Query(alias="cultureCode")]
PoolType = Annotated[str, Query(alias="serialNumberType")]
OptionalPoolType = Annotated[str | None, Query(alias="serialNumberType")]

SITES = [{"siteCode": "MAIN", "name": "Main site", "description": "The site of this pywats-server"}]


def register_production_internal_routes(
    router: APIRouter,
    *,
    units: UnitBackend,
    queries: UnitQueries,
    assembly: AssemblyBackend,
    serials: SerialNumberBackend,
) -> None:
    """Add the internal production endpoints to ``router``."""

    @router.get("/api/internal/Mes/GetUnitPhases", tags=TAGS, response_model_exclude_none=True)
    def get_unit_phases() -> list[UnitPhase]:
        """The server's unit phases."""
        return [phase_to_wire(phase.phase_id) for phase in UNIT_PHASES]

    @router.get(f"{PREFIX}/isConnected", tags=TAGS)
    def is_connected() -> bool:
        """The production module answers."""
        return True

    @router.get(f"{PREFIX}/GetSites", tags=TAGS)
    def get_sites() -> list[dict[str, Any]]:
        """Production sites (this server has one)."""
        return SITES

    @router.get(f"{PREFIX}/GetUnit", tags=TAGS, response_model_exclude_none=True)
    def get_unit(
        serial_number: SerialNumber, part_number: Annotated[str | None, Query(alias="partNumber")] = None
    ) -> Unit:
        """A unit by serial number (part number needed only when several products use the serial)."""
        return queries.find(serial_number, part_number)

    @router.get(f"{PREFIX}/GetUnitInfo", tags=TAGS)
    def get_unit_info(serial_number: SerialNumber, part_number: PartNumber) -> dict[str, Any]:
        """Unit details with names and counts."""
        return queries.info(serial_number, part_number)

    @router.get(f"{PREFIX}/GetUnitHierarchy", tags=TAGS)
    def get_unit_hierarchy(serial_number: SerialNumber, part_number: PartNumber) -> dict[str, Any]:
        """The assembly tree the unit belongs to, from the top."""
        return queries.hierarchy(serial_number, part_number)

    @router.get(f"{PREFIX}/GetUnitStateHistory", tags=TAGS)
    def get_unit_state_history(serial_number: SerialNumber, part_number: PartNumber) -> list[dict[str, Any]]:
        """Phase and process changes, oldest first."""
        return queries.state_history(serial_number, part_number)

    @router.get(f"{PREFIX}/GetUnitPhase", tags=TAGS, response_model_exclude_none=True)
    def get_unit_phase(serial_number: SerialNumber, part_number: PartNumber) -> UnitPhase:
        """The unit's phase."""
        return queries.phase(serial_number, part_number)

    @router.get(f"{PREFIX}/GetUnitProcess", tags=TAGS)
    def get_unit_process(serial_number: SerialNumber, part_number: PartNumber) -> dict[str, Any]:
        """The unit's current process."""
        return queries.process(serial_number, part_number)

    @router.get(f"{PREFIX}/GetUnitContents", tags=TAGS)
    def get_unit_contents(
        serial_number: SerialNumber, part_number: PartNumber, revision: str
    ) -> dict[str, Any]:
        """BOM, box-build compliance and mounted units."""
        return queries.contents(serial_number, part_number, revision)

    @router.post(f"{PREFIX}/CreateUnit", tags=TAGS, response_model_exclude_none=True)
    def create_unit(
        serial_number: SerialNumber,
        part_number: PartNumber,
        revision: str,
        batch_number: Annotated[str | None, Query(alias="batchNumber")] = None,
        unit_phase: Annotated[int | None, Query(alias="unitPhase")] = None,
    ) -> Unit:
        """Create a unit; 409 if it exists."""
        return units.create_unit(serial_number, part_number, revision, batch_number, unit_phase)

    @router.post(f"{PREFIX}/AddChildUnit", tags=TAGS, response_model_exclude_none=True)
    def add_child_unit(
        serial_number: SerialNumber,
        part_number: PartNumber,
        child_sn: Annotated[str, Query(alias="childSerialNumber")],
        child_pn: Annotated[str, Query(alias="childPartNumber")],
        check_pn: Annotated[str | None, Query(alias="checkPartNumber")] = None,
        check_revision: Annotated[str | None, Query(alias="checkRevision")] = None,
        culture: Culture = None,
        check_phase: Annotated[bool, Query(alias="checkPhase")] = False,
    ) -> CommandResult:
        """Mount a child after checking its part number, revision (mask) and, with checkPhase, its phase."""
        return assembly.add_child_checked(
            serial_number, part_number, child_sn, child_pn, check_pn, check_revision, check_phase
        )

    @router.post(f"{PREFIX}/RemoveChildUnit", tags=TAGS, response_model_exclude_none=True)
    def remove_child_unit(
        serial_number: SerialNumber,
        part_number: PartNumber,
        child_sn: Annotated[str, Query(alias="childSerialNumber")],
        child_pn: Annotated[str, Query(alias="childPartNumber")],
        culture: Culture = None,
    ) -> CommandResult:
        """Take a child out of its parent."""
        return assembly.remove_child_checked(serial_number, part_number, child_sn, child_pn)

    @router.post(f"{PREFIX}/RemoveAllChildUnits", tags=TAGS, response_model_exclude_none=True)
    def remove_all_child_units(
        serial_number: SerialNumber, part_number: PartNumber, culture: Culture = None
    ) -> CommandResult:
        """Take every child out of a parent."""
        return assembly.remove_all(serial_number, part_number)

    @router.get(f"{PREFIX}/CheckChildUnits", tags=TAGS)
    def check_child_units(
        parent_sn: Annotated[str, Query(alias="ParentSerialNumber")],
        parent_pn: Annotated[str, Query(alias="ParentPartNumber")],
        culture: Annotated[str | None, Query(alias="CultureCode")] = None,
    ) -> dict[str, Any]:
        """The parent's children against its own revision's box-build template."""
        return assembly.check_own_template(parent_sn, parent_pn)

    @router.get(f"{PREFIX}/SerialNumbers", tags=TAGS, response_model_exclude_none=True)
    def find_serial_numbers(
        type_name: PoolType,
        start: Annotated[str, Query(alias="startAddress")],
        end: Annotated[str, Query(alias="endAddress")],
        start_date: Annotated[datetime | None, Query(alias="startDate")] = None,
        end_date: Annotated[datetime | None, Query(alias="endDate")] = None,
    ) -> list[SerialNumberRecord]:
        """Numbers in an address range, optionally only those taken between two dates."""
        return serials.search(type_name, start, end, start_date=start_date, end_date=end_date)

    @router.get(f"{PREFIX}/SerialNumbers/Count", tags=TAGS)
    def count_serial_numbers(
        type_name: PoolType,
        start: Annotated[str | None, Query(alias="startAddress")] = None,
        end: Annotated[str | None, Query(alias="endAddress")] = None,
        from_date: Annotated[datetime | None, Query(alias="fromDate")] = None,
        to_date: Annotated[datetime | None, Query(alias="toDate")] = None,
    ) -> int:
        """How many numbers the range holds (taken between the dates, if given)."""
        return len(serials.search(type_name, start, end, start_date=from_date, end_date=to_date))

    @router.put(f"{PREFIX}/SerialNumbers/Free", tags=TAGS)
    def free_serial_numbers(ranges: list[SerialNumberRange]) -> dict[str, int]:
        """Give taken numbers in the ranges back to the pool."""
        return serials.release(ranges, delete_free=False)

    @router.delete(f"{PREFIX}/SerialNumbers/Free", tags=TAGS)
    def delete_free_serial_numbers(
        ranges: Annotated[list[SerialNumberRange] | None, Body()] = None,
    ) -> dict[str, int]:
        """Delete the free numbers in the ranges (taken ones stay: something uses them)."""
        return serials.release(ranges or [], delete_free=True)

    @router.get(f"{PREFIX}/SerialNumbers/Ranges", tags=TAGS, response_model_exclude_none=True)
    def serial_number_ranges(type_name: OptionalPoolType = None) -> list[SerialNumberRange]:
        """Runs of consecutive numbers per type."""
        return serials.ranges(type_name)

    @router.get(f"{PREFIX}/SerialNumbers/Statistics", tags=TAGS)
    def serial_number_statistics(type_name: OptionalPoolType = None) -> dict[str, object]:
        """Free and taken counts."""
        return serials.statistics(type_name)
