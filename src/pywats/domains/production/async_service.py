"""Production (MES) services: what ``api.production`` offers on :class:`~pywats.AsyncWATS`.

Units, phases, the unit change feed, verification and batches live here; assembly and
serial-number pools are inherited from :mod:`.async_assembly` and :mod:`.async_serial_numbers`.
Methods whose docstring starts with ``⚠️ INTERNAL API`` use undocumented WATS endpoints.
"""
# sync-docstring: Production (MES) services: what ``api.production`` offers on :class:`~pywats.pyWATS`.

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from pywats.core._async_concurrency import run_each
from pywats.core._checks import require_text
from pywats.core.exceptions import NotFoundError, ValidationError
from pywats.core.parallel import BatchResult
from pywats.domains._args import build_model, check_type, models_from, require_int, require_text_list
from pywats.domains.production.async_assembly import AsyncProductionAssembly
from pywats.domains.production.async_repository import AsyncProductionRepository
from pywats.domains.production.async_serial_numbers import AsyncProductionSerialNumbers
from pywats.domains.production.models import (
    ProductionBatch,
    Unit,
    UnitChange,
    UnitPhase,
    UnitPhaseFlag,
    UnitStateChange,
    UnitVerificationGrade,
)

__all__ = ["DEFAULT_MAX_CONCURRENT", "AsyncProductionService"]

logger = logging.getLogger("pywats.domains.production")

DEFAULT_MAX_CONCURRENT = 10
"""How many requests the batch methods keep in flight at once."""
DEFAULT_UNITS_TOP = 100
# get_units reads report headers page by page; a unit tested many times fills a page alone.
_HEADER_PAGES_MAX = 20


def _phase_key(text: str) -> str:
    """``Under_Production``, ``under production`` and ``UNDER-PRODUCTION`` compare equal."""
    return " ".join(text.replace("_", " ").replace("-", " ").casefold().split())


