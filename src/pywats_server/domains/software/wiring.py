"""Assemble the Software domain for one application: its store, backends and routes."""

from __future__ import annotations

from fastapi import APIRouter

from pywats_server.content_store import ContentStore
from pywats_server.db import Database
from pywats_server.domains.software.backend import PackageBackend
from pywats_server.domains.software.content import PackageContent
from pywats_server.domains.software.distribution import Distribution
from pywats_server.domains.software.folders import PackageFolders
from pywats_server.domains.software.internal_routes import register_software_internal_routes
from pywats_server.domains.software.routes import register_software_routes
from pywats_server.settings import ServerSettings

SOFTWARE_FILES_DIR_NAME = "software-files"
"""Directory in the data dir holding package file contents, by SHA-256."""


def register_software_domain(router: APIRouter, db: Database, settings: ServerSettings) -> None:
    """Add every Software endpoint (public and internal) to ``router``."""
    store = ContentStore(settings.data_dir / SOFTWARE_FILES_DIR_NAME)
    content = PackageContent(db, store, settings.max_upload_bytes)
    register_software_routes(router, PackageBackend(db, store), content)
    register_software_internal_routes(router, content, PackageFolders(db, store), Distribution(db))
