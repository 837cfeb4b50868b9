"""``/api/App`` endpoints (endpoints.md §2)."""

from __future__ import annotations

from fastapi import APIRouter


def register_app_routes(router: APIRouter, *, server_version: str) -> None:
    """Add the server-metadata endpoints to ``router``."""

    @router.get("/api/App/Version", tags=["App"])
    def get_version() -> str:
        """The server version as a bare JSON string; clients also use this call as a connection test."""
        return server_version
