"""What analytics needs to know besides reports: process names, product names, groups and levels.

A :class:`Catalog` is a snapshot read once per query; these tables are small.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from sqlalchemy import select
from sqlalchemy.orm import Session

from pywats_server.domains.analytics.tables import LevelRow
from pywats_server.domains.analytics.wildcards import Matcher, compile_pattern
from pywats_server.domains.process.tables import ProcessRow
from pywats_server.domains.product.tables import ProductGroupFilterRow, ProductGroupRow, ProductRow

__all__ = ["LEVEL_TAG", "Catalog", "load_catalog"]

LEVEL_TAG = "Level"
"""The product tag naming a product's production level (matched in any letter case)."""


@dataclass(frozen=True)
class Group:
    """A product group and the part-number pattern that says which products it holds."""

    group_id: int
    name: str
    pattern: str | None

    @cached_property
    def matcher(self) -> Matcher:
        return compile_pattern(self.pattern) if self.pattern else (lambda _text: False)


@dataclass
class Catalog:
    """Process, product, group and level lookups."""

    process_names: dict[int, str]
    repair_codes: frozenset[int]
    product_names: dict[str, str | None]
    product_levels: dict[str, str]
    groups: list[Group]
    levels: list[tuple[int, str]]
    _groups_of: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def process_name(self, code: int | None, fallback: str | None = None) -> str | None:
        """The name of a process code (the report's own name if the server does not know the code)."""
        if code is None:
            return fallback
        return self.process_names.get(code, fallback)

    def groups_of(self, part_number: str) -> tuple[str, ...]:
        """Names of the groups holding ``part_number`` (memoised: called once per report row)."""
        found = self._groups_of.get(part_number)
        if found is None:
            found = tuple(group.name for group in self.groups if group.matcher(part_number))
            self._groups_of[part_number] = found
        return found

    def level_of(self, part_number: str) -> str | None:
        """The production level of a product (its ``Level`` tag), if it has one."""
        return self.product_levels.get(part_number)

    def level_name(self, level_id: int) -> str | None:
        """The name of a level id."""
        return next((name for lid, name in self.levels if lid == level_id), None)

    def group(self, group_id: int) -> Group | None:
        """A product group by id."""
        return next((group for group in self.groups if group.group_id == group_id), None)


def load_catalog(session: Session) -> Catalog:
    """Read the catalog in ``session``."""
    processes = session.execute(
        select(ProcessRow.code, ProcessRow.name, ProcessRow.is_repair_operation)
    ).all()
    names: dict[str, str | None] = {}
    levels: dict[str, str] = {}
    for part_number, name, tags in session.execute(
        select(ProductRow.part_number, ProductRow.name, ProductRow.tags)
    ):
        names[part_number] = name
        for tag in tags or ():
            if str(tag.get("key", "")).casefold() == LEVEL_TAG.casefold() and tag.get("value"):
                levels[part_number] = str(tag["value"])
    patterns = dict(
        session.execute(select(ProductGroupFilterRow.product_group_id, ProductGroupFilterRow.filter)).all()
    )
    groups = [
        Group(group_id, name, patterns.get(group_id))
        for group_id, name in session.execute(
            select(ProductGroupRow.product_group_id, ProductGroupRow.product_group_name).order_by(
                ProductGroupRow.product_group_id
            )
        )
    ]
    return Catalog(
        process_names={code: name for code, name, _ in processes},
        repair_codes=frozenset(code for code, _, repair in processes if repair),
        product_names=names,
        product_levels=levels,
        groups=groups,
        levels=[
            (row.level_id, row.level_name)
            for row in session.scalars(select(LevelRow).order_by(LevelRow.level_id))
        ],
    )
