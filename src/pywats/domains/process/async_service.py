"""Process services: what ``api.process`` offers on :class:`~pywats.AsyncWATS`.

The process list changes rarely, so :meth:`AsyncProcessService.get_processes` keeps it for the
client's ``process_refresh_interval`` (300 s by default): within that time, lookups make no
request at all. ``cache_stats`` tells how well that works; ``clear_cache()`` forgets the list.
"""
# sync-docstring: Process services: what ``api.process`` offers on :class:`~pywats.pyWATS`.

from __future__ import annotations

import logging
from datetime import UTC, datetime
from uuid import UUID

from pywats.core._checks import require_text
from pywats.core.cache import AsyncTTLCache, CacheStats
from pywats.core.config import DEFAULT_PROCESS_REFRESH_INTERVAL_S
from pywats.core.exceptions import ErrorMode, NotFoundError, ValidationError
from pywats.domains._args import require_int
from pywats.domains.process.async_repository import AsyncProcessRepository
from pywats.domains.process.models import FailCode, ProcessInfo, RepairCategory, RepairOperationConfig

__all__ = ["AsyncProcessService"]

logger = logging.getLogger("pywats.domains.process")

DEFAULT_TEST_PROCESS_CODE = 100
DEFAULT_REPAIR_PROCESS_CODE = 500
_CACHE_KEY = "processes"


