"""Production data access: the public HTTP calls of the production domain (``/api/Production``)."""

from __future__ import annotations

from typing import Any

from pywats.core._async_transport import AsyncTransport
from pywats.core._http import segment
from pywats.core.exceptions import ValidationError
from pywats.domains._answers import mapping, rows
from pywats.domains.production.async_internal_repository import AsyncProductionInternalRepository
from pywats.domains.production.models import (
    ChildUnitCheck,
    ProductionBatch,
    SerialNumberRecord,
    SerialNumberType,
    Unit,
    UnitChange,
    UnitVerificationGrade,
)

__all__ = ["AsyncProductionRepository"]

# Filled in by the server; never sent back when a unit is saved.
_READ_ONLY_UNIT_FIELDS = {"unit_phase", "product", "product_revision", "sub_units", "parent_serial_number"}


def unit_body(units: list[Unit]) -> bytes:
    """The JSON array of units to save, without server-filled members (or an untouched empty tag list)."""
    parts = []
    for unit in units:
        exclude = set(_READ_ONLY_UNIT_FIELDS)
        if not unit.tags and "tags" not in unit.model_fields_set:
            exclude.add("tags")
        parts.append(unit.to_wire(exclude=exclude))
    return b"[" + b",".join(parts) + b"]"


class AsyncProductionRepository(AsyncProductionInternalRepository):
    """The production endpoints, one method per call; the internal ones are inherited."""

    def __init__(self, transport: AsyncTransport) -> None:
        self._transport = transport

    # -- units -------------------------------------------------------------------------------------

    async def get_unit(self, serial_number: str, part_number: str) -> Unit | None:
        """``GET /api/Production/Unit/{serialNumber}/{partNumber}``."""
        data = await self._transport.request(
            "GET",
            "/api/Production/Unit/" + segment(serial_number) + "/" + segment(part_number),
            operation="get_unit",
            resource=("Unit", f"{serial_number}/{part_number}"),
            expect_data=True,
        )
        return None if data is None else Unit.from_wire(data, operation="get_unit")

    async def put_units(self, units: list[Unit]) -> list[Unit]:
        """``PUT /api/Production/Units``: create or update units."""
        data = await self._transport.request(
            "PUT", "/api/Production/Units", operation="create_units", json_body=unit_body(units)
        )
        if isinstance(data, dict):  # some servers answer a summary ({"errorCount": 0, …}) instead
            errors = next((v for k, v in data.items() if str(k).casefold() == "errorcount"), 0)
            if errors:
                raise ValidationError(
                    f"The server refused {errors} of {len(units)} unit(s)",
                    field="units",
                    operation="create_units",
                    details={"answer": data},
                )
            return list(units)
        return [Unit.from_wire(row, operation="create_units") for row in rows(data)]

    async def get_unit_changes(self, params: dict[str, Any]) -> list[UnitChange]:
        """``GET /api/Production/Units/Changes``."""
        data = await self._transport.request(
            "GET", "/api/Production/Units/Changes", operation="get_unit_changes", params=params
        )
        return [UnitChange.from_wire(row, operation="get_unit_changes") for row in rows(data)]

    async def delete_unit_change(self, change_id: int) -> None:
        """``DELETE /api/Production/Units/Changes/{id}``."""
        await self._transport.request(
            "DELETE",
            "/api/Production/Units/Changes/" + segment(change_id),
            operation="delete_unit_change",
            resource=("UnitChange", str(change_id)),
        )

    async def get_unit_verification(
        self, serial_number: str, part_number: str, revision: str | None
    ) -> UnitVerificationGrade | None:
        """``GET /api/Production/UnitVerification``."""
        data = await self._transport.request(
            "GET",
            "/api/Production/UnitVerification",
            operation="get_unit_grade",
            params={"serialNumber": serial_number, "partNumber": part_number, "revision": revision},
            resource=("Unit", f"{serial_number}/{part_number}"),
            expect_data=True,
        )
        return None if data is None else UnitVerificationGrade.from_wire(data, operation="get_unit_grade")

    async def set_unit_phase(
        self, serial_number: str, part_number: str, phase: int, comment: str | None
    ) -> None:
        """``PUT /api/Production/SetUnitPhase``."""
        await self._transport.request(
            "PUT",
            "/api/Production/SetUnitPhase",
            operation="set_unit_phase",
            params={
                "serialNumber": serial_number,
                "partNumber": part_number,
                "phase": phase,
                "comment": comment,
            },
            resource=("Unit", f"{serial_number}/{part_number}"),
        )

    async def set_unit_process(
        self, serial_number: str, part_number: str, process_code: int | None, comment: str | None
    ) -> None:
        """``PUT /api/Production/SetUnitProcess``."""
        await self._transport.request(
            "PUT",
            "/api/Production/SetUnitProcess",
            operation="set_unit_process",
            params={
                "serialNumber": serial_number,
                "partNumber": part_number,
                "processCode": process_code,
                "comment": comment,
            },
            resource=("Unit", f"{serial_number}/{part_number}"),
        )

    # -- assembly ----------------------------------------------------------------------------------

    async def add_child_unit(self, parent_sn: str, parent_pn: str, child_sn: str, child_pn: str) -> None:
        """``POST /api/Production/AddChildUnit``."""
        await self._transport.request(
            "POST",
            "/api/Production/AddChildUnit",
            operation="add_child_to_assembly",
            params=_family(parent_sn, parent_pn, child_sn, child_pn),
        )

    async def remove_child_unit(self, parent_sn: str, parent_pn: str, child_sn: str, child_pn: str) -> None:
        """``POST /api/Production/RemoveChildUnit``."""
        await self._transport.request(
            "POST",
            "/api/Production/RemoveChildUnit",
            operation="remove_child_from_assembly",
            params=_family(parent_sn, parent_pn, child_sn, child_pn),
        )

    async def check_child_units(
        self, serial_number: str, part_number: str, revision: str
    ) -> ChildUnitCheck | None:
        """``GET /api/Production/CheckChildUnits``."""
        data = await self._transport.request(
            "GET",
            "/api/Production/CheckChildUnits",
            operation="verify_assembly",
            params={"serialNumber": serial_number, "partNumber": part_number, "revision": revision},
            resource=("Unit", f"{serial_number}/{part_number}"),
            expect_data=True,
        )
        return None if data is None else ChildUnitCheck.from_wire(data, operation="verify_assembly")

    # -- serial numbers ----------------------------------------------------------------------------

    async def get_serial_number_types(self) -> list[SerialNumberType]:
        """``GET /api/Production/SerialNumbers/Types``."""
        data = await self._transport.request(
            "GET", "/api/Production/SerialNumbers/Types", operation="get_serial_number_types"
        )
        return [SerialNumberType.from_wire(row, operation="get_serial_number_types") for row in rows(data)]

    async def take_serial_numbers(self, params: dict[str, Any]) -> bytes:
        """``POST /api/Production/SerialNumbers/Take``: the raw answer (XML, or a JSON array)."""
        data = await self._transport.request(
            "POST",
            "/api/Production/SerialNumbers/Take",
            operation="allocate_serial_numbers",
            params=params,
            raw=True,
        )
        return b"" if data is None else bytes(data)

    async def get_serial_numbers_by_range(
        self, type_name: str, start: str, end: str
    ) -> list[SerialNumberRecord]:
        """``GET /api/Production/SerialNumbers/ByRange``."""
        data = await self._transport.request(
            "GET",
            "/api/Production/SerialNumbers/ByRange",
            operation="find_serial_numbers_in_range",
            params={"typeName": type_name, "from": start, "to": end},
        )
        return [
            SerialNumberRecord.from_wire(row, operation="find_serial_numbers_in_range") for row in rows(data)
        ]

    async def get_serial_numbers_by_reference(
        self, type_name: str, reference_sn: str | None, reference_pn: str | None
    ) -> list[SerialNumberRecord]:
        """``GET /api/Production/SerialNumbers/ByReference``."""
        data = await self._transport.request(
            "GET",
            "/api/Production/SerialNumbers/ByReference",
            operation="find_serial_numbers_by_reference",
            params={
                "typeName": type_name,
                "referenceSerialNumber": reference_sn,
                "referencePartNumber": reference_pn,
            },
        )
        return [
            SerialNumberRecord.from_wire(row, operation="find_serial_numbers_by_reference")
            for row in rows(data)
        ]

    async def put_serial_numbers(self, content: bytes, content_type: str) -> dict[str, Any]:
        """``PUT /api/Production/SerialNumbers``: import a CSV/XML file."""
        data = await self._transport.request(
            "PUT",
            "/api/Production/SerialNumbers",
            operation="import_serial_numbers",
            body=content,
            content_type=content_type,
        )
        return mapping(data, "import_serial_numbers")

    async def export_serial_numbers(self, type_name: str, state: str | None, file_format: str) -> bytes:
        """``GET /api/Production/SerialNumbers``: the export file."""
        data = await self._transport.request(
            "GET",
            "/api/Production/SerialNumbers",
            operation="export_serial_numbers",
            params={"typeName": type_name, "state": state, "format": file_format},
            raw=True,
        )
        return b"" if data is None else bytes(data)

    # -- batches -----------------------------------------------------------------------------------

    async def get_batches(self, part_number: str | None, batch_id: str | None) -> list[ProductionBatch]:
        """``GET /api/Production/Batches``."""
        data = await self._transport.request(
            "GET",
            "/api/Production/Batches",
            operation="get_batches",
            params={"partNumber": part_number, "batchId": batch_id},
        )
        return [ProductionBatch.from_wire(row, operation="get_batches") for row in rows(data)]

    async def put_batch(self, batch: ProductionBatch) -> ProductionBatch:
        """``PUT /api/Production/Batch``."""
        data = await self._transport.request(
            "PUT", "/api/Production/Batch", operation="save_batch", json_body=batch.to_wire()
        )
        return batch if not data else ProductionBatch.from_wire(data, operation="save_batch")

    async def put_batches(self, batches: list[ProductionBatch]) -> list[ProductionBatch]:
        """``PUT /api/Production/Batches``."""
        body = b"[" + b",".join(batch.to_wire() for batch in batches) + b"]"
        data = await self._transport.request(
            "PUT", "/api/Production/Batches", operation="save_batches", json_body=body
        )
        return [ProductionBatch.from_wire(row, operation="save_batches") for row in rows(data)]

    # -- units seen in test reports ----------------------------------------------------------------

    async def recent_test_headers(self, top: int, skip: int, part_number: str | None) -> list[dict[str, Any]]:
        """``GET /api/Report/Query/Header``: the newest UUT report headers (for :meth:`get_units`)."""
        params: dict[str, Any] = {"reportType": "U", "$orderby": "start desc", "$top": top, "$skip": skip}
        if part_number is not None:
            params["$filter"] = "partNumber eq '" + part_number.replace("'", "''") + "'"
        data = await self._transport.request(
            "GET", "/api/Report/Query/Header", operation="get_units", params=params
        )
        return [row for row in rows(data) if isinstance(row, dict)]


def _family(parent_sn: str, parent_pn: str, child_sn: str, child_pn: str) -> dict[str, str]:
    return {
        "parentSerialNumber": parent_sn,
        "parentPartNumber": parent_pn,
        "childSerialNumber": child_sn,
        "childPartNumber": child_pn,
    }
