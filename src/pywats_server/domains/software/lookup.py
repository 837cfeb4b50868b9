"""Finding packages, folders and files, and showing them in their wire shapes."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from pywats_server.domains.software.schemas import Package, PackageFile, PackageFolder, PackageTag
from pywats_server.domains.software.tables import PackageFileRow, PackageFolderRow, PackageRow
from pywats_server.errors import BadRequest, NotFound

ROOT_FOLDER_ID = "00000000-0000-0000-0000-000000000000"
"""How the internal API names a package's root folder."""


def stamp() -> datetime:
    """The current time as stored: naive UTC."""
    return datetime.now(UTC).replace(tzinfo=None)


def aware(moment: datetime | None) -> datetime | None:
    """A stored (naive UTC) time made aware."""
    return None if moment is None else moment.replace(tzinfo=UTC)


def guid(text: str | None, member: str) -> str:
    """``text`` as a canonical GUID string, or 400 naming ``member``."""
    try:
        return str(uuid.UUID(str(text).strip()))
    except ValueError:
        raise BadRequest(f"{member} must be a GUID, got {text!r}.") from None


def require_package(session: Session, package_id: str) -> PackageRow:
    """The package with this id, or 404."""
    row = session.get(PackageRow, package_id.lower())
    if row is None:
        raise NotFound(f"Package '{package_id}' not found.")
    return row


def folder_paths(session: Session, package_id: str) -> dict[str | None, str]:
    """Folder id → its path inside the package (``""`` for the root, key None)."""
    rows = {
        row.folder_id: row
        for row in session.scalars(select(PackageFolderRow).where(PackageFolderRow.package_id == package_id))
    }
    paths: dict[str | None, str] = {None: ""}

    def path_of(folder_id: str) -> str:
        if folder_id not in paths:
            row = rows[folder_id]
            parent = "" if row.parent_folder_id is None else path_of(row.parent_folder_id)
            paths[folder_id] = f"{parent}/{row.name}" if parent else row.name
        return paths[folder_id]

    for folder_id in rows:
        path_of(folder_id)
    return paths


def file_to_wire(row: PackageFileRow, paths: dict[str | None, str]) -> PackageFile:
    """A package file as the API shows it."""
    folder = paths.get(row.folder_id, "")
    return PackageFile(
        file_id=uuid.UUID(row.file_id),
        filename=row.filename,
        path=f"{folder}/{row.filename}" if folder else row.filename,
        size=row.size,
        checksum=row.checksum,
        created_utc=aware(row.created_utc),
        modified_utc=aware(row.modified_utc),
        attributes=row.attributes,
        package_id=uuid.UUID(row.package_id),
        parent_folder_id=uuid.UUID(row.folder_id) if row.folder_id else None,
    )


def package_files(session: Session, package_id: str) -> list[PackageFile]:
    """The files of a package, by path."""
    paths = folder_paths(session, package_id)
    rows = session.scalars(select(PackageFileRow).where(PackageFileRow.package_id == package_id))
    return sorted((file_to_wire(row, paths) for row in rows), key=lambda f: (f.path or "").casefold())


def folder_to_wire(row: PackageFolderRow, paths: dict[str | None, str]) -> PackageFolder:
    """A package folder as the internal API shows it."""
    return PackageFolder(
        package_folder_id=uuid.UUID(row.folder_id),
        package_id=uuid.UUID(row.package_id),
        parent_folder_id=uuid.UUID(row.parent_folder_id) if row.parent_folder_id else None,
        name=row.name,
        path=paths.get(row.folder_id, row.name),
        virtual_folder_id=uuid.UUID(row.virtual_folder_id) if row.virtual_folder_id else None,
        description=row.description,
    )


def package_to_wire(session: Session, row: PackageRow, *, with_files: bool = False) -> Package:
    """A package as the API shows it; with its files when asked."""
    return Package(
        package_id=uuid.UUID(row.package_id),
        name=row.name,
        description=row.description,
        version=row.version,
        status=row.status,
        install_on_root=row.install_on_root,
        root_directory=row.root_directory,
        priority=row.priority,
        tags=[PackageTag(key=t["key"], value=t.get("value")) for t in row.tags or []],
        created_utc=aware(row.created_utc),
        modified_utc=aware(row.modified_utc),
        created_by=row.created_by,
        modified_by=row.modified_by,
        files=package_files(session, row.package_id) if with_files else None,
    )


def carries_tag(row: PackageRow, key: str, value: str | None) -> bool:
    """Whether a package has tag ``key`` (with ``value``, unless None); compared ignoring case."""
    return any(
        str(tag.get("key", "")).casefold() == key.casefold()
        and (value is None or str(tag.get("value") or "").casefold() == value.casefold())
        for tag in row.tags or []
    )
