"""Assembly on ``api.production``: mounting child units in parent units and checking against templates.

The server checks each child against the parent revision's box-build template
(``api.product.get_box_build_template``). The public calls raise on a broken rule; the
``⚠️ INTERNAL API`` ones answer an :class:`AssemblyResult` saying why.
"""
# sync-docstring: Assembly on ``api.production`` (sync twin).

from __future__ import annotations

import logging

from pywats.core._checks import require_text
from pywats.domains.production.async_repository import AsyncProductionRepository
from pywats.domains.production.models import AssemblyResult, ChildUnitCheck

__all__ = ["AsyncProductionAssembly"]

logger = logging.getLogger("pywats.domains.production")

DEFAULT_CULTURE = "en-US"


def _require_units(operation: str, **values: str) -> None:
    for field, value in values.items():
        require_text(field, value, operation=operation)


class AsyncProductionAssembly:
    """Assembly methods of the production service."""

    repository: AsyncProductionRepository

    async def add_child_to_assembly(
        self, parent_serial: str, parent_part: str, child_serial: str, child_part: str
    ) -> None:
        """Mount a child unit in a parent unit.

        Raises :class:`~pywats.NotFoundError` for an unknown unit (nothing happens in LENIENT
        mode), :class:`~pywats.ValidationError` with the server's reason when the child does not
        fit the parent's box-build template, and :class:`~pywats.ConflictError` when the child
        is mounted in another unit.
        """
        _require_units(
            "add_child_to_assembly",
            parent_serial=parent_serial,
            parent_part=parent_part,
            child_serial=child_serial,
            child_part=child_part,
        )
        await self.repository.add_child_unit(parent_serial, parent_part, child_serial, child_part)
        logger.info("Mounted %s in %s", child_serial, parent_serial)

    async def remove_child_from_assembly(
        self, parent_serial: str, parent_part: str, child_serial: str, child_part: str
    ) -> None:
        """Take a child unit out of its parent (:class:`~pywats.ValidationError` if it is not in it)."""
        _require_units(
            "remove_child_from_assembly",
            parent_serial=parent_serial,
            parent_part=parent_part,
            child_serial=child_serial,
            child_part=child_part,
        )
        await self.repository.remove_child_unit(parent_serial, parent_part, child_serial, child_part)
        logger.info("Removed %s from %s", child_serial, parent_serial)

    async def verify_assembly(
        self, serial_number: str, part_number: str, revision: str
    ) -> ChildUnitCheck | None:
        """Compare a unit's children with the box-build template of ``revision``."""
        _require_units(
            "verify_assembly", serial_number=serial_number, part_number=part_number, revision=revision
        )
        return await self.repository.check_child_units(serial_number, part_number, revision)

    async def add_child_unit_validated(
        self,
        serial_number: str,
        part_number: str,
        child_serial_number: str,
        child_part_number: str,
        check_part_number: str | None = None,
        check_revision: str | None = None,
        culture_code: str = DEFAULT_CULTURE,
        check_phase: bool | None = None,
    ) -> AssemblyResult | None:
        """⚠️ INTERNAL API: mount a child after the server checks its part number, revision and phase.

        A broken rule comes back as ``AssemblyResult(success=False, message=...)``, not as an error.
        """
        _require_units(
            "add_child_unit_validated",
            serial_number=serial_number,
            part_number=part_number,
            child_serial_number=child_serial_number,
            child_part_number=child_part_number,
        )
        return await self.repository.add_child_unit_checked(
            {
                "serialNumber": serial_number,
                "partNumber": part_number,
                "childSerialNumber": child_serial_number,
                "childPartNumber": child_part_number,
                "checkPartNumber": check_part_number,
                "checkRevision": check_revision,
                "cultureCode": culture_code,
                "checkPhase": check_phase,
            }
        )

    async def remove_child_unit_localized(
        self,
        serial_number: str,
        part_number: str,
        child_serial_number: str,
        child_part_number: str,
        culture_code: str | None = None,
    ) -> AssemblyResult | None:
        """⚠️ INTERNAL API: take a child out of its parent; the result says whether it was in it."""
        _require_units(
            "remove_child_unit_localized",
            serial_number=serial_number,
            part_number=part_number,
            child_serial_number=child_serial_number,
            child_part_number=child_part_number,
        )
        return await self.repository.remove_child_unit_checked(
            {
                "serialNumber": serial_number,
                "partNumber": part_number,
                "childSerialNumber": child_serial_number,
                "childPartNumber": child_part_number,
                "cultureCode": culture_code,
            }
        )

    async def remove_all_child_units(
        self, serial_number: str, part_number: str, culture_code: str | None = None
    ) -> AssemblyResult | None:
        """⚠️ INTERNAL API: take every child out of a parent unit."""
        _require_units("remove_all_child_units", serial_number=serial_number, part_number=part_number)
        return await self.repository.remove_all_child_units(
            {"serialNumber": serial_number, "partNumber": part_number, "cultureCode": culture_code}
        )

    async def remove_all_children_from_assembly(
        self, parent_serial: str, parent_part: str
    ) -> AssemblyResult | None:
        """⚠️ INTERNAL API: the same as :meth:`remove_all_child_units`."""
        return await self.remove_all_child_units(parent_serial, parent_part)

    async def validate_child_units(
        self, parent_serial_number: str, parent_part_number: str, culture_code: str = DEFAULT_CULTURE
    ) -> ChildUnitCheck | None:
        """⚠️ INTERNAL API: compare a unit's children with its own revision's box-build template."""
        _require_units(
            "validate_child_units",
            parent_serial_number=parent_serial_number,
            parent_part_number=parent_part_number,
        )
        return await self.repository.check_child_units_internal(
            {
                "ParentSerialNumber": parent_serial_number,
                "ParentPartNumber": parent_part_number,
                "CultureCode": culture_code,
            }
        )
