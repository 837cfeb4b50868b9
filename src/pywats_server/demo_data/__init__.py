"""Demo data: a seeded, deterministic history of a small electronics factory.

:func:`seed_demo_data` puts the factory's products, product groups and levels on a server and stores months
of test and repair reports for them (see :mod:`.generator` for the story). The same settings always give the
same reports (ids included), so seeding twice replaces instead of duplicating. Used by
``pywats-server --demo``
and the control plane's ``POST /_control/seed``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from pywats_server.db import Database
from pywats_server.demo_data.catalog import PRODUCTS
from pywats_server.demo_data.generator import DEFAULT_STEPS, DemoSettings, generate_reports
from pywats_server.demo_data.store import store_reports
from pywats_server.domains.analytics.levels import LevelBackend
from pywats_server.domains.process.backend import ProcessBackend
from pywats_server.domains.product.backend import ProductBackend
from pywats_server.domains.product.schemas import Product, ProductGroup, ProductRevision, Setting
from pywats_server.domains.report.tables import ReportRow

__all__ = [
    "DEFAULT_STEPS",
    "DEMO_DAYS",
    "DEMO_UNITS",
    "DemoSettings",
    "SeedSummary",
    "generate_reports",
    "seed_demo_data",
    "seed_if_empty",
]

logger = logging.getLogger(__name__)

DEMO_UNITS = 600
DEMO_DAYS = 90
"""What ``pywats-server --demo`` seeds: three months of a 600-unit history (about 1,100 reports)."""
GROUP_FILTERS = {"Boards": "PCBA-%", "Modules": "MOD-%", "Systems": "SYS-%"}


@dataclass(frozen=True)
class SeedSummary:
    """What :func:`seed_demo_data` stored."""

    seed: int
    units: int
    reports: int
    uut_reports: int
    uur_reports: int
    date_from: datetime
    date_to: datetime

    def to_json(self) -> dict[str, object]:
        """The summary as the control plane answers it."""
        return {
            "seed": self.seed,
            "units": self.units,
            "reports": self.reports,
            "uutReports": self.uut_reports,
            "uurReports": self.uur_reports,
            "dateFrom": self.date_from.isoformat() + "Z",
            "dateTo": self.date_to.isoformat() + "Z",
        }


def seed_catalog(db: Database) -> None:
    """The demo factory's products (revisions, ``Level`` tags), product groups, processes and levels."""
    ProcessBackend(db).ensure_defaults()
    LevelBackend(db).ensure_defaults()
    products = ProductBackend(db)
    for item in PRODUCTS:
        products.put_product(
            Product(
                part_number=item.part_number, name=item.name, tags=[Setting(key="Level", value=item.level)]
            )
        )
        for revision in item.revisions:
            products.put_revision(
                ProductRevision(
                    part_number=item.part_number, revision=revision, name=f"{item.name} rev {revision}"
                )
            )
    known = {group.product_group_name for group in products.get_groups()}
    for name, pattern in GROUP_FILTERS.items():
        if name not in known:
            products.put_group(ProductGroup(product_group_name=name, filter=pattern))


def seed_demo_data(db: Database, settings: DemoSettings, *, validate: bool = True) -> SeedSummary:
    """Store the demo factory and its report history described by ``settings``."""
    seed_catalog(db)
    end = settings.resolved_end()
    pinned = DemoSettings(settings.seed, settings.units, settings.days, end, settings.steps)
    counts = {"T": 0, "R": 0}

    def counted() -> Iterator[dict[str, Any]]:
        for document in generate_reports(pinned):
            counts[document["type"]] += 1
            yield document

    stored = store_reports(db, counted(), validate=validate)
    logger.info("seeded demo data: %d units, %d reports (seed %d)", settings.units, stored, settings.seed)
    return SeedSummary(
        seed=settings.seed,
        units=settings.units,
        reports=stored,
        uut_reports=counts["T"],
        uur_reports=counts["R"],
        date_from=end - timedelta(days=settings.days),
        date_to=end,
    )


def seed_if_empty(database_url: str, settings: DemoSettings | None = None) -> SeedSummary | None:
    """Seed the demo data into the database at ``database_url`` unless it already holds reports.

    Creates missing tables first (every domain's tables must be imported, e.g. by building the app).
    """
    db = Database(database_url)
    try:
        db.create_tables()
        if db.read(lambda session: session.scalar(select(func.count()).select_from(ReportRow))):
            logger.info("demo data not seeded: the database already holds reports")
            return None
        return seed_demo_data(db, settings or DemoSettings(units=DEMO_UNITS, days=DEMO_DAYS))
    finally:
        db.dispose()
