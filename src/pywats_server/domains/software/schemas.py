"""Wire shapes of the Software domain (endpoints.md §9)."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import Field

from pywats_server.domains.wire import NonBlankStr, WireModel


class PackageTag(WireModel):
    """A tag of a package: ``key`` and ``value``."""

    key: NonBlankStr
    value: str | None = None


class PackageFile(WireModel):
    """A file of a package; ``path`` is relative to the package root, with ``/`` separators."""

    file_id: UUID | None = None
    filename: str | None = None
    path: str | None = None
    size: int | None = None
    checksum: str | None = None
    created_utc: datetime | None = None
    modified_utc: datetime | None = None
    attributes: str | None = None
    package_id: UUID | None = None
    parent_folder_id: UUID | None = None


class Package(WireModel):
    """A version of a named package. ``status`` is Draft, Pending, Released or Revoked."""

    package_id: UUID | None = None
    name: NonBlankStr
    description: str | None = None
    version: int | None = None
    status: str | None = None
    install_on_root: bool | None = None
    root_directory: str | None = None
    priority: int | None = None
    tags: list[PackageTag] | None = None
    created_utc: datetime | None = None
    modified_utc: datetime | None = None
    created_by: str | None = None
    modified_by: str | None = None
    files: list[PackageFile] | None = None


class VirtualFolder(WireModel):
    """A well-known location on a station that package folders can be installed into."""

    folder_id: UUID
    name: str
    path: str
    description: str | None = None


class PackageFolder(WireModel):
    """A folder of a package (the internal API's "SoftwareEntity" folder definition)."""

    package_folder_id: UUID | None = None
    package_id: UUID | None = None
    parent_folder_id: UUID | None = None
    name: str | None = None
    path: str | None = None
    virtual_folder_id: UUID | None = None
    description: str | None = None


class FileAttributes(WireModel):
    """Body of ``POST /api/Software/Package/FileAttribute/{fileId}``."""

    attributes: str | None = None


class FileCheck(WireModel):
    """Answer of ``GET /api/internal/Software/CheckFile``."""

    exists: bool
    file_id: UUID | None = None
    checksum_matches: bool = False
    date_matches: bool = False


class PackageDownload(WireModel):
    """A download recorded by ``GET /api/internal/Software/Log``."""

    download_id: int
    package_id: UUID
    name: str
    version: int
    client_id: int | None = None
    user: str
    download_size: int = Field(ge=0)
    date: datetime


class SoftwareEntityDetails(WireModel):
    """Answer of ``GET /api/internal/Software/GetSoftwareEntityDetails``: a package with its tree."""

    package: Package
    folders: list[PackageFolder]
    files: list[PackageFile]
    total_size: int
