"""Software distribution services: what ``api.software`` offers on :class:`~pywats.AsyncWATS`.

The sync twin, ``service.py``, is generated from this file by ``tools/gen_sync.py``. The
internal-API half (folders, station queries) is
:class:`~pywats.domains.software.async_internal_service.AsyncSoftwareInternalMixin`.
"""
# sync-docstring: Software distribution services: what ``api.software`` offers on :class:`~pywats.pyWATS`.

from __future__ import annotations

import io
import json
import logging
import os
from uuid import UUID

from pywats.core._checks import require_guid, require_text
from pywats.core._files import AtomicFile, UploadSource, open_upload
from pywats.core.exceptions import ValidationError
from pywats.domains.software._args import package_status, tag_list, whole_number
from pywats.domains.software.async_internal_service import AsyncSoftwareInternalMixin
from pywats.domains.software.async_repository import AsyncSoftwareRepository
from pywats.domains.software.models import Package, PackageFile, PackageStatus, PackageTag, VirtualFolder

__all__ = ["DEFAULT_MAX_ZIP_BYTES", "AsyncSoftwareService"]

logger = logging.getLogger("pywats.domains.software")

DEFAULT_MAX_ZIP_BYTES = 4 * 1024**3
"""The largest package zip uploaded or downloaded unless ``max_size`` says otherwise (4 GiB)."""


