"""Assemble the Asset domain for one application: its stores, backends and routes."""

from __future__ import annotations

from fastapi import APIRouter

from pywats_server.content_store import ContentStore
from pywats_server.db import Database
from pywats_server.domains.asset.activity import AssetActivity
from pywats_server.domains.asset.backend import AssetBackend
from pywats_server.domains.asset.file_routes import register_asset_file_routes
from pywats_server.domains.asset.files import AssetFiles
from pywats_server.domains.asset.routes import register_asset_routes
from pywats_server.permissions import Permissions
from pywats_server.settings import ServerSettings

ASSET_FILES_DIR_NAME = "asset-files"
"""Directory in the data dir holding asset file contents, by SHA-256."""


def register_asset_domain(router: APIRouter, db: Database, settings: ServerSettings) -> None:
    """Add every Asset endpoint (public and internal Blob) to ``router``."""
    files = AssetFiles(db, ContentStore(settings.data_dir / ASSET_FILES_DIR_NAME), settings.max_upload_bytes)
    register_asset_routes(
        router, AssetBackend(db, files), AssetActivity(db, Permissions(settings.restricted_users))
    )
    register_asset_file_routes(router, files)
