"""What stations ask (internal API): which packages to get, which to remove, what was downloaded.

* History by tags: the packages carrying every listed tag (``key=value``, or ``key`` for any
  value), newest version per name unless every version is asked for.
* Available: for each installed package, the newest *Released* version of the same name if it
  is newer than the installed one.
* Revoked: the installed package ids whose version is Revoked; unless only revoked ones are
  asked for, also ids the server no longer knows (deleted packages a station should remove).
* Downloads are logged per package, with the station's client id when it gives one.
"""

from __future__ import annotations

from datetime import UTC

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pywats_server.db import Database
from pywats_server.domains.software.lifecycle import RELEASED, REVOKED, status_from_number
from pywats_server.domains.software.lookup import (
    carries_tag,
    folder_paths,
    folder_to_wire,
    guid,
    package_files,
    package_to_wire,
    require_package,
    stamp,
)
from pywats_server.domains.software.schemas import Package, PackageDownload, SoftwareEntityDetails
from pywats_server.domains.software.tables import DownloadRow, PackageFolderRow, PackageRow
from pywats_server.errors import BadRequest


def parse_ids(text: str, member: str) -> list[str]:
    """A comma-separated list of GUIDs."""
    return [guid(part, member) for part in text.split(",") if part.strip()]


class Distribution:
    """The station-facing questions about the packages of one server."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def history(self, tags: str, status: int | None, all_versions: bool) -> list[Package]:
        """Packages carrying all of ``tags`` (comma-separated ``key=value`` or ``key``)."""
        wanted_tags = [_tag(item) for item in tags.split(",") if item.strip()]
        if not wanted_tags:
            raise BadRequest("tags must name at least one tag (key=value, comma-separated).")
        wanted_status = None if status is None else status_from_number(status)

        def work(session: Session) -> list[Package]:
            rows = session.scalars(select(PackageRow).order_by(PackageRow.name, PackageRow.version.desc()))
            found: list[Package] = []
            names: set[str] = set()
            for row in rows:
                if wanted_status is not None and row.status != wanted_status:
                    continue
                if not all(carries_tag(row, key, value) for key, value in wanted_tags):
                    continue
                if not all_versions and row.name.casefold() in names:
                    continue
                names.add(row.name.casefold())
                found.append(package_to_wire(session, row))
            return found

        return self.db.read(work)

    def available(self, installed: str) -> list[Package]:
        """Newer Released versions of the installed packages."""
        ids = parse_ids(installed, "installedPackages")

        def work(session: Session) -> list[Package]:
            found: dict[str, Package] = {}
            for package_id in ids:
                row = session.get(PackageRow, package_id)
                if row is None:
                    continue
                newest = session.scalars(
                    select(PackageRow)
                    .where(func.lower(PackageRow.name) == row.name.lower(), PackageRow.status == RELEASED)
                    .order_by(PackageRow.version.desc())
                    .limit(1)
                ).first()
                if newest is not None and newest.version > row.version:
                    found[newest.package_id] = package_to_wire(session, newest, with_files=True)
            return list(found.values())

        return self.db.read(work)

    def revoked(self, installed: str, revoked_only: bool) -> list[str]:
        """The installed ids a station should remove."""
        ids = parse_ids(installed, "installedPackages")

        def work(session: Session) -> list[str]:
            remove = []
            for package_id in ids:
                row = session.get(PackageRow, package_id)
                if (row is not None and row.status == REVOKED) or (row is None and not revoked_only):
                    remove.append(package_id)
            return remove

        return self.db.read(work)

    def details(self, package_id: str) -> SoftwareEntityDetails:
        """A package with its folder tree and files."""

        def work(session: Session) -> SoftwareEntityDetails:
            row = require_package(session, package_id)
            paths = folder_paths(session, row.package_id)
            folders = session.scalars(
                select(PackageFolderRow).where(PackageFolderRow.package_id == row.package_id)
            )
            files = package_files(session, row.package_id)
            return SoftwareEntityDetails(
                package=package_to_wire(session, row),
                folders=sorted(
                    (folder_to_wire(f, paths) for f in folders), key=lambda f: (f.path or "").casefold()
                ),
                files=files,
                total_size=sum(f.size or 0 for f in files),
            )

        return self.db.read(work)

    def log_download(
        self, package_id: str, download_size: int, client_id: int | None, user: str
    ) -> PackageDownload:
        """Record that a station downloaded a package."""
        if download_size < 0:
            raise BadRequest("downloadSize must not be negative.")

        def work(session: Session) -> PackageDownload:
            package = require_package(session, package_id)
            row = DownloadRow(
                package_id=package.package_id,
                name=package.name,
                version=package.version,
                client_id=client_id,
                user=user,
                download_size=download_size,
                date=stamp(),
            )
            session.add(row)
            session.flush()
            return _download_to_wire(row)

        return self.db.write(work)

    def download_history(self, client_id: int) -> list[PackageDownload]:
        """The downloads a station (client id) reported, oldest first."""

        def work(session: Session) -> list[PackageDownload]:
            rows = session.scalars(
                select(DownloadRow)
                .where(DownloadRow.client_id == client_id)
                .order_by(DownloadRow.download_id)
            )
            return [_download_to_wire(row) for row in rows]

        return self.db.read(work)


def _tag(item: str) -> tuple[str, str | None]:
    key, sep, value = item.partition("=")
    if not key.strip():
        raise BadRequest(f"Each tag must be key=value or key, got {item!r}.")
    return key.strip(), value.strip() if sep else None


def _download_to_wire(row: DownloadRow) -> PackageDownload:
    return PackageDownload(
        download_id=row.download_id,
        package_id=row.package_id,
        name=row.name,
        version=row.version,
        client_id=row.client_id,
        user=row.user,
        download_size=row.download_size,
        date=row.date.replace(tzinfo=UTC),
    )
