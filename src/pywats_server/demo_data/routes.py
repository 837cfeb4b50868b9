"""``POST /_control/seed``: put the demo factory and its report history on the server (tests, benchmarks)."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter
from pydantic import Field
from starlette.concurrency import run_in_threadpool

from pywats_server.control.paths import CONTROL_PREFIX
from pywats_server.db import Database
from pywats_server.demo_data import DEFAULT_STEPS, DemoSettings, seed_demo_data
from pywats_server.domains.wire import WireModel

__all__ = ["SeedRequest", "register_seed_route"]

MAX_UNITS = 200_000
MAX_DAYS = 3650
MIN_STEPS, MAX_STEPS = 8, 500


class SeedRequest(WireModel):
    """What to generate; ``end`` (default now) pins the history in time, so equal requests give equal data."""

    seed: int = 1
    units: int = Field(default=200, ge=1, le=MAX_UNITS)
    days: int = Field(default=60, ge=1, le=MAX_DAYS)
    end: datetime | None = None
    steps: int = Field(default=DEFAULT_STEPS, ge=MIN_STEPS, le=MAX_STEPS)


def register_seed_route(router: APIRouter, db: Database) -> None:
    """Add ``POST /_control/seed`` to ``router``."""

    @router.post(f"{CONTROL_PREFIX}/seed", tags=["control"])
    async def seed(request: SeedRequest | None = None) -> dict[str, object]:
        """Store the demo products, groups, levels and ``units`` units' reports; answers what was stored.

        Seeding again with the same request (and ``end``) replaces the same reports instead of adding more.
        """
        body = request or SeedRequest()
        settings = DemoSettings(body.seed, body.units, body.days, body.end, body.steps)
        summary = await run_in_threadpool(seed_demo_data, db, settings)
        return summary.to_json()
