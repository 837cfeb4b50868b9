"""What a package contains: folders and files, filled from an uploaded zip, read back as one.

An upload is received into a temporary file (streamed, never whole in memory), checked as a
whole by :mod:`.zips`, and its entries' contents stored on disk by SHA-256; then one write
transaction creates the folders and file rows. With ``cleanInstall`` the package's previous
folders and files go first; otherwise entries replace files of the same path (ignoring case)
and add the rest. Only a Draft's content can change.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import uuid
import zipfile
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from pywats_server.content_refs import release_unreferenced, sweep_when_unreferenced
from pywats_server.content_store import ContentStore, ContentTooLarge, StoredContent
from pywats_server.db import Database
from pywats_server.domains.software.lifecycle import check_editable
from pywats_server.domains.software.lookup import (
    file_to_wire,
    folder_paths,
    package_files,
    require_package,
    stamp,
)
from pywats_server.domains.software.schemas import PackageFile
from pywats_server.domains.software.tables import PackageFileRow, PackageFolderRow
from pywats_server.domains.software.zips import ZipLimits, ZipMember, read_member, safe_members, write_zip
from pywats_server.errors import BadRequest, Conflict, NotFound, WatsHTTPError

logger = logging.getLogger(__name__)

_INCOMING_ZIP_PREFIX = ".incoming-zip-"


class PayloadTooLarge(WatsHTTPError):
    """413: the body is larger than the server accepts."""

    status_code = 413


@dataclass(frozen=True)
class _Unpacked:
    """One zip entry stored on disk, with the hashes stations compare."""

    member: ZipMember
    stored: StoredContent
    sha1: str
    md5: str


class PackageContent:
    """Folders and files of the packages of one server."""

    def __init__(self, db: Database, store: ContentStore, max_upload_bytes: int) -> None:
        self.db = db
        self.store = store
        self.max_upload_bytes = max_upload_bytes
        self.limits = ZipLimits(max_unpacked_bytes=4 * max_upload_bytes)

    # -- files ---------------------------------------------------------------------------------

    def list_files(self, package_id: str) -> list[PackageFile]:
        """The files of a package, by path."""
        return self.db.read(
            lambda session: package_files(session, require_package(session, package_id).package_id)
        )

    def get_file(self, file_id: str) -> PackageFile:
        """One file's metadata, with its package and folder."""

        def work(session: Session) -> PackageFile:
            row = session.get(PackageFileRow, file_id.lower())
            if row is None:
                raise NotFound(f"Package file '{file_id}' not found.")
            return file_to_wire(row, folder_paths(session, row.package_id))

        return self.db.read(work)

    def set_attributes(self, file_id: str, attributes: str | None) -> PackageFile:
        """Set the attribute text of a file of a Draft."""

        def work(session: Session) -> PackageFile:
            row = session.get(PackageFileRow, file_id.lower())
            if row is None:
                raise NotFound(f"Package file '{file_id}' not found.")
            package = require_package(session, row.package_id)
            check_editable(package.status, package.name, package.version)
            row.attributes, row.modified_utc = attributes, stamp()
            return file_to_wire(row, folder_paths(session, row.package_id))

        return self.db.write(work)

    # -- zip upload ----------------------------------------------------------------------------

    def check_upload(self, package_id: str, declared_size: int | None) -> None:
        """Refuse an upload before its body is read: unknown package, not a Draft, too large."""

        def work(session: Session) -> None:
            row = require_package(session, package_id)
            check_editable(row.status, row.name, row.version)

        self.db.read(work)
        if declared_size is not None and declared_size > self.max_upload_bytes:
            raise PayloadTooLarge(
                f"The zip is larger than the server accepts ({self.max_upload_bytes} bytes)."
            )

    async def upload_zip(
        self, package_id: str, chunks: AsyncIterator[bytes], *, clean_install: bool, user: str
    ) -> list[PackageFile]:
        """Unpack the streamed zip into the package; returns the package's files afterwards."""
        self.store.root.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(prefix=_INCOMING_ZIP_PREFIX, dir=self.store.root) as received:
            size = 0
            async for chunk in chunks:
                size += len(chunk)
                if size > self.max_upload_bytes:
                    raise PayloadTooLarge(
                        f"The zip is larger than the server accepts ({self.max_upload_bytes} bytes)."
                    )
                await run_in_threadpool(received.write, chunk)
            received.flush()
            files = await run_in_threadpool(
                self._unpack_into, package_id, Path(received.name), clean_install, user
            )
        logger.info("package %s: zip of %d bytes unpacked, %d files now", package_id, size, len(files))
        return files

    def _unpack_into(
        self, package_id: str, zip_path: Path, clean_install: bool, user: str
    ) -> list[PackageFile]:
        try:
            archive = zipfile.ZipFile(zip_path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise BadRequest(f"The body is not a valid zip file: {exc}") from None
        unpacked: list[_Unpacked] = []
        try:
            with archive:
                members, directories = safe_members(archive, self.limits)
                for member in members:
                    unpacked.append(self._store_member(archive, member))

            def work(session: Session) -> list[PackageFile]:
                return self._attach(session, package_id, unpacked, directories, clean_install, user)

            return self.db.write(work)
        except BaseException:
            # Nothing was attached: forget the contents stored for this upload (unless named elsewhere).
            self.db.write(
                lambda session: release_unreferenced(
                    session, self.store, [u.stored.sha256 for u in unpacked], PackageFileRow.sha256
                )
            )
            raise

    def _store_member(self, archive: zipfile.ZipFile, member: ZipMember) -> _Unpacked:
        sha1, md5 = hashlib.sha1(), hashlib.md5()  # what stations compare; not used for security

        def hashed() -> Iterator[bytes]:
            for chunk in read_member(archive, member):
                sha1.update(chunk)
                md5.update(chunk)
                yield chunk

        try:
            stored = self.store.put_chunks(hashed(), max_bytes=self.limits.max_unpacked_bytes)
        except ContentTooLarge:
            raise BadRequest(f"The zip entry {member.info.filename!r} is too large.") from None
        except zipfile.BadZipFile as exc:
            raise BadRequest(f"The zip entry {member.info.filename!r} cannot be read: {exc}") from None
        return _Unpacked(member, stored, sha1.hexdigest(), md5.hexdigest())

    def _attach(
        self,
        session: Session,
        package_id: str,
        unpacked: list[_Unpacked],
        directories: list[tuple[str, ...]],
        clean_install: bool,
        user: str,
    ) -> list[PackageFile]:
        package = require_package(session, package_id)
        check_editable(package.status, package.name, package.version)
        released: list[str] = []
        if clean_install:
            for old in session.scalars(
                select(PackageFileRow).where(PackageFileRow.package_id == package.package_id)
            ):
                released.append(old.sha256)
                session.delete(old)
            session.flush()
            # One statement for the whole tree: parents and children go together.
            session.execute(delete(PackageFolderRow).where(PackageFolderRow.package_id == package.package_id))
        keep = {entry.stored.sha256 for entry in unpacked}
        sweep_when_unreferenced(session, self.store, PackageFileRow.sha256, keep=keep)
        folders = _FolderMaker(session, package.package_id)
        for parts in directories:
            folders.folder_for(parts)
        now = stamp()
        for entry in unpacked:
            if not self.store.exists(entry.stored.sha256):
                raise Conflict("A file of the zip was removed while it was unpacked; send the zip again.")
            folder_id = folders.folder_for(entry.member.parts[:-1])
            name = entry.member.parts[-1]
            row = session.scalar(
                select(PackageFileRow).where(
                    PackageFileRow.package_id == package.package_id,
                    PackageFileRow.folder_id.is_(None)
                    if folder_id is None
                    else PackageFileRow.folder_id == folder_id,
                    func.lower(PackageFileRow.filename) == name.lower(),
                )
            )
            if row is None:
                row = PackageFileRow(
                    file_id=str(uuid.uuid4()),
                    package_id=package.package_id,
                    folder_id=folder_id,
                    created_utc=now,
                )
                session.add(row)
            elif row.sha256 != entry.stored.sha256:
                released.append(row.sha256)
            row.filename, row.size, row.sha256 = name, entry.stored.size, entry.stored.sha256
            row.checksum, row.md5, row.file_date, row.modified_utc = (
                entry.sha1,
                entry.md5,
                entry.member.modified,
                now,
            )
        package.modified_utc, package.modified_by = now, user
        session.flush()
        release_unreferenced(session, self.store, released, PackageFileRow.sha256)
        return package_files(session, package.package_id)

    # -- zip download --------------------------------------------------------------------------

    def build_zip(self, package_id: str) -> Path:
        """A temporary zip of the package's files; the caller deletes it once sent."""

        def work(session: Session) -> list[tuple[str, Path, datetime]]:
            package = require_package(session, package_id)
            paths = folder_paths(session, package.package_id)
            rows = session.scalars(
                select(PackageFileRow).where(PackageFileRow.package_id == package.package_id)
            )
            entries = [
                (file_to_wire(row, paths).path or row.filename, self.store.path(row.sha256), row.file_date)
                for row in rows
            ]
            return sorted(entries, key=lambda entry: entry[0].casefold())

        entries = self.db.read(work)
        descriptor, name = tempfile.mkstemp(prefix="pywats-package-", suffix=".zip")
        try:
            with os.fdopen(descriptor, "wb") as handle:
                write_zip(handle, entries)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise
        return Path(name)


class _FolderMaker:
    """Finds or creates the folder chain of a path inside one package (names compared ignoring case)."""

    def __init__(self, session: Session, package_id: str) -> None:
        self.session = session
        self.package_id = package_id
        self.known: dict[tuple[str, ...], str] = {}

    def folder_for(self, parts: tuple[str, ...]) -> str | None:
        parent: str | None = None
        for depth in range(1, len(parts) + 1):
            key = tuple(part.casefold() for part in parts[:depth])
            if key not in self.known:
                name = parts[depth - 1]
                row = self.session.scalar(
                    select(PackageFolderRow).where(
                        PackageFolderRow.package_id == self.package_id,
                        PackageFolderRow.parent_folder_id.is_(None)
                        if parent is None
                        else PackageFolderRow.parent_folder_id == parent,
                        func.lower(PackageFolderRow.name) == name.lower(),
                    )
                )
                if row is None:
                    row = PackageFolderRow(
                        folder_id=str(uuid.uuid4()),
                        package_id=self.package_id,
                        parent_folder_id=parent,
                        name=name,
                    )
                    self.session.add(row)
                    self.session.flush()
                self.known[key] = row.folder_id
            parent = self.known[key]
        return parent
