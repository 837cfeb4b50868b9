"""HTTP endpoints of Software distribution (endpoints.md §9.1): parse the request, call the backend, answer.

``GET /api/Software/Package/DownloadZip/{id}`` is this server's own addition (the WATS route a
station downloads package content by is not known): it answers the package's files as a zip.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum
from pathlib import Path as FilePath
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from pywats_server.domains.software.backend import PackageBackend
from pywats_server.domains.software.content import PackageContent
from pywats_server.domains.software.schemas import FileAttributes, Package, PackageFile, VirtualFolder
from pywats_server.domains.software.virtual_folders import VIRTUAL_FOLDERS
from pywats_server.identity import request_user
from pywats_server.multipart import declared_length

PackageId = Annotated[str, Path(alias="id")]
Status = Annotated[str | None, Query()]
_SEND_CHUNK_BYTES = 256 * 1024


def register_software_routes(router: APIRouter, packages: PackageBackend, content: PackageContent) -> None:
    """Add the public ``/api/Software`` endpoints to ``router``."""
    tags: list[str | Enum] = ["Software"]

    @router.get("/api/Software/Packages", tags=tags, response_model_exclude_none=True)
    def list_packages() -> list[Package]:
        """Every version of every package."""
        return packages.list_packages()

    @router.get("/api/Software/Package/{id}", tags=tags, response_model_exclude_none=True)
    def get_package(package_id: PackageId) -> Package:
        """One package version, with its files."""
        return packages.get_package(package_id)

    @router.get("/api/Software/PackageByName", tags=tags, response_model_exclude_none=True)
    def get_by_name(
        name: Annotated[str, Query()], status: Status = None, version: int | None = None
    ) -> Package:
        """The newest version of a package (with ``status``, if given), or exactly ``version``."""
        return packages.get_by_name(name, status, version)

    @router.get("/api/Software/PackagesByTag", tags=tags, response_model_exclude_none=True)
    def by_tag(
        tag: Annotated[str, Query()], value: Annotated[str, Query()], status: Status = None
    ) -> list[Package]:
        """Package versions having a tag value."""
        return packages.by_tag(tag, value, status)

    @router.post("/api/Software/Package", tags=tags, response_model_exclude_none=True)
    def create(package: Package, request: Request) -> Package:
        """Create a package: a Draft, version 1, or the next version of an existing name."""
        return packages.create(package, request_user(request))

    @router.put("/api/Software/Package/{id}", tags=tags, response_model_exclude_none=True)
    def update(package_id: PackageId, package: Package, request: Request) -> Package:
        """Change a Draft's metadata and tags."""
        return packages.update(package_id, package, request_user(request))

    @router.delete("/api/Software/Package/{id}", tags=tags, status_code=204)
    def delete(package_id: PackageId) -> Response:
        """Delete a package version that is not Released."""
        packages.delete(package_id)
        return Response(status_code=204)

    @router.delete("/api/Software/PackageByName", tags=tags, status_code=204)
    def delete_by_name(name: Annotated[str, Query()], version: int | None = None) -> Response:
        """Delete one version of a package, or every version (none if any is Released)."""
        packages.delete_by_name(name, version)
        return Response(status_code=204)

    @router.post("/api/Software/PackageStatus/{id}", tags=tags, response_model_exclude_none=True)
    def set_status(package_id: PackageId, status: Annotated[str, Query()], request: Request) -> Package:
        """Move a package through Draft → Pending → Released → Revoked (409 for other moves)."""
        return packages.set_status(package_id, status, request_user(request))

    @router.get("/api/Software/PackageFiles/{id}", tags=tags, response_model_exclude_none=True)
    def list_files(package_id: PackageId) -> list[PackageFile]:
        """The files of a package."""
        return content.list_files(package_id)

    @router.post("/api/Software/Package/UploadZip/{id}", tags=tags, response_model_exclude_none=True)
    async def upload_zip(
        package_id: PackageId,
        request: Request,
        clean_install: Annotated[bool, Query(alias="cleanInstall")] = False,
    ) -> list[PackageFile]:
        """Unpack a zip (the raw body) into a Draft package; answers its files afterwards."""
        size = declared_length(request)
        await run_in_threadpool(content.check_upload, package_id, size)
        return await content.upload_zip(
            package_id, request.stream(), clean_install=clean_install, user=request_user(request)
        )

    @router.get("/api/Software/Package/DownloadZip/{id}", tags=tags)
    async def download_zip(package_id: PackageId) -> Response:
        """The package's files as a zip (this server's addition)."""
        path = await run_in_threadpool(content.build_zip, package_id)
        return StreamingResponse(
            _send_then_delete(path),
            media_type="application/zip",
            headers={"Content-Length": str(path.stat().st_size)},
        )

    @router.post("/api/Software/Package/FileAttribute/{fileId}", tags=tags, response_model_exclude_none=True)
    def set_attributes(file_id: Annotated[str, Path(alias="fileId")], body: FileAttributes) -> PackageFile:
        """Set the attribute text of a file of a Draft package."""
        return content.set_attributes(file_id, body.attributes)

    @router.get("/api/Software/VirtualFolders", tags=tags, response_model_exclude_none=True)
    def virtual_folders() -> list[VirtualFolder]:
        """The install locations package folders can target."""
        return list(VIRTUAL_FOLDERS)


def _send_then_delete(path: FilePath) -> Iterator[bytes]:
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_SEND_CHUNK_BYTES):
                yield chunk
    finally:
        path.unlink(missing_ok=True)
