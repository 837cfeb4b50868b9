"""``AsyncWATS``: the asynchronous client, source of truth for the generated sync ``pyWATS``."""
# sync-docstring: ``pyWATS``: the synchronous client.

from __future__ import annotations

import logging
from types import TracebackType
from typing import TYPE_CHECKING, Self

import httpx

from pywats.core._async_transport import AsyncTransport
from pywats.core.config import resolve_config
from pywats.core.exceptions import ErrorMode, PyWATSError, ValidationError
from pywats.core.retry import RetryConfig
from pywats.core.station import Station

if TYPE_CHECKING:
    from pywats.domains.analytics.async_service import AsyncAnalyticsService
    from pywats.domains.asset.async_service import AsyncAssetService
    from pywats.domains.manual_inspection.async_service import AsyncManualInspectionService
    from pywats.domains.process.async_service import AsyncProcessService
    from pywats.domains.product.async_service import AsyncProductService
    from pywats.domains.production.async_service import AsyncProductionService
    from pywats.domains.report.async_service import AsyncReportService
    from pywats.domains.rootcause.async_service import AsyncRootCauseService
    from pywats.domains.scim.async_service import AsyncScimService
    from pywats.domains.software.async_service import AsyncSoftwareService

__all__ = ["AsyncWATS"]

logger = logging.getLogger("pywats")


