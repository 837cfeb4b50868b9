"""Serial-number pools on ``api.production``: take numbers, search, import and export them.

The methods whose docstring starts with ``⚠️ INTERNAL API`` use undocumented WATS endpoints.
"""
# sync-docstring: Serial-number pools on ``api.production`` (sync twin).

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from pywats.core._checks import require_text
from pywats.core.exceptions import ValidationError
from pywats.domains._args import models_from, require_int
from pywats.domains.production._take_answer import serials_from_take_answer
from pywats.domains.production.async_repository import AsyncProductionRepository
from pywats.domains.production.models import SerialNumberRange, SerialNumberRecord, SerialNumberType

__all__ = ["AsyncProductionSerialNumbers"]

logger = logging.getLogger("pywats.domains.production")

_FILE_FORMATS = ("csv", "xml")


class AsyncProductionSerialNumbers:
    """Serial-number pool methods of the production service."""

    repository: AsyncProductionRepository

    async def get_serial_number_types(self) -> list[SerialNumberType]:
        """The pool types the server has (serial numbers, MAC addresses, IMEIs …)."""
        return await self.repository.get_serial_number_types()

    async def allocate_serial_numbers(
        self,
        type_name: str,
        count: int = 1,
        reference_sn: str | None = None,
        reference_pn: str | None = None,
        station_name: str | None = None,
    ) -> list[str]:
        """Take ``count`` free numbers of a type from its pool; they are marked taken on the server.

        ``reference_sn``/``reference_pn`` record the unit they are for. Raises
        :class:`~pywats.ConflictError` when the pool has too few free numbers. POST: not retried.
        """
        require_text("type_name", type_name, operation="allocate_serial_numbers")
        require_int("count", count, operation="allocate_serial_numbers", minimum=1)
        answer = await self.repository.take_serial_numbers(
            {
                "serialNumberType": type_name,
                "quantity": count,
                "refSN": reference_sn,
                "refPN": reference_pn,
                "stationName": station_name,
            }
        )
        serials = serials_from_take_answer(answer)
        logger.info("Took %d serial number(s) of type %s", len(serials), type_name)
        return serials

    async def find_serial_numbers_in_range(
        self, type_name: str, from_serial: str, to_serial: str
    ) -> list[SerialNumberRecord]:
        """The numbers of a type from ``from_serial`` to ``to_serial`` (inclusive), free and taken."""
        for field, value in (
            ("type_name", type_name),
            ("from_serial", from_serial),
            ("to_serial", to_serial),
        ):
            require_text(field, value, operation="find_serial_numbers_in_range")
        return await self.repository.get_serial_numbers_by_range(type_name, from_serial, to_serial)

    async def find_serial_numbers_by_reference(
        self, type_name: str, reference_serial: str | None = None, reference_part: str | None = None
    ) -> list[SerialNumberRecord]:
        """The numbers of a type taken for a reference unit (serial and/or part number)."""
        require_text("type_name", type_name, operation="find_serial_numbers_by_reference")
        return await self.repository.get_serial_numbers_by_reference(
            type_name, reference_serial, reference_part
        )

    async def import_serial_numbers(
        self, file_content: bytes, content_type: str = "text/csv"
    ) -> dict[str, Any]:
        """Import numbers from a CSV or XML file (the format :meth:`export_serial_numbers` writes).

        Returns the server's counts (``imported``, ``skipped``).
        """
        if not isinstance(file_content, bytes | bytearray):
            raise ValidationError(
                "file_content must be bytes", field="file_content", operation="import_serial_numbers"
            )
        require_text("content_type", content_type, operation="import_serial_numbers")
        return await self.repository.put_serial_numbers(bytes(file_content), content_type)

    async def export_serial_numbers(
        self, type_name: str, state: str | None = None, format: str = "csv"
    ) -> bytes:
        """The numbers of a type (optionally only ``Free`` or ``Taken`` ones) as a CSV or XML file."""
        require_text("type_name", type_name, operation="export_serial_numbers")
        if not isinstance(format, str) or format.casefold() not in _FILE_FORMATS:
            raise ValidationError(
                f"format must be 'csv' or 'xml', got {format!r}",
                field="format",
                value=format,
                operation="export_serial_numbers",
            )
        return await self.repository.export_serial_numbers(type_name, state, format.casefold())

    async def find_serial_numbers(
        self,
        serial_number_type: str,
        start_address: str,
        end_address: str,
        start_date: datetime | None = None,
        end_date: datetime | None = None,
    ) -> list[SerialNumberRecord]:
        """⚠️ INTERNAL API: numbers in an address range, optionally only those taken between two dates."""
        for field, value in (
            ("serial_number_type", serial_number_type),
            ("start_address", start_address),
            ("end_address", end_address),
        ):
            require_text(field, value, operation="find_serial_numbers")
        return await self.repository.find_serial_numbers(
            serial_number_type, start_address, end_address, start_date, end_date
        )

    async def get_serial_number_count(
        self,
        serial_number_type: str,
        start_address: str | None = None,
        end_address: str | None = None,
        from_date: datetime | None = None,
        to_date: datetime | None = None,
    ) -> int:
        """⚠️ INTERNAL API: how many numbers an address range holds (taken between the dates, if given)."""
        require_text("serial_number_type", serial_number_type, operation="get_serial_number_count")
        return await self.repository.count_serial_numbers(
            {
                "serialNumberType": serial_number_type,
                "startAddress": start_address,
                "endAddress": end_address,
                "fromDate": None if from_date is None else from_date.isoformat(),
                "toDate": None if to_date is None else to_date.isoformat(),
            }
        )

    async def free_serial_numbers(
        self, ranges: Iterable[SerialNumberRange | Mapping[str, Any]]
    ) -> dict[str, Any]:
        """⚠️ INTERNAL API: give the taken numbers in these ranges back to their pools."""
        items = _ranges(ranges, "free_serial_numbers")
        return await self.repository.free_serial_numbers(items)

    async def delete_free_serial_numbers(
        self, ranges: Iterable[SerialNumberRange | Mapping[str, Any]]
    ) -> dict[str, Any]:
        """⚠️ INTERNAL API: delete the free numbers in these ranges (taken ones stay)."""
        items = _ranges(ranges, "delete_free_serial_numbers")
        return await self.repository.delete_free_serial_numbers(items)

    async def get_serial_number_ranges(
        self, serial_number_type: str | None = None
    ) -> list[SerialNumberRange]:
        """⚠️ INTERNAL API: runs of consecutive numbers per type, with their free counts."""
        return await self.repository.get_serial_number_ranges(serial_number_type)

    async def get_serial_number_statistics(self, serial_number_type: str | None = None) -> dict[str, Any]:
        """⚠️ INTERNAL API: totals of free and taken numbers (``total``, ``free``, ``taken``, ``types``)."""
        return await self.repository.get_serial_number_statistics(serial_number_type)


def _ranges(
    ranges: Iterable[SerialNumberRange | Mapping[str, Any]], operation: str
) -> list[SerialNumberRange]:
    items = models_from(SerialNumberRange, ranges, "ranges", operation)
    if not items:
        raise ValidationError("ranges must not be empty", field="ranges", operation=operation)
    for item in items:
        for field in ("serial_number_type", "start_address", "end_address"):
            require_text(f"ranges.{field}", getattr(item, field), operation=operation)
    return items
