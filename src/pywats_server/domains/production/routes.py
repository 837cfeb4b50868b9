"""Public HTTP endpoints of the Production domain (endpoints.md §4.1–§4.4): parse, call a backend, answer."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from pywats_server.domains.production.assembly import AssemblyBackend
from pywats_server.domains.production.batches import BatchBackend
from pywats_server.domains.production.schemas import (
    ProductionBatch,
    SerialNumberRecord,
    SerialNumberType,
    Unit,
    UnitChange,
    UnitVerificationGrade,
)
from pywats_server.domains.production.serial_files import write_csv, write_xml
from pywats_server.domains.production.serials import SerialNumberBackend
from pywats_server.domains.production.units import UnitBackend
from pywats_server.domains.production.verification import VerificationBackend
from pywats_server.errors import BadRequest

PREFIX = "/api/Production"
TAGS: list[str | Enum] = ["Production"]

SerialNumber = Annotated[str, Query(alias="serialNumber")]
PartNumber = Annotated[str, Query(alias="partNumber")]
Comment = Annotated[str | None, Query()]
TypeName = Annotated[str, Query(alias="typeName")]


def register_production_routes(
    router: APIRouter,
    *,
    units: UnitBackend,
    assembly: AssemblyBackend,
    serials: SerialNumberBackend,
    batches: BatchBackend,
    verification: VerificationBackend,
) -> None:
    """Add the public ``/api/Production`` endpoints to ``router``."""

    @router.get(f"{PREFIX}/Unit/{{serialNumber}}/{{partNumber}}", tags=TAGS, response_model_exclude_none=True)
    async def get_unit(
        serial_number: Annotated[str, Path(alias="serialNumber")],
        part_number: Annotated[str, Path(alias="partNumber")],
    ) -> Unit:
        """One unit with its product, revision and sub-units."""
        # A short read by key runs on the event loop: cheaper than the thread-pool hop (~0.3 ms) a sync
        # endpoint takes, and stations call it in loops (see bench/bench_batching.py).
        return units.get_unit(serial_number, part_number)

    @router.put(f"{PREFIX}/Units", tags=TAGS, response_model_exclude_none=True)
    def put_units(body: list[Unit]) -> list[Unit]:
        """Create or update units (all or nothing); the part number and revision must exist."""
        return units.put_units(body)

    @router.get(f"{PREFIX}/Units/Changes", tags=TAGS, response_model_exclude_none=True)
    def get_changes(
        serial_number: Annotated[str | None, Query(alias="serialNumber")] = None,
        part_number: Annotated[str | None, Query(alias="partNumber")] = None,
        top: Annotated[int | None, Query(alias="$top", ge=0)] = None,
        skip: Annotated[int | None, Query(alias="$skip", ge=0)] = None,
    ) -> list[UnitChange]:
        """Unacknowledged unit changes, oldest first."""
        return units.changes(serial_number, part_number, top, skip)

    @router.delete(f"{PREFIX}/Units/Changes/{{id}}", tags=TAGS, status_code=204)
    def delete_change(change_id: Annotated[int, Path(alias="id")]) -> Response:
        """Acknowledge a unit change."""
        units.delete_change(change_id)
        return Response(status_code=204)

    @router.get(f"{PREFIX}/UnitVerification", tags=TAGS, response_model_exclude_none=True)
    def verify_unit(
        serial_number: SerialNumber, part_number: PartNumber, revision: str | None = None
    ) -> UnitVerificationGrade:
        """The unit's results per process and its grade, from its reports."""
        return verification.verify(serial_number, part_number, revision)

    @router.put(f"{PREFIX}/SetUnitPhase", tags=TAGS, status_code=204)
    def set_unit_phase(
        serial_number: SerialNumber, part_number: PartNumber, phase: int, comment: Comment = None
    ) -> Response:
        """Move a unit to a phase (an id from ``GetUnitPhases``)."""
        units.set_phase(serial_number, part_number, phase, comment)
        return Response(status_code=204)

    @router.put(f"{PREFIX}/SetUnitProcess", tags=TAGS, status_code=204)
    def set_unit_process(
        serial_number: SerialNumber,
        part_number: PartNumber,
        process_code: Annotated[int | None, Query(alias="processCode")] = None,
        comment: Comment = None,
    ) -> Response:
        """Set (or clear) a unit's current process."""
        units.set_process(serial_number, part_number, process_code, comment)
        return Response(status_code=204)

    @router.post(f"{PREFIX}/AddChildUnit", tags=TAGS, status_code=204)
    def add_child_unit(
        parent_sn: Annotated[str, Query(alias="parentSerialNumber")],
        parent_pn: Annotated[str, Query(alias="parentPartNumber")],
        child_sn: Annotated[str, Query(alias="childSerialNumber")],
        child_pn: Annotated[str, Query(alias="childPartNumber")],
    ) -> Response:
        """Mount a child unit in a parent unit (checked against the parent's box-build template)."""
        assembly.add_child(parent_sn, parent_pn, child_sn, child_pn)
        return Response(status_code=204)

    @router.post(f"{PREFIX}/RemoveChildUnit", tags=TAGS, status_code=204)
    def remove_child_unit(
        parent_sn: Annotated[str, Query(alias="parentSerialNumber")],
        parent_pn: Annotated[str, Query(alias="parentPartNumber")],
        child_sn: Annotated[str, Query(alias="childSerialNumber")],
        child_pn: Annotated[str, Query(alias="childPartNumber")],
    ) -> Response:
        """Take a child unit out of its parent."""
        assembly.remove_child(parent_sn, parent_pn, child_sn, child_pn)
        return Response(status_code=204)

    @router.get(f"{PREFIX}/CheckChildUnits", tags=TAGS)
    def check_child_units(
        serial_number: SerialNumber, part_number: PartNumber, revision: str
    ) -> dict[str, Any]:
        """The unit's children against the box-build template of ``revision``."""
        return assembly.check(serial_number, part_number, revision)

    @router.get(f"{PREFIX}/SerialNumbers/Types", tags=TAGS, response_model_exclude_none=True)
    def serial_number_types() -> list[SerialNumberType]:
        """The serial-number pool types."""
        return serials.types()

    @router.post(f"{PREFIX}/SerialNumbers/Take", tags=TAGS, response_class=Response)
    def take_serial_numbers(
        type_name: Annotated[str, Query(alias="serialNumberType")],
        quantity: int,
        ref_sn: Annotated[str | None, Query(alias="refSN")] = None,
        ref_pn: Annotated[str | None, Query(alias="refPN")] = None,
        station: Annotated[str | None, Query(alias="stationName")] = None,
    ) -> Response:
        """Take free numbers; answered in XML (``<SerialNumbers><SN id="…"/></SerialNumbers>``) like WATS."""
        taken = serials.take(type_name, quantity, ref_sn, ref_pn, station)
        return Response(write_xml(type_name, taken, with_state=False), media_type="application/xml")

    @router.get(f"{PREFIX}/SerialNumbers/ByRange", tags=TAGS, response_model_exclude_none=True)
    def by_range(
        type_name: TypeName,
        start: Annotated[str, Query(alias="from")],
        end: Annotated[str, Query(alias="to")],
    ) -> list[SerialNumberRecord]:
        """Numbers of a type from ``from`` to ``to`` (inclusive)."""
        return serials.search(type_name, start, end)

    @router.get(f"{PREFIX}/SerialNumbers/ByReference", tags=TAGS, response_model_exclude_none=True)
    def by_reference(
        type_name: TypeName,
        ref_sn: Annotated[str | None, Query(alias="referenceSerialNumber")] = None,
        ref_pn: Annotated[str | None, Query(alias="referencePartNumber")] = None,
    ) -> list[SerialNumberRecord]:
        """Numbers taken with this reference unit."""
        return serials.search(type_name, state="Taken", ref_sn=ref_sn, ref_pn=ref_pn)

    @router.put(f"{PREFIX}/SerialNumbers", tags=TAGS)
    async def import_serial_numbers(request: Request) -> dict[str, int]:
        """Import numbers from a CSV (``text/csv``) or XML file; numbers already in the pool are skipped."""
        content = await request.body()
        return await run_in_threadpool(serials.import_file, content, request.headers.get("content-type"))

    @router.get(f"{PREFIX}/SerialNumbers", tags=TAGS, response_class=Response)
    def export_serial_numbers(type_name: TypeName, state: str | None = None, format: str = "csv") -> Response:
        """Export a type's numbers as CSV (default) or XML, the same formats the import reads."""
        records = serials.search(type_name, state=state)
        if format.casefold() == "csv":
            return Response(write_csv(records), media_type="text/csv")
        if format.casefold() == "xml":
            return Response(write_xml(type_name, records), media_type="application/xml")
        raise BadRequest(f"Unsupported format '{format}'; use csv or xml.")

    @router.get(f"{PREFIX}/Batches", tags=TAGS, response_model_exclude_none=True)
    def get_batches(
        part_number: Annotated[str | None, Query(alias="partNumber")] = None,
        batch_id: Annotated[str | None, Query(alias="batchId")] = None,
    ) -> list[ProductionBatch]:
        """Batches, optionally only those holding units of a product, or one by number."""
        return batches.get_batches(part_number, batch_id)

    @router.put(f"{PREFIX}/Batch", tags=TAGS, response_model_exclude_none=True)
    def put_batch(batch: ProductionBatch) -> ProductionBatch:
        """Create or update a batch."""
        return batches.put_batches([batch])[0]

    @router.put(f"{PREFIX}/Batches", tags=TAGS, response_model_exclude_none=True)
    def put_batches(body: list[ProductionBatch]) -> list[ProductionBatch]:
        """Create or update batches (all or nothing)."""
        return batches.put_batches(body)
