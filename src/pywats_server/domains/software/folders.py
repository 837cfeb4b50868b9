"""Package folders and file housekeeping of the internal API (``/api/internal/Software``).

A folder belongs to one package and may sit in another folder of it; it can name a virtual
folder (an install location on the station). Names are unique within their parent, ignoring
case. Like every content change, folder changes need the package to be a Draft. Deleting a
folder deletes what it contains.
"""

from __future__ import annotations

import uuid
from datetime import UTC

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pywats_server.content_refs import release_unreferenced
from pywats_server.content_store import ContentStore
from pywats_server.db import Database
from pywats_server.domains.software.lifecycle import check_editable
from pywats_server.domains.software.lookup import (
    ROOT_FOLDER_ID,
    folder_paths,
    folder_to_wire,
    guid,
    require_package,
)
from pywats_server.domains.software.schemas import FileCheck, PackageFolder
from pywats_server.domains.software.tables import PackageFileRow, PackageFolderRow
from pywats_server.domains.software.virtual_folders import find_virtual_folder
from pywats_server.errors import BadRequest, Conflict, NotFound

_BAD_NAME_CHARS = frozenset('/\\:*?"<>|')
_SHA1_HEX_CHARS = 40
_MD5_HEX_CHARS = 32


class PackageFolders:
    """Folders, file checks and file deletion for the packages of one server."""

    def __init__(self, db: Database, store: ContentStore) -> None:
        self.db = db
        self.store = store

    def create(self, package_id: str, folder: PackageFolder) -> PackageFolder:
        """Create a folder in a Draft package."""

        def work(session: Session) -> PackageFolder:
            package = require_package(session, package_id)
            check_editable(package.status, package.name, package.version)
            row = PackageFolderRow(folder_id=str(uuid.uuid4()), package_id=package.package_id)
            self._apply(session, row, folder, creating=True)
            session.add(row)
            session.flush()
            return folder_to_wire(row, folder_paths(session, package.package_id))

        return self.db.write(work)

    def update(self, folder: PackageFolder) -> PackageFolder:
        """Rename, move or retarget a folder (named by ``packageFolderId``) of a Draft package."""
        if folder.package_folder_id is None:
            raise BadRequest("packageFolderId is required.")

        def work(session: Session) -> PackageFolder:
            row = self._require(session, str(folder.package_folder_id))
            self._apply(session, row, folder, creating=False)
            session.flush()
            return folder_to_wire(row, folder_paths(session, row.package_id))

        return self.db.write(work)

    def delete(self, folder_id: str) -> dict[str, int]:
        """Delete a folder with everything in it."""
        target = guid(folder_id, "packageFolderId")

        def work(session: Session) -> dict[str, int]:
            row = self._require(session, target)
            folders = [row.folder_id]
            for current in folders:  # grows while walking: every descendant is visited
                folders.extend(
                    session.scalars(
                        select(PackageFolderRow.folder_id).where(PackageFolderRow.parent_folder_id == current)
                    )
                )
            files = list(session.scalars(select(PackageFileRow).where(PackageFileRow.folder_id.in_(folders))))
            for file in files:
                session.delete(file)
            session.flush()
            for folder_id in reversed(folders):  # deepest first, one by one: the database cascades too
                session.delete(session.get(PackageFolderRow, folder_id))
                session.flush()
            release_unreferenced(session, self.store, [f.sha256 for f in files], PackageFileRow.sha256)
            return {"deletedFolders": len(folders), "deletedFiles": len(files)}

        return self.db.write(work)

    def delete_files(self, file_ids: str) -> dict[str, int]:
        """Delete files by id (comma-separated); every one must exist and belong to a Draft."""
        ids = [guid(part, "packageFolderFileIds") for part in file_ids.split(",") if part.strip()]
        if not ids:
            raise BadRequest("packageFolderFileIds must name at least one file id.")

        def work(session: Session) -> dict[str, int]:
            rows = []
            for file_id in ids:
                row = session.get(PackageFileRow, file_id)
                if row is None:
                    raise NotFound(f"Package file '{file_id}' not found.")
                package = require_package(session, row.package_id)
                check_editable(package.status, package.name, package.version)
                rows.append(row)
            for row in rows:
                session.delete(row)
            session.flush()
            release_unreferenced(session, self.store, [r.sha256 for r in rows], PackageFileRow.sha256)
            return {"deletedFiles": len(rows)}

        return self.db.write(work)

    def check_file(
        self, package_id: str, parent_folder_id: str, file_path: str, checksum: str, file_date_epoch: int
    ) -> FileCheck:
        """Whether the package already holds this file (same place and content), to skip an upload."""
        folder_id = guid(parent_folder_id, "parentFolderId")
        expected = checksum.strip().lower()
        if len(expected) not in (_SHA1_HEX_CHARS, _MD5_HEX_CHARS):
            raise BadRequest("checksum must be the file's SHA-1 (40 hex digits) or MD5 (32 hex digits).")

        def work(session: Session) -> FileCheck:
            package = require_package(session, package_id)
            paths = folder_paths(session, package.package_id)
            base = "" if folder_id == ROOT_FOLDER_ID else paths.get(folder_id)
            if base is None:
                raise NotFound(f"Folder '{parent_folder_id}' is not a folder of package '{package_id}'.")
            wanted = "/".join(p for p in (base, file_path.replace("\\", "/").strip("/")) if p).casefold()
            for row in session.scalars(
                select(PackageFileRow).where(PackageFileRow.package_id == package.package_id)
            ):
                folder = paths.get(row.folder_id, "")
                if (f"{folder}/{row.filename}" if folder else row.filename).casefold() != wanted:
                    continue
                stored = row.checksum if len(expected) == _SHA1_HEX_CHARS else row.md5
                moment = row.file_date.replace(tzinfo=UTC)
                return FileCheck(
                    exists=stored == expected,
                    file_id=uuid.UUID(row.file_id),
                    checksum_matches=stored == expected,
                    date_matches=int(moment.timestamp()) == file_date_epoch,
                )
            return FileCheck(exists=False)

        return self.db.read(work)

    def _require(self, session: Session, folder_id: str) -> PackageFolderRow:
        row = session.get(PackageFolderRow, folder_id.lower())
        if row is None:
            raise NotFound(f"Package folder '{folder_id}' not found.")
        package = require_package(session, row.package_id)
        check_editable(package.status, package.name, package.version)
        return row

    def _apply(
        self, session: Session, row: PackageFolderRow, folder: PackageFolder, *, creating: bool
    ) -> None:
        sent = folder.model_fields_set
        if creating or "name" in sent:
            name = (folder.name or "").strip()
            if not name or name in (".", "..") or set(name) & _BAD_NAME_CHARS:
                raise BadRequest(f"name must be a plain folder name, got {folder.name!r}.")
            row.name = name
        if creating or "parent_folder_id" in sent:
            parent = folder.parent_folder_id
            parent_id = None if parent is None or str(parent) == ROOT_FOLDER_ID else str(parent)
            ancestor = parent_id
            while ancestor is not None:
                found = session.get(PackageFolderRow, ancestor)
                if found is None or found.package_id != row.package_id:
                    raise BadRequest(f"parentFolderId '{parent}' is not a folder of this package.")
                if found.folder_id == row.folder_id:
                    raise BadRequest("A folder cannot be inside itself.")
                ancestor = found.parent_folder_id
            row.parent_folder_id = parent_id
        if "virtual_folder_id" in sent:
            target = folder.virtual_folder_id
            if target is not None and find_virtual_folder(target) is None:
                raise BadRequest(f"virtualFolderId '{target}' is not a virtual folder of this server.")
            row.virtual_folder_id = None if target is None else str(target)
        if "description" in sent:
            row.description = folder.description
        clash = session.scalar(
            select(PackageFolderRow.folder_id).where(
                PackageFolderRow.package_id == row.package_id,
                PackageFolderRow.folder_id != row.folder_id,
                PackageFolderRow.parent_folder_id.is_(None)
                if row.parent_folder_id is None
                else PackageFolderRow.parent_folder_id == row.parent_folder_id,
                func.lower(PackageFolderRow.name) == row.name.lower(),
            )
        )
        if clash is not None:
            raise Conflict(f"The folder already holds a folder named '{row.name}'.")