class AsyncSoftwareService(AsyncSoftwareInternalMixin):
    """Software packages for stations: versions, the Draft → Pending → Released → Revoked lifecycle,
    tags, content (zip) and the questions stations ask."""

    def __init__(self, repository: AsyncSoftwareRepository) -> None:
        self.repository = repository
        super().__init__(repository.internal)

    # -- query --------------------------------------------------------------------------------

    async def get_packages(self) -> list[Package]:
        """Every version of every package."""
        return await self.repository.get_packages()

    async def get_package(self, package_id: str | UUID) -> Package | None:
        """One package version with its files.

        Raises :class:`~pywats.NotFoundError` if there is none (returns None in LENIENT mode).
        """
        return await self.repository.get_package(
            require_guid("package_id", package_id, operation="get_package")
        )

    async def get_package_by_name(
        self, name: str, status: PackageStatus | str | None = None, version: int | None = None
    ) -> Package | None:
        """The newest version of the package called ``name`` (with ``status``, if given), or ``version``."""
        operation = "get_package_by_name"
        params: dict[str, object] = {"name": require_text("name", name, operation=operation)}
        if status is not None:
            params["status"] = package_status(status, operation).value
        if version is not None:
            params["version"] = whole_number("version", version, operation, minimum=1)
        return await self.repository.get_package_by_name(params)

    async def get_released_package(self, name: str) -> Package | None:
        """The newest Released version of the package called ``name``."""
        return await self.get_package_by_name(name, PackageStatus.RELEASED)

    async def get_packages_by_tag(
        self, tag: str, value: str, status: PackageStatus | str | None = None
    ) -> list[Package]:
        """The package versions whose tag ``tag`` has ``value`` (optionally only those with ``status``)."""
        operation = "get_packages_by_tag"
        params: dict[str, object] = {
            "tag": require_text("tag", tag, operation=operation),
            "value": require_text("value", value, operation=operation),
        }
        if status is not None:
            params["status"] = package_status(status, operation).value
        return await self.repository.get_packages_by_tag(params)

    # -- create, change, delete ---------------------------------------------------------------

    async def create_package(
        self,
        name: str,
        description: str | None = None,
        install_on_root: bool = False,
        root_directory: str | None = None,
        priority: int | None = None,
        tags: list[PackageTag] | dict[str, str] | None = None,
    ) -> Package:
        """Create a Draft package: version 1 of a new name, or the next version of an existing one."""
        operation = "create_package"
        package = Package(
            name=require_text("name", name, operation=operation),
            description=description,
            install_on_root=bool(install_on_root),
            root_directory=root_directory,
            priority=None if priority is None else whole_number("priority", priority, operation),
            tags=tag_list(tags, operation),
        )
        created = await self.repository.create_package(package.to_wire(exclude={"files"}))
        logger.info("Created package %s version %s", created.name, created.version)
        return created

    async def update_package(self, package: Package) -> Package:
        """Save changes to a Draft package's description, install options, priority and tags."""
        operation = "update_package"
        if not isinstance(package, Package):
            raise ValidationError(
                f"package must be a Package, got {type(package).__name__}",
                field="package",
                value=package,
                operation=operation,
            )
        if package.package_id is None:
            raise ValidationError("package.package_id is required", field="package_id", operation=operation)
        require_text("name", package.name, operation=operation)
        return await self.repository.update_package(
            str(package.package_id), package.to_wire(exclude={"files"})
        )

    async def delete_package(self, package_id: str | UUID) -> bool:
        """Delete a package version that is not Released (revoke it first).

        Returns True; False if it does not exist in LENIENT mode.
        """
        return await self.repository.delete_package(
            require_guid("package_id", package_id, operation="delete_package")
        )

    async def delete_package_by_name(self, name: str, version: int | None = None) -> bool:
        """Delete version ``version`` of a package, or all its versions (none if any is Released)."""
        operation = "delete_package_by_name"
        params: dict[str, object] = {"name": require_text("name", name, operation=operation)}
        if version is not None:
            params["version"] = whole_number("version", version, operation, minimum=1)
        return await self.repository.delete_package_by_name(params)

    # -- lifecycle ----------------------------------------------------------------------------

    async def set_package_status(self, package_id: str | UUID, status: PackageStatus | str) -> bool:
        """Move a package to ``status``. Moves the lifecycle does not allow raise
        :class:`~pywats.ConflictError` (Draft ⇄ Pending → Released → Revoked)."""
        operation = "set_package_status"
        wanted = package_status(status, operation)
        package = require_guid("package_id", package_id, operation=operation)
        done = await self.repository.set_status(package, wanted.value, operation)
        if done:
            logger.info("Package %s is now %s", package, wanted.value)
        return done

    async def submit_for_review(self, package_id: str | UUID) -> bool:
        """Draft → Pending."""
        return await self.set_package_status(package_id, PackageStatus.PENDING)

    async def return_to_draft(self, package_id: str | UUID) -> bool:
        """Pending → Draft."""
        return await self.set_package_status(package_id, PackageStatus.DRAFT)

    async def release_package(self, package_id: str | UUID) -> bool:
        """Pending → Released: stations may now install it."""
        return await self.set_package_status(package_id, PackageStatus.RELEASED)

    async def revoke_package(self, package_id: str | UUID) -> bool:
        """Released → Revoked: stations should remove it."""
        return await self.set_package_status(package_id, PackageStatus.REVOKED)

    # -- content ------------------------------------------------------------------------------

    async def get_package_files(self, package_id: str | UUID) -> list[PackageFile]:
        """The files of a package."""
        return await self.repository.get_package_files(
            require_guid("package_id", package_id, operation="get_package_files")
        )

    async def upload_zip(
        self,
        package_id: str | UUID,
        zip_content: UploadSource,
        clean_install: bool = False,
        *,
        max_size: int = DEFAULT_MAX_ZIP_BYTES,
    ) -> bool:
        """Unpack a zip into a Draft package; ``clean_install`` first removes its current files.

        ``zip_content`` is the zip's bytes, its path, or a file opened in binary mode; it is
        streamed. The server checks every entry (no paths outside the package, no links, size
        limits) and stores nothing if one fails (:class:`~pywats.ValidationError`).
        """
        operation = "upload_zip"
        package = require_guid("package_id", package_id, operation=operation)
        whole_number("max_size", max_size, operation)
        with open_upload(zip_content, field="zip_content", operation=operation, max_size=max_size) as (
            stream,
            size,
        ):
            done = await self.repository.upload_zip(package, stream, size, bool(clean_install))
        if done:
            logger.info("Uploaded a zip of %s bytes to package %s", size, package)
        return done

    async def download_zip(
        self, package_id: str | UUID, *, max_size: int = DEFAULT_MAX_ZIP_BYTES
    ) -> bytes | None:
        """The package's files as a zip, in memory (see :meth:`download_zip_to` for large ones).

        The route is the pyWATS server's (how WATS itself serves package content is not
        documented); a server without it answers :class:`~pywats.NotFoundError`.
        """
        operation = "download_zip"
        package = require_guid("package_id", package_id, operation=operation)
        whole_number("max_size", max_size, operation)
        sink = io.BytesIO()
        result = await self.repository.download_zip(package, sink, max_size)
        return None if result is None else sink.getvalue()

    async def download_zip_to(
        self,
        package_id: str | UUID,
        destination: str | os.PathLike[str],
        *,
        max_size: int = DEFAULT_MAX_ZIP_BYTES,
    ) -> int | None:
        """Save the package's files as a zip at ``destination`` (written in chunks, renamed into place
        when complete); returns its size. Same route as :meth:`download_zip`."""
        operation = "download_zip_to"
        package = require_guid("package_id", package_id, operation=operation)
        whole_number("max_size", max_size, operation)
        with AtomicFile(destination, field="destination", operation=operation) as target:
            result = await self.repository.download_zip(package, target.stream, max_size)
            if result is None:
                return None
            target.keep()
        return result.size

    async def update_file_attribute(self, file_id: str | UUID, attributes: str) -> bool:
        """Set the attribute text of a file of a Draft package."""
        operation = "update_file_attribute"
        file = require_guid("file_id", file_id, operation=operation)
        if not isinstance(attributes, str):
            raise ValidationError(
                f"attributes must be a string, got {type(attributes).__name__}",
                field="attributes",
                value=attributes,
                operation=operation,
            )
        return await self.repository.set_file_attributes(
            file, json.dumps({"attributes": attributes}).encode()
        )

    async def get_virtual_folders(self) -> list[VirtualFolder]:
        """The install locations (virtual folders) registered on the server."""
        return await self.repository.get_virtual_folders()