class AsyncProcessService:
    """Processes (test, repair and WIP operations), cached, and repair fail codes.

    A lookup that finds nothing raises :class:`~pywats.NotFoundError` in STRICT mode and returns
    None in LENIENT mode, like a 404 would.
    """

    DEFAULT_TEST_PROCESS_CODE = DEFAULT_TEST_PROCESS_CODE
    DEFAULT_REPAIR_PROCESS_CODE = DEFAULT_REPAIR_PROCESS_CODE

    def __init__(
        self,
        repository: AsyncProcessRepository,
        refresh_interval: float = DEFAULT_PROCESS_REFRESH_INTERVAL_S,
        *,
        error_mode: ErrorMode = ErrorMode.STRICT,
    ) -> None:
        self.repository = repository
        self._error_mode = error_mode
        self._cache = AsyncTTLCache[list[ProcessInfo]](max_size=1, default_ttl=refresh_interval)
        self._last_refresh: datetime | None = None

    # -- the cache ---------------------------------------------------------------------------------

    @property
    def refresh_interval(self) -> float:
        """Seconds the process list is kept before it is read again."""
        return float(self._cache.default_ttl or 0.0)

    @property
    def last_refresh(self) -> datetime | None:
        """When the process list was last read from the server (UTC), or None."""
        return self._last_refresh

    @property
    def cache_stats(self) -> CacheStats:
        """Hits, misses and ``hit_rate`` (0–1) of the process cache; ``stats["hit_rate"]`` works too."""
        return self._cache.stats

    async def clear_cache(self) -> None:
        """Forget the cached process list; the next lookup reads it from the server."""
        await self._cache.clear()

    async def refresh(self) -> list[ProcessInfo]:
        """Read the process list from the server now and cache it."""
        await self._cache.clear()
        return await self.get_processes()

    async def _load(self) -> list[ProcessInfo]:
        processes = await self.repository.get_processes()
        self._last_refresh = datetime.now(UTC)
        logger.debug("Loaded %d processes", len(processes))
        return processes

    # -- cached lookups ----------------------------------------------------------------------------

    async def get_processes(self) -> list[ProcessInfo]:
        """Every active process, from the cache when it is fresh (no request at all)."""
        return list(await self._cache.get_or_load(_CACHE_KEY, self._load))

    async def get_test_operations(self) -> list[ProcessInfo]:
        """The test operations."""
        return [process for process in await self.get_processes() if process.is_test_operation]

    async def get_repair_operations(self) -> list[ProcessInfo]:
        """The repair operations."""
        return [process for process in await self.get_processes() if process.is_repair_operation]

    async def get_wip_operations(self) -> list[ProcessInfo]:
        """The work-in-progress operations."""
        return [process for process in await self.get_processes() if process.is_wip_operation]

    async def get_process_by_code(self, code: int) -> ProcessInfo | None:
        """The process with this code."""
        require_int("code", code, operation="get_process_by_code")
        found = next((process for process in await self.get_processes() if process.code == code), None)
        return self._found(found, str(code), "get_process_by_code")

    async def get_process_by_name(self, name: str) -> ProcessInfo | None:
        """The process with this name (case-insensitive)."""
        require_text("name", name, operation="get_process_by_name")
        wanted = name.strip().casefold()
        found = next(
            (p for p in await self.get_processes() if (p.name or "").strip().casefold() == wanted), None
        )
        return self._found(found, name, "get_process_by_name")

    async def get_process(self, identifier: int | str) -> ProcessInfo | None:
        """A process by code (int) or name (str)."""
        if isinstance(identifier, str):
            return await self.get_process_by_name(identifier)
        return await self.get_process_by_code(identifier)

    async def get_test_operation(self, identifier: int | str) -> ProcessInfo | None:
        """A test operation by code or name."""
        return await self._of_kind(identifier, "is_test_operation", "get_test_operation")

    async def get_repair_operation(self, identifier: int | str) -> ProcessInfo | None:
        """A repair operation by code or name."""
        return await self._of_kind(identifier, "is_repair_operation", "get_repair_operation")

    async def get_wip_operation(self, identifier: int | str) -> ProcessInfo | None:
        """A work-in-progress operation by code or name."""
        return await self._of_kind(identifier, "is_wip_operation", "get_wip_operation")

    async def process_exists(self, code: int) -> bool:
        """Whether a process has this code."""
        return any(process.code == code for process in await self.get_processes())

    async def is_valid_test_operation(self, code: int) -> bool:
        """Whether ``code`` is a test operation."""
        return any(p.code == code and p.is_test_operation for p in await self.get_processes())

    async def is_valid_repair_operation(self, code: int) -> bool:
        """Whether ``code`` is a repair operation."""
        return any(p.code == code and p.is_repair_operation for p in await self.get_processes())

    async def is_valid_wip_operation(self, code: int) -> bool:
        """Whether ``code`` is a work-in-progress operation."""
        return any(p.code == code and p.is_wip_operation for p in await self.get_processes())

    async def get_default_test_operation(self) -> ProcessInfo | None:
        """The test operation reports use by default: code 100 if it exists, else the first one."""
        return self._default(await self.get_test_operations(), DEFAULT_TEST_PROCESS_CODE, "test")

    async def get_default_repair_operation(self) -> ProcessInfo | None:
        """The repair operation repairs use by default: code 500 if it exists, else the first one."""
        return self._default(await self.get_repair_operations(), DEFAULT_REPAIR_PROCESS_CODE, "repair")

    async def get_default_test_code(self) -> int | None:
        """The code of :meth:`get_default_test_operation`."""
        process = await self.get_default_test_operation()
        return None if process is None else process.code

    async def get_default_repair_code(self) -> int | None:
        """The code of :meth:`get_default_repair_operation`."""
        process = await self.get_default_repair_operation()
        return None if process is None else process.code

    async def list_process_codes(self) -> list[int]:
        """The codes of every process."""
        return [process.code for process in await self.get_processes() if process.code is not None]

    async def list_process_names(self) -> list[str]:
        """The names of every process."""
        return [process.name for process in await self.get_processes() if process.name is not None]

    # -- internal API ------------------------------------------------------------------------------

    async def get_all_processes(self) -> list[ProcessInfo]:
        """⚠️ INTERNAL API: every process with full detail (GUID, properties, inactive ones); not cached."""
        return await self.repository.get_processes_internal()

    async def get_processes_detailed(self) -> list[ProcessInfo]:
        """⚠️ INTERNAL API: the same as :meth:`get_all_processes`."""
        return await self.get_all_processes()

    async def get_process_detailed(self, process_id: UUID | str) -> ProcessInfo | None:
        """⚠️ INTERNAL API: one process with full detail, by its GUID."""
        return await self.repository.get_process_internal(_guid(process_id, "get_process_detailed"))

    async def get_repair_operation_configs(self) -> dict[int, RepairOperationConfig]:
        """⚠️ INTERNAL API: the configuration of every repair operation, keyed by process code."""
        return await self.repository.get_repair_operations()

    async def get_repair_operation_config(
        self, process_id: UUID | str, process_code: int | None = None
    ) -> RepairOperationConfig | None:
        """⚠️ INTERNAL API: the configuration of one repair operation, by the process's GUID."""
        guid = _guid(process_id, "get_repair_operation_config")
        if process_code is not None:
            require_int("process_code", process_code, operation="get_repair_operation_config")
        return await self.repository.get_repair_operation(guid, process_code)

    async def get_repair_categories(
        self, process_code: int = DEFAULT_REPAIR_PROCESS_CODE
    ) -> list[RepairCategory]:
        """⚠️ INTERNAL API: the fail-code categories of a repair operation (each with its codes)."""
        require_int("process_code", process_code, operation="get_repair_categories")
        config = (await self.get_repair_operation_configs()).get(process_code)
        if config is None:
            self._found(None, str(process_code), "get_repair_categories", "RepairOperation")
            return []
        return list(config.categories)

    async def get_fail_codes(
        self, process_code: int = DEFAULT_REPAIR_PROCESS_CODE, category: str | None = None
    ) -> list[FailCode]:
        """⚠️ INTERNAL API: the fail codes of a repair operation, optionally of one category.

        Each names the ``category`` and ``code`` a repair report's failure uses.
        """
        wanted = None if category is None else category.strip().casefold()
        codes = []
        for group in await self.get_repair_categories(process_code):
            if wanted is not None and (group.description or "").strip().casefold() != wanted:
                continue
            for fail in group.fail_codes:
                codes.append(
                    FailCode(
                        category=group.description or "",
                        code=fail.description or "",
                        guid=fail.guid,
                        category_guid=group.guid,
                        selectable=fail.selectable,
                    )
                )
        return codes

    # -- helpers -----------------------------------------------------------------------------------

    async def _of_kind(self, identifier: int | str, flag: str, operation: str) -> ProcessInfo | None:
        if isinstance(identifier, bool) or not isinstance(identifier, int | str):
            raise ValidationError(
                f"identifier must be a process code or name, got {type(identifier).__name__}",
                field="identifier",
                value=identifier,
                operation=operation,
            )
        wanted = identifier.strip().casefold() if isinstance(identifier, str) else identifier
        for process in await self.get_processes():
            key = (process.name or "").strip().casefold() if isinstance(identifier, str) else process.code
            if key == wanted and getattr(process, flag):
                return process
        return self._found(None, str(identifier), operation)

    def _default(self, candidates: list[ProcessInfo], code: int, kind: str) -> ProcessInfo | None:
        preferred = next((process for process in candidates if process.code == code), None)
        if preferred is not None or candidates:
            return preferred or sorted(candidates, key=lambda p: (p.process_index or 0, p.code or 0))[0]
        return self._found(None, f"default {kind} operation", f"get_default_{kind}_operation")

    def _found(
        self, process: ProcessInfo | None, identifier: str, operation: str, kind: str = "Process"
    ) -> ProcessInfo | None:
        """``process``, or the error mode's answer for a missing one."""
        if process is None and self._error_mode is ErrorMode.STRICT:
            raise NotFoundError(resource_type=kind, identifier=identifier, operation=operation)
        return process


def _guid(value: UUID | str, operation: str) -> UUID:
    if isinstance(value, UUID):
        return value
    try:
        return UUID(str(value))
    except ValueError as exc:
        raise ValidationError(
            f"process_id must be a GUID, got {value!r}",
            field="process_id",
            value=value,
            operation=operation,
            cause=exc,
        ) from exc