class AsyncWATS:
    """Client of one WATS server.

    Use it as ``async with AsyncWATS(base_url=..., token=...) as api:``. With no ``base_url`` or
    ``token`` the ``WATS_BASE_URL`` and ``WATS_AUTH_TOKEN`` environment variables are read.

    ``timeout`` is in seconds (default 30). ``error_mode`` chooses what a missing resource does:
    ``ErrorMode.STRICT`` (default) raises, ``ErrorMode.LENIENT`` returns None. Transient failures
    of GET/PUT/DELETE are retried per ``retry_config`` unless ``retry_enabled=False``. Pass your
    own ``http_client`` for proxies, client certificates or a custom CA, or ``verify`` for the
    CA bundle.
    """

    def __init__(
        self,
        base_url: str | None = None,
        token: str | None = None,
        *,
        timeout: float | None = None,
        process_refresh_interval: float | None = None,
        error_mode: ErrorMode = ErrorMode.STRICT,
        retry_enabled: bool = True,
        retry_config: RetryConfig | None = None,
        station: Station | None = None,
        http_client: httpx.AsyncClient | None = None,
        verify: bool | str = True,
    ) -> None:
        if station is not None and not isinstance(station, Station):
            raise ValidationError(
                f"station must be a Station, got {type(station).__name__}", field="station", value=station
            )
        self._config = resolve_config(
            base_url,
            token,
            timeout=timeout,
            process_refresh_interval=process_refresh_interval,
            error_mode=error_mode,
            retry_enabled=retry_enabled,
            retry_config=retry_config,
            verify=verify,
        )
        self._station = station
        self._transport = AsyncTransport(self._config, http_client)
        self._product: AsyncProductService | None = None
        self._production: AsyncProductionService | None = None
        self._process: AsyncProcessService | None = None
        self._asset: AsyncAssetService | None = None
        self._software: AsyncSoftwareService | None = None
        self._report: AsyncReportService | None = None
        self._rootcause: AsyncRootCauseService | None = None
        self._scim: AsyncScimService | None = None
        self._manual_inspection: AsyncManualInspectionService | None = None
        self._analytics: AsyncAnalyticsService | None = None

    # -- settings -----------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """The server's root URL, without a trailing ``/`` or ``/api``."""
        return self._config.base_url

    @property
    def timeout(self) -> float:
        """Seconds to wait for the server on each request."""
        return self._config.timeout

    @property
    def error_mode(self) -> ErrorMode:
        """STRICT or LENIENT."""
        return self._config.error_mode

    @property
    def retry_config(self) -> RetryConfig:
        """The retry policy in force; ``retry_config.stats`` tells what retrying has cost."""
        return self._config.retry

    @property
    def process_refresh_interval(self) -> float:
        """Seconds the process list is cached before it is fetched again."""
        return self._config.process_refresh_interval

    @property
    def station(self) -> Station | None:
        """The station identity put on reports submitted through this client."""
        return self._station

    @station.setter
    def station(self, value: Station | None) -> None:
        if value is not None and not isinstance(value, Station):
            raise ValidationError(
                f"station must be a Station, got {type(value).__name__}", field="station", value=value
            )
        self._station = value

    # -- domains ------------------------------------------------------------------------------

    @property
    def product(self) -> AsyncProductService:
        """Products, revisions, groups, vendors, tags, BOMs and box-build templates."""
        if self._product is None:
            from pywats.domains.product.async_repository import AsyncProductRepository
            from pywats.domains.product.async_service import AsyncProductService

            self._product = AsyncProductService(AsyncProductRepository(self._transport))
        return self._product

    @property
    def production(self) -> AsyncProductionService:
        """Units (MES): phases, assembly, verification, serial-number pools, batches, change feed."""
        if self._production is None:
            from pywats.domains.production.async_repository import AsyncProductionRepository
            from pywats.domains.production.async_service import AsyncProductionService

            self._production = AsyncProductionService(AsyncProductionRepository(self._transport))
        return self._production

    @property
    def process(self) -> AsyncProcessService:
        """Processes (test, repair, WIP operations), cached for ``process_refresh_interval``; fail codes."""
        if self._process is None:
            from pywats.domains.process.async_repository import AsyncProcessRepository
            from pywats.domains.process.async_service import AsyncProcessService

            self._process = AsyncProcessService(
                AsyncProcessRepository(self._transport),
                self._config.process_refresh_interval,
                error_mode=self._config.error_mode,
            )
        return self._process

    @property
    def report(self) -> AsyncReportService:
        """Test (UUT) and repair (UUR) reports: build, submit, read back, query headers, attachments."""
        if self._report is None:
            from pywats.domains.report.async_repository import AsyncReportRepository
            from pywats.domains.report.async_service import AsyncReportService

            self._report = AsyncReportService(AsyncReportRepository(self._transport), lambda: self._station)
        return self._report

    @property
    def asset(self) -> AsyncAssetService:
        """Assets and their types: usage counts, calibration, maintenance, log, hierarchy, files."""
        if self._asset is None:
            from pywats.domains.asset.async_repository import AsyncAssetRepository
            from pywats.domains.asset.async_service import AsyncAssetService

            self._asset = AsyncAssetService(AsyncAssetRepository(self._transport))
        return self._asset

    @property
    def software(self) -> AsyncSoftwareService:
        """Software packages for stations: versions, lifecycle, tags, content, station queries."""
        if self._software is None:
            from pywats.domains.software.async_repository import AsyncSoftwareRepository
            from pywats.domains.software.async_service import AsyncSoftwareService

            self._software = AsyncSoftwareService(AsyncSoftwareRepository(self._transport))
        return self._software

    @property
    def rootcause(self) -> AsyncRootCauseService:
        """Root-cause tickets: comments, assignment, status, attachments, archive."""
        if self._rootcause is None:
            from pywats.domains.rootcause.async_repository import AsyncRootCauseRepository
            from pywats.domains.rootcause.async_service import AsyncRootCauseService

            self._rootcause = AsyncRootCauseService(AsyncRootCauseRepository(self._transport))
        return self._rootcause

    @property
    def scim(self) -> AsyncScimService:
        """SCIM user provisioning and the provisioning token."""
        if self._scim is None:
            from pywats.domains.scim.async_repository import AsyncScimRepository
            from pywats.domains.scim.async_service import AsyncScimService

            self._scim = AsyncScimService(AsyncScimRepository(self._transport))
        return self._scim

    @property
    def manual_inspection(self) -> AsyncManualInspectionService:
        """⚠️ INTERNAL API: manual-inspection definitions, relations, sequences and media."""
        if self._manual_inspection is None:
            from pywats.domains.manual_inspection.async_repository import AsyncManualInspectionRepository
            from pywats.domains.manual_inspection.async_service import AsyncManualInspectionService

            self._manual_inspection = AsyncManualInspectionService(
                AsyncManualInspectionRepository(self._transport)
            )
        return self._manual_inspection

    @property
    def analytics(self) -> AsyncAnalyticsService:
        """Yield, repairs, failing steps, measurements, OEE, report lists; unit flow and alarms (internal)."""
        if self._analytics is None:
            from pywats.domains.analytics.async_repository import AsyncAnalyticsRepository
            from pywats.domains.analytics.async_service import AsyncAnalyticsService

            self._analytics = AsyncAnalyticsService(AsyncAnalyticsRepository(self._transport))
        return self._analytics

    # -- server -------------------------------------------------------------------------------

    async def get_version(self) -> str:
        """The server's version string, e.g. ``"25.3.0"``."""
        data = await self._transport.request(
            "GET", "/api/App/Version", operation="get_version", expect_data=True
        )
        return "" if data is None else str(data)

    async def test_connection(self) -> bool:
        """True if the server answers with a version; False (never an exception) otherwise."""
        try:
            return bool(await self.get_version())
        except PyWATSError as exc:
            logger.warning("Connection test failed: %s", exc.message)
            return False

    # -- lifetime -----------------------------------------------------------------------------

    async def close(self) -> None:
        """Close the connection pool. The client cannot be used afterwards."""
        await self._transport.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r}, error_mode={self.error_mode.value!r})"