class AsyncProductionService(AsyncProductionAssembly, AsyncProductionSerialNumbers):
    """Units, phases, assembly, verification, serial-number pools and batches."""

    def __init__(self, repository: AsyncProductionRepository) -> None:
        self.repository = repository
        self._phases: list[UnitPhase] | None = None

    # -- units -------------------------------------------------------------------------------------

    async def get_unit(self, serial_number: str, part_number: str) -> Unit | None:
        """The unit with this serial and part number, with its product, revision and sub-units.

        Raises :class:`~pywats.NotFoundError` if there is none (returns None in LENIENT mode).
        """
        require_text("serial_number", serial_number, operation="get_unit")
        require_text("part_number", part_number, operation="get_unit")
        return await self.repository.get_unit(serial_number, part_number)

    async def get_units_batch(
        self,
        serial_numbers: Iterable[str],
        *,
        part_number: str | None = None,
        max_concurrent: int = DEFAULT_MAX_CONCURRENT,
    ) -> list[BatchResult[str, Unit | None]]:
        """Fetch many units concurrently; one :class:`~pywats.core.parallel.BatchResult` per serial number.

        With ``part_number`` every unit is read by serial and part number; without it, by serial
        number alone (⚠️ an internal endpoint, which needs the serial number to be unique). A
        failure is stored in its own result and never stops the others.
        """
        keys = require_text_list("serial_numbers", serial_numbers, operation="get_units_batch")
        require_int("max_concurrent", max_concurrent, operation="get_units_batch", minimum=1)
        if part_number is not None:
            require_text("part_number", part_number, operation="get_units_batch")
            pn = part_number

            async def by_serial_and_part(serial: str) -> Unit | None:
                return await self.repository.get_unit(serial, pn)

            return await run_each(by_serial_and_part, keys, max_concurrent)
        return await run_each(self.get_unit_by_serial_number, keys, max_concurrent)

    async def get_units(
        self,
        top: int = DEFAULT_UNITS_TOP,
        *,
        part_number: str | None = None,
        max_concurrent: int = DEFAULT_MAX_CONCURRENT,
    ) -> list[Unit]:
        """The most recently tested units, newest first, at most ``top`` of them.

        WATS has no endpoint that lists units, so they are found in the newest test-report
        headers and then read from production. A unit that was tested but never registered
        comes back as the reports describe it (serial number, part number, revision, batch).
        """
        require_int("top", top, operation="get_units", minimum=1)
        require_int("max_concurrent", max_concurrent, operation="get_units", minimum=1)
        if part_number is not None:
            require_text("part_number", part_number, operation="get_units")
        seen: dict[tuple[str, str], dict[str, Any]] = {}
        page_size = max(top, DEFAULT_UNITS_TOP)
        for page in range(_HEADER_PAGES_MAX):
            headers = await self.repository.recent_test_headers(page_size, page * page_size, part_number)
            for header in headers:
                key = (str(header.get("serialNumber") or ""), str(header.get("partNumber") or ""))
                if all(key) and key not in seen and len(seen) < top:
                    seen[key] = header
            if len(headers) < page_size or len(seen) >= top:
                break

        async def registered(key: tuple[str, str]) -> Unit | None:
            return await self.repository.get_unit(*key)

        results = await run_each(registered, list(seen), max_concurrent)
        units = []
        for result in results:
            if result.ok and result.value is not None:
                units.append(result.value)
            elif result.ok or isinstance(result.error, NotFoundError):
                header = seen[result.key]
                units.append(
                    Unit(
                        serial_number=result.key[0],
                        part_number=result.key[1],
                        revision=header.get("revision"),
                        batch_number=header.get("batchNumber"),
                    )
                )
            else:
                raise result.error  # type: ignore[misc]  # a real failure: not a listing gap
        return units

    async def create_units(self, units: Iterable[Unit | Mapping[str, Any]]) -> list[Unit]:
        """Register units (or update them; keyed by serial and part number) in one request.

        The part number (and revision, if given) must exist as a product, else the server
        answers :class:`~pywats.ValidationError` and nothing is stored.
        """
        items = models_from(Unit, units, "units", "create_units")
        for item in items:
            require_text("units.serial_number", item.serial_number, operation="create_units")
            require_text("units.part_number", item.part_number, operation="create_units")
        if not items:
            return []
        saved = await self.repository.put_units(items)
        logger.info("Saved %d unit(s)", len(saved))
        return saved

    async def update_unit(self, unit: Unit) -> Unit:
        """Save changes made to a :class:`Unit` (batch, location, phase, process, tags …)."""
        check_type(unit, Unit, "unit", "update_unit")
        return (await self.create_units([unit]))[0]

    async def create_unit(
        self,
        serial_number: str,
        part_number: str,
        revision: str,
        *,
        batch_number: str | None = None,
        unit_phase: int | UnitPhaseFlag | None = None,
    ) -> Unit | None:
        """⚠️ INTERNAL API: create one unit (:class:`~pywats.ConflictError` if it exists).

        The public way is :meth:`create_units`.
        """
        for field, value in (
            ("serial_number", serial_number),
            ("part_number", part_number),
            ("revision", revision),
        ):
            require_text(field, value, operation="create_unit")
        params = {
            "serialNumber": serial_number,
            "partNumber": part_number,
            "revision": revision,
            "batchNumber": batch_number,
            "unitPhase": None if unit_phase is None else int(unit_phase),
        }
        return await self.repository.create_unit(params)

    async def get_unit_by_serial_number(
        self, serial_number: str, part_number: str | None = None
    ) -> Unit | None:
        """⚠️ INTERNAL API: a unit by serial number alone (the part number is needed only when
        several products use the serial number)."""
        require_text("serial_number", serial_number, operation="get_unit_by_serial_number")
        return await self.repository.get_unit_by_serial(serial_number, part_number)

    async def get_unit_info(self, serial_number: str, part_number: str) -> Unit | None:
        """⚠️ INTERNAL API: a unit with extra members (``processName``, ``subUnitCount``, ``createdUtc``)."""
        _require_unit("get_unit_info", serial_number, part_number)
        return await self.repository.get_unit_info(serial_number, part_number)

    async def get_unit_hierarchy(self, serial_number: str, part_number: str) -> dict[str, Any] | None:
        """⚠️ INTERNAL API: the assembly tree the unit belongs to, from its top-most parent down."""
        _require_unit("get_unit_hierarchy", serial_number, part_number)
        return await self.repository.get_unit_hierarchy(serial_number, part_number)

    async def get_unit_state_history(self, serial_number: str, part_number: str) -> list[UnitStateChange]:
        """⚠️ INTERNAL API: the unit's phase and process changes, oldest first."""
        _require_unit("get_unit_state_history", serial_number, part_number)
        return await self.repository.get_unit_state_history(serial_number, part_number)

    async def get_unit_contents(
        self, serial_number: str, part_number: str, revision: str
    ) -> dict[str, Any] | None:
        """⚠️ INTERNAL API: what a unit should contain (``bom``, ``boxBuild``) and what is mounted."""
        _require_unit("get_unit_contents", serial_number, part_number)
        require_text("revision", revision, operation="get_unit_contents")
        return await self.repository.get_unit_contents(serial_number, part_number, revision)

    async def get_unit_process(self, serial_number: str, part_number: str) -> dict[str, Any] | None:
        """⚠️ INTERNAL API: the unit's current process (``processCode``, ``processName``)."""
        _require_unit("get_unit_process", serial_number, part_number)
        return await self.repository.get_unit_process(serial_number, part_number)

    async def set_unit_process(
        self,
        serial_number: str,
        part_number: str,
        process_code: int | None = None,
        comment: str | None = None,
    ) -> None:
        """Set the unit's current process (``None`` clears it); the code must be a server process."""
        _require_unit("set_unit_process", serial_number, part_number)
        if process_code is not None:
            require_int("process_code", process_code, operation="set_unit_process")
        await self.repository.set_unit_process(serial_number, part_number, process_code, comment)

    # -- phases ------------------------------------------------------------------------------------

    async def get_phases(self, force_refresh: bool = False) -> list[UnitPhase]:
        """⚠️ INTERNAL API: the server's unit phases (read once per client; ``force_refresh`` reloads)."""
        if self._phases is None or force_refresh:
            self._phases = await self.repository.get_unit_phases()
        return list(self._phases)

    async def get_all_unit_phases(self) -> list[UnitPhase]:
        """⚠️ INTERNAL API: the server's unit phases (MES), as ``GetUnitPhases`` lists them."""
        return await self.get_phases()

    async def get_phase(
        self, phase_id: int | None = None, code: str | None = None, name: str | None = None
    ) -> UnitPhase | None:
        """⚠️ INTERNAL API: the phase with this id, code or name (spelling and case need not match)."""
        for phase in await self.get_phases():
            if phase_id is not None and phase.phase_id == phase_id:
                return phase
            for wanted, have in ((code, phase.code), (name, phase.name)):
                if wanted is not None and have is not None and _phase_key(wanted) == _phase_key(have):
                    return phase
        return None

    async def get_phase_by_name(self, name: str) -> UnitPhase | None:
        """⚠️ INTERNAL API: the phase with this name or code."""
        require_text("name", name, operation="get_phase_by_name")
        return await self.get_phase(code=name, name=name)

    async def get_phase_id(self, phase: int | str | UnitPhaseFlag) -> int:
        """⚠️ INTERNAL API: the id of a phase given as id, :class:`UnitPhaseFlag`, name or code."""
        if isinstance(phase, bool) or not isinstance(phase, int | str):
            raise ValidationError(
                f"phase must be an id, a UnitPhaseFlag or a name, got {type(phase).__name__}",
                field="phase",
                value=phase,
                operation="set_unit_phase",
            )
        if isinstance(phase, int):
            return int(phase)
        found = await self.get_phase_by_name(phase)
        if found is None:
            known = ", ".join(p.name or p.code or str(p.phase_id) for p in await self.get_phases())
            raise ValidationError(
                f"Unknown unit phase {phase!r}; the server's phases are: {known}",
                field="phase",
                value=phase,
                operation="set_unit_phase",
            )
        return found.phase_id

    async def get_unit_phase(self, serial_number: str, part_number: str) -> UnitPhase | None:
        """⚠️ INTERNAL API: the current phase of a unit."""
        _require_unit("get_unit_phase", serial_number, part_number)
        return await self.repository.get_unit_phase(serial_number, part_number)

    async def set_unit_phase(
        self,
        serial_number: str,
        part_number: str,
        phase: int | str | UnitPhaseFlag,
        comment: str | None = None,
    ) -> None:
        """Move a unit to a phase, given as id, :class:`UnitPhaseFlag`, or name (``"Finalized"``).

        A name is looked up in the server's phase list (⚠️ internal endpoint); ids are sent as
        they are and checked by the server (:class:`~pywats.ValidationError` if unknown).
        """
        _require_unit("set_unit_phase", serial_number, part_number)
        phase_id = await self.get_phase_id(phase)
        await self.repository.set_unit_phase(serial_number, part_number, phase_id, comment)
        logger.info("Unit %s %s moved to phase %d", serial_number, part_number, phase_id)

    # -- change feed -------------------------------------------------------------------------------

    async def get_unit_changes(
        self,
        serial_number: str | None = None,
        part_number: str | None = None,
        top: int | None = None,
        skip: int | None = None,
    ) -> list[UnitChange]:
        """Unacknowledged unit changes (new part number, revision, phase or parent), oldest first."""
        for field, number in (("top", top), ("skip", skip)):
            if number is not None:
                require_int(field, number, operation="get_unit_changes", minimum=0)
        params = {"serialNumber": serial_number, "partNumber": part_number, "$top": top, "$skip": skip}
        return await self.repository.get_unit_changes(params)

    async def get_unit_history(self, serial_number: str, part_number: str) -> list[UnitChange]:
        """The unacknowledged changes of one unit."""
        _require_unit("get_unit_history", serial_number, part_number)
        return await self.get_unit_changes(serial_number, part_number)

    async def delete_unit_change(self, change_id: int) -> None:
        """Acknowledge (delete) a change; :class:`~pywats.NotFoundError` if there is none."""
        require_int("change_id", change_id, operation="delete_unit_change")
        await self.repository.delete_unit_change(change_id)

    async def acknowledge_unit_change(self, change_id: int) -> None:
        """The same as :meth:`delete_unit_change`."""
        await self.delete_unit_change(change_id)

    # -- verification ------------------------------------------------------------------------------

    async def get_unit_grade(
        self, serial_number: str, part_number: str, revision: str | None = None
    ) -> UnitVerificationGrade | None:
        """The unit's grade over its process route, with a result per process (from its reports)."""
        _require_unit("get_unit_grade", serial_number, part_number)
        return await self.repository.get_unit_verification(serial_number, part_number, revision)

    async def verify_unit(
        self, serial_number: str, part_number: str, revision: str | None = None
    ) -> UnitVerificationGrade | None:
        """The same as :meth:`get_unit_grade`."""
        return await self.get_unit_grade(serial_number, part_number, revision)

    async def is_unit_passing(self, serial_number: str, part_number: str) -> bool:
        """Whether every process the unit went through passed at its last run."""
        grade = await self.get_unit_grade(serial_number, part_number)
        return grade is not None and grade.all_processes_passed_last_run

    # -- batches -----------------------------------------------------------------------------------

    async def get_batches(
        self, part_number: str | None = None, batch_id: str | None = None
    ) -> list[ProductionBatch]:
        """Production batches: all, those with units of ``part_number``, or the one numbered ``batch_id``."""
        return await self.repository.get_batches(part_number, batch_id)

    async def create_batch(self, batch_number: str, batch_size: int | None = None) -> ProductionBatch:
        """Create (or update) a batch."""
        require_text("batch_number", batch_number, operation="create_batch")
        if batch_size is not None:
            require_int("batch_size", batch_size, operation="create_batch", minimum=0)
        batch = build_model(ProductionBatch, "create_batch", batch_number=batch_number, batch_size=batch_size)
        return await self.repository.put_batch(batch)

    async def update_batch(self, batch: ProductionBatch) -> ProductionBatch:
        """Save a changed :class:`ProductionBatch`."""
        check_type(batch, ProductionBatch, "batch", "update_batch")
        require_text("batch.batch_number", batch.batch_number, operation="update_batch")
        return await self.repository.put_batch(batch)

    async def save_batches(
        self, batches: Iterable[ProductionBatch | Mapping[str, Any]]
    ) -> list[ProductionBatch]:
        """Create or update many batches in one request."""
        items = models_from(ProductionBatch, batches, "batches", "save_batches")
        for item in items:
            require_text("batches.batch_number", item.batch_number, operation="save_batches")
        return [] if not items else await self.repository.put_batches(items)

    # -- module ------------------------------------------------------------------------------------

    async def is_connected(self) -> bool:
        """⚠️ INTERNAL API: whether the server's production module answers."""
        return await self.repository.is_connected()

    async def get_sites(self) -> list[dict[str, Any]]:
        """⚠️ INTERNAL API: the production sites."""
        return await self.repository.get_sites()


def _require_unit(operation: str, serial_number: str, part_number: str) -> None:
    require_text("serial_number", serial_number, operation=operation)
    require_text("part_number", part_number, operation=operation)
