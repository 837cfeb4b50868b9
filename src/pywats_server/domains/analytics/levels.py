"""Production levels (``GET /api/App/Levels``) and the product-group list of analytics
(``GET /api/App/ProductGroups``).

WATS has no public API to define levels; this server starts with :data:`DEFAULT_LEVELS` and the operator can
replace them through the control plane (``PUT /_control/levels``). A product's level is the value of its
``Level`` tag.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from pywats_server.db import Database
from pywats_server.domains.analytics.tables import LevelRow
from pywats_server.domains.product.tables import ProductGroupFilterRow, ProductGroupRow
from pywats_server.errors import BadRequest

__all__ = ["DEFAULT_LEVELS", "LevelBackend"]

logger = logging.getLogger(__name__)

DEFAULT_LEVELS = ("PCBA", "Module", "System")


class LevelBackend:
    """Levels and the analytics view of product groups."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def ensure_defaults(self) -> None:
        """Seed :data:`DEFAULT_LEVELS` if there are no levels (a fresh or reset server)."""
        if self.db.read(lambda session: session.scalar(select(func.count()).select_from(LevelRow))):
            return

        def seed(session: Session) -> None:
            if session.scalar(select(func.count()).select_from(LevelRow)):
                return
            session.add_all(LevelRow(level_id=i, level_name=name) for i, name in enumerate(DEFAULT_LEVELS, 1))
            logger.info("seeded %d default levels", len(DEFAULT_LEVELS))

        self.db.write(seed)

    def levels(self) -> list[dict[str, Any]]:
        """Every level, by id."""
        self.ensure_defaults()
        rows = self.db.read(
            lambda session: list(session.scalars(select(LevelRow).order_by(LevelRow.level_id)))
        )
        return [{"levelId": row.level_id, "levelName": row.level_name} for row in rows]

    def define(self, names: Sequence[str]) -> list[dict[str, Any]]:
        """Replace the levels (ids 1, 2, … in the given order)."""
        cleaned = [str(name).strip() for name in names]
        if any(not name for name in cleaned) or len({n.casefold() for n in cleaned}) != len(cleaned):
            raise BadRequest("Level names must be non-empty and unique.")

        def work(session: Session) -> None:
            session.execute(delete(LevelRow))
            session.add_all(LevelRow(level_id=i, level_name=name) for i, name in enumerate(cleaned, 1))

        self.db.write(work)
        return self.levels()

    def product_groups(self, *, include_filters: bool) -> list[dict[str, Any]]:
        """Every product group, by id; ``include_filters`` adds each group's part-number ``filter``."""

        def work(session: Session) -> list[dict[str, Any]]:
            patterns = dict(
                session.execute(
                    select(ProductGroupFilterRow.product_group_id, ProductGroupFilterRow.filter)
                ).all()
            )
            rows = session.execute(
                select(ProductGroupRow.product_group_id, ProductGroupRow.product_group_name).order_by(
                    ProductGroupRow.product_group_id
                )
            )
            groups = []
            for group_id, name in rows:
                group: dict[str, Any] = {"productGroupId": group_id, "productGroupName": name}
                if include_filters:
                    group["filter"] = patterns.get(group_id)
                groups.append(group)
            return groups

        return self.db.read(work)
