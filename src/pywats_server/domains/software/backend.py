"""Packages: versions, metadata, tags and the lifecycle, independent of HTTP.

Creating a package with a name that exists makes the next version of it (a new Draft). Only
a Draft can be changed; the status moves by :mod:`.lifecycle`'s rules. Files and folders are
in :mod:`.content`, the questions stations ask in :mod:`.distribution`.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pywats_server.content_refs import release_unreferenced
from pywats_server.content_store import ContentStore
from pywats_server.db import Database
from pywats_server.domains.software.lifecycle import (
    DRAFT,
    check_deletable,
    check_editable,
    check_transition,
    parse_status,
)
from pywats_server.domains.software.lookup import carries_tag, package_to_wire, require_package, stamp
from pywats_server.domains.software.schemas import Package, PackageTag
from pywats_server.domains.software.tables import PackageFileRow, PackageRow
from pywats_server.errors import BadRequest, NotFound

logger = logging.getLogger(__name__)

# Members of Package a client may set; the rest are the server's.
_EDITABLE = ("description", "install_on_root", "root_directory", "priority")


class PackageBackend:
    """The packages of one server."""

    def __init__(self, db: Database, store: ContentStore) -> None:
        self.db = db
        self.store = store

    def list_packages(self) -> list[Package]:
        """Every version of every package, by name and version."""

        def work(session: Session) -> list[Package]:
            rows = session.scalars(select(PackageRow).order_by(PackageRow.name, PackageRow.version))
            return [package_to_wire(session, row) for row in rows]

        return self.db.read(work)

    def get_package(self, package_id: str) -> Package:
        """One package version with its files."""
        return self.db.read(
            lambda session: package_to_wire(session, require_package(session, package_id), with_files=True)
        )

    def get_by_name(self, name: str, status: str | None, version: int | None) -> Package:
        """The newest version of ``name`` (with ``status``, if given), or exactly ``version``."""
        wanted = None if status is None else parse_status(status)

        def work(session: Session) -> Package:
            query = select(PackageRow).where(func.lower(PackageRow.name) == name.lower())
            if wanted is not None:
                query = query.where(PackageRow.status == wanted)
            if version is not None:
                query = query.where(PackageRow.version == version)
            row = session.scalars(query.order_by(PackageRow.version.desc()).limit(1)).first()
            if row is None:
                detail = "".join(
                    [
                        f" version {version}" if version is not None else "",
                        f" with status {wanted}" if wanted else "",
                    ]
                )
                raise NotFound(f"Package '{name}'{detail} not found.")
            return package_to_wire(session, row, with_files=True)

        return self.db.read(work)

    def by_tag(self, tag: str, value: str, status: str | None) -> list[Package]:
        """The package versions having tag ``tag`` = ``value`` (values compared ignoring case)."""
        wanted = None if status is None else parse_status(status)

        def work(session: Session) -> list[Package]:
            rows = session.scalars(select(PackageRow).order_by(PackageRow.name, PackageRow.version))
            return [
                package_to_wire(session, row)
                for row in rows
                if (wanted is None or row.status == wanted) and carries_tag(row, tag, value)
            ]

        return self.db.read(work)

    def create(self, package: Package, user: str) -> Package:
        """A new Draft: version 1 of a new name, or the next version of an existing one."""
        if package.status is not None and parse_status(package.status) != DRAFT:
            raise BadRequest("A package starts as Draft; change its status with PackageStatus afterwards.")

        def work(session: Session) -> Package:
            previous = session.scalars(
                select(PackageRow)
                .where(func.lower(PackageRow.name) == package.name.strip().lower())
                .order_by(PackageRow.version.desc())
                .limit(1)
            ).first()
            now = stamp()
            row = PackageRow(
                package_id=str(uuid.uuid4()),
                name=previous.name if previous else package.name.strip(),  # one spelling per name
                version=previous.version + 1 if previous else 1,
                status=DRAFT,
                install_on_root=False,
                tags=_tags(package.tags or []),
                created_utc=now,
                modified_utc=now,
                created_by=user,
                modified_by=user,
            )
            _apply(row, package)
            session.add(row)
            session.flush()
            return package_to_wire(session, row, with_files=True)

        created = self.db.write(work)
        logger.info("created package %s version %s", created.name, created.version)
        return created

    def update(self, package_id: str, package: Package, user: str) -> Package:
        """Change a Draft's metadata and tags (name, version and status are not changed here)."""

        def work(session: Session) -> Package:
            row = require_package(session, package_id)
            if package.name.strip().casefold() != row.name.casefold():
                raise BadRequest("A package's name cannot change; create a package with the new name.")
            if package.version is not None and package.version != row.version:
                raise BadRequest("A package's version cannot change; create the next version instead.")
            if package.status is not None and parse_status(package.status) != row.status:
                raise BadRequest("Change a package's status with POST /api/Software/PackageStatus/{id}.")
            check_editable(row.status, row.name, row.version)
            _apply(row, package)
            if package.tags is not None:
                row.tags = _tags(package.tags)
            row.modified_utc, row.modified_by = stamp(), user
            return package_to_wire(session, row, with_files=True)

        return self.db.write(work)

    def set_status(self, package_id: str, status: str, user: str) -> Package:
        """Move a package through the lifecycle."""
        wanted = parse_status(status)

        def work(session: Session) -> Package:
            row = require_package(session, package_id)
            check_transition(row.status, wanted)
            if wanted != row.status:
                logger.info("package %s version %s: %s → %s", row.name, row.version, row.status, wanted)
                row.status, row.modified_utc, row.modified_by = wanted, stamp(), user
            return package_to_wire(session, row)

        return self.db.write(work)

    def delete(self, package_id: str) -> None:
        """Delete a package version that is not Released, with its files."""

        def work(session: Session) -> None:
            self._delete_rows(session, [require_package(session, package_id)])

        self.db.write(work)

    def delete_by_name(self, name: str, version: int | None) -> int:
        """Delete one version of ``name``, or all of them (none if any is Released); returns how many."""

        def work(session: Session) -> int:
            query = select(PackageRow).where(func.lower(PackageRow.name) == name.lower())
            if version is not None:
                query = query.where(PackageRow.version == version)
            rows = list(session.scalars(query))
            if not rows:
                raise NotFound(
                    f"Package '{name}'{'' if version is None else f' version {version}'} not found."
                )
            self._delete_rows(session, rows)
            return len(rows)

        return self.db.write(work)

    def _delete_rows(self, session: Session, rows: Sequence[PackageRow]) -> None:
        for row in rows:
            check_deletable(row.status, row.name, row.version)
        hashes: list[str] = []
        for row in rows:
            files = session.scalars(select(PackageFileRow).where(PackageFileRow.package_id == row.package_id))
            for file in files:
                hashes.append(file.sha256)
                session.delete(file)
            session.flush()
            session.delete(row)
        session.flush()
        release_unreferenced(session, self.store, hashes, PackageFileRow.sha256)


def _apply(row: PackageRow, package: Package) -> None:
    for name in _EDITABLE:
        if name in package.model_fields_set:
            value = getattr(package, name)
            setattr(row, name, bool(value) if name == "install_on_root" else value)


def _tags(tags: Sequence[PackageTag]) -> list[dict[str, str | None]]:
    return [{"key": tag.key, "value": tag.value} for tag in tags]
