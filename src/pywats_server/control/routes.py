"""HTTP endpoints of the control plane (``/_control/...``), behind the same Basic auth as the API."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter

from pywats_server.content_store import ContentStore
from pywats_server.control.faults import FaultRules, FaultSpec
from pywats_server.control.paths import CONTROL_PREFIX
from pywats_server.control.request_log import RequestLog
from pywats_server.db import Database
from pywats_server.errors import NotFound

logger = logging.getLogger(__name__)


def register_control_routes(
    router: APIRouter,
    *,
    db: Database,
    faults: FaultRules,
    requests: RequestLog,
    stores: Sequence[ContentStore] = (),
) -> None:
    """Add the control-plane endpoints to ``router``; ``stores`` are emptied by a reset too."""

    @router.post(f"{CONTROL_PREFIX}/reset", tags=["control"])
    def reset() -> dict[str, bool]:
        """Delete all domain data and uploaded files, fault rules and the request log. Users are kept."""
        db.wipe()
        files = sum(store.clear() for store in stores)
        faults.clear()
        requests.clear()
        logger.info("server state reset (%d stored files removed)", files)
        return {"reset": True}

    @router.post(f"{CONTROL_PREFIX}/faults", tags=["control"])
    async def add_fault(spec: FaultSpec) -> dict[str, str]:
        """Add a fault rule; it is tried after the existing ones. Returns its id."""
        rule = faults.add(spec)
        logger.info("fault rule %s added: %s", rule.id, rule.to_json())
        return {"id": rule.id}

    @router.get(f"{CONTROL_PREFIX}/faults", tags=["control"])
    async def list_faults() -> list[dict[str, Any]]:
        """The active rules in the order they are tried; ``count`` is the uses left (null = unlimited)."""
        return [rule.to_json() for rule in faults.snapshot()]

    @router.delete(f"{CONTROL_PREFIX}/faults", tags=["control"])
    async def clear_faults() -> dict[str, int]:
        """Remove every fault rule."""
        return {"deleted": faults.clear()}

    @router.delete(f"{CONTROL_PREFIX}/faults/{{rule_id}}", tags=["control"])
    async def delete_fault(rule_id: str) -> dict[str, int]:
        """Remove one fault rule."""
        if not faults.remove(rule_id):
            raise NotFound(f"Fault rule '{rule_id}' not found")
        return {"deleted": 1}

    @router.get(f"{CONTROL_PREFIX}/requests", tags=["control"])
    async def list_requests() -> list[dict[str, Any]]:
        """Requests received (except control-plane ones), oldest first."""
        return [record.to_json() for record in requests.snapshot()]

    @router.delete(f"{CONTROL_PREFIX}/requests", tags=["control"])
    async def clear_requests() -> dict[str, int]:
        """Forget the logged requests."""
        return {"deleted": requests.clear()}
