"""Software data access: the public HTTP calls of ``/api/Software``."""

from __future__ import annotations

from typing import Any, BinaryIO

from pywats.core._async_transport import AsyncTransport, TransferResult
from pywats.core._http import segment
from pywats.domains.software._wire import MISSING, required, rows
from pywats.domains.software.async_internal_repository import AsyncSoftwareInternalRepository
from pywats.domains.software.models import Package, PackageFile, VirtualFolder

__all__ = ["AsyncSoftwareRepository"]


class AsyncSoftwareRepository:
    """The public software endpoints, one method per call; ``internal`` holds the internal ones."""

    def __init__(self, transport: AsyncTransport) -> None:
        self._transport = transport
        self.internal = AsyncSoftwareInternalRepository(transport)

    async def get_packages(self) -> list[Package]:
        """``GET /api/Software/Packages``."""
        data = await self._transport.request("GET", "/api/Software/Packages", operation="get_packages")
        return [Package.from_wire(row, operation="get_packages") for row in rows(data, "get_packages")]

    async def get_package(self, package_id: str) -> Package | None:
        """``GET /api/Software/Package/{id}``."""
        data = await self._transport.request(
            "GET",
            "/api/Software/Package/" + segment(package_id),
            operation="get_package",
            resource=("Package", package_id),
            expect_data=True,
        )
        return None if data is None else Package.from_wire(data, operation="get_package")

    async def get_package_by_name(self, params: dict[str, Any]) -> Package | None:
        """``GET /api/Software/PackageByName``."""
        data = await self._transport.request(
            "GET",
            "/api/Software/PackageByName",
            operation="get_package_by_name",
            params=params,
            resource=("Package", str(params["name"])),
            expect_data=True,
        )
        return None if data is None else Package.from_wire(data, operation="get_package_by_name")

    async def get_packages_by_tag(self, params: dict[str, Any]) -> list[Package]:
        """``GET /api/Software/PackagesByTag``."""
        data = await self._transport.request(
            "GET", "/api/Software/PackagesByTag", operation="get_packages_by_tag", params=params
        )
        return [
            Package.from_wire(row, operation="get_packages_by_tag")
            for row in rows(data, "get_packages_by_tag")
        ]

    async def create_package(self, body: bytes) -> Package:
        """``POST /api/Software/Package``: a new Draft."""
        data = await self._transport.request(
            "POST", "/api/Software/Package", operation="create_package", json_body=body
        )
        return Package.from_wire(required(data, "create_package"), operation="create_package")

    async def update_package(self, package_id: str, body: bytes) -> Package:
        """``PUT /api/Software/Package/{id}``."""
        data = await self._transport.request(
            "PUT",
            "/api/Software/Package/" + segment(package_id),
            operation="update_package",
            json_body=body,
            resource=("Package", package_id),
        )
        return Package.from_wire(required(data, "update_package"), operation="update_package")

    async def delete_package(self, package_id: str) -> bool:
        """``DELETE /api/Software/Package/{id}``."""
        data = await self._transport.request(
            "DELETE",
            "/api/Software/Package/" + segment(package_id),
            operation="delete_package",
            resource=("Package", package_id),
            not_found=MISSING,
        )
        return data is not MISSING

    async def delete_package_by_name(self, params: dict[str, Any]) -> bool:
        """``DELETE /api/Software/PackageByName``."""
        data = await self._transport.request(
            "DELETE",
            "/api/Software/PackageByName",
            operation="delete_package_by_name",
            params=params,
            resource=("Package", str(params["name"])),
            not_found=MISSING,
        )
        return data is not MISSING

    async def set_status(self, package_id: str, status: str, operation: str) -> bool:
        """``POST /api/Software/PackageStatus/{id}?status=…``."""
        data = await self._transport.request(
            "POST",
            "/api/Software/PackageStatus/" + segment(package_id),
            operation=operation,
            params={"status": status},
            resource=("Package", package_id),
            not_found=MISSING,
        )
        return data is not MISSING

    async def get_package_files(self, package_id: str) -> list[PackageFile]:
        """``GET /api/Software/PackageFiles/{id}``."""
        data = await self._transport.request(
            "GET",
            "/api/Software/PackageFiles/" + segment(package_id),
            operation="get_package_files",
            resource=("Package", package_id),
        )
        return [
            PackageFile.from_wire(row, operation="get_package_files")
            for row in rows(data, "get_package_files")
        ]

    async def upload_zip(
        self, package_id: str, source: BinaryIO, size: int | None, clean_install: bool
    ) -> bool:
        """``POST /api/Software/Package/UploadZip/{id}``: the zip streamed from ``source``."""
        data = await self._transport.upload(
            "POST",
            "/api/Software/Package/UploadZip/" + segment(package_id),
            operation="upload_zip",
            source=source,
            size=size,
            content_type="application/zip",
            params={"cleanInstall": True} if clean_install else None,
            not_found=MISSING,
        )
        return data is not MISSING

    async def download_zip(
        self, package_id: str, sink: BinaryIO, max_bytes: int | None
    ) -> TransferResult | None:
        """``GET /api/Software/Package/DownloadZip/{id}`` (pyWATS server): the package as a zip."""
        return await self._transport.download(
            "GET",
            "/api/Software/Package/DownloadZip/" + segment(package_id),
            operation="download_zip",
            sink=sink,
            max_bytes=max_bytes,
            accept="application/zip, application/octet-stream",
            resource=("Package", package_id),
        )

    async def set_file_attributes(self, file_id: str, body: bytes) -> bool:
        """``POST /api/Software/Package/FileAttribute/{fileId}``."""
        data = await self._transport.request(
            "POST",
            "/api/Software/Package/FileAttribute/" + segment(file_id),
            operation="update_file_attribute",
            json_body=body,
            resource=("PackageFile", file_id),
            not_found=MISSING,
        )
        return data is not MISSING

    async def get_virtual_folders(self) -> list[VirtualFolder]:
        """``GET /api/Software/VirtualFolders``."""
        data = await self._transport.request(
            "GET", "/api/Software/VirtualFolders", operation="get_virtual_folders"
        )
        return [
            VirtualFolder.from_wire(row, operation="get_virtual_folders")
            for row in rows(data, "get_virtual_folders")
        ]
