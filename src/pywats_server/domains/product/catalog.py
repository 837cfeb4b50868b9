"""Product categories, tag lists and group membership (internal API)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from pywats_server.db import Database
from pywats_server.domains.product.backend import require_product, require_revision, stored_tags, tags_to_wire
from pywats_server.domains.product.schemas import ProductCategory, ProductGroup, Setting
from pywats_server.domains.product.tables import (
    ProductCategoryRow,
    ProductGroupFilterRow,
    ProductGroupRow,
    ProductRow,
)
from pywats_server.errors import Conflict


def wildcard_matches(pattern: str, text: str) -> bool:
    """WATS wildcards (any case): ``;`` separates alternatives, ``%`` is any text, ``_`` one character."""
    for alternative in (part.strip() for part in pattern.split(";")):
        if not alternative:
            continue
        regex = "".join(".*" if c == "%" else "." if c == "_" else re.escape(c) for c in alternative)
        if re.fullmatch(regex, text, flags=re.IGNORECASE | re.DOTALL):
            return True
    return False


class CatalogBackend:
    """Categories, product and revision tags, and which groups hold a product."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # -- categories --------------------------------------------------------------------------------

    def get_categories(self) -> list[ProductCategory]:
        """Every category, in the order of the last saved list."""

        def work(session: Session) -> list[ProductCategory]:
            rows = session.scalars(select(ProductCategoryRow).order_by(ProductCategoryRow.position))
            return [_category_to_wire(row) for row in rows]

        return self.db.read(work)

    def put_categories(self, categories: Sequence[ProductCategory]) -> list[ProductCategory]:
        """Replace the category list; a category a product still uses cannot be left out (409)."""

        def work(session: Session) -> list[ProductCategory]:
            kept = {str(category.category_id) for category in categories if category.category_id is not None}
            for row in session.scalars(select(ProductCategoryRow)):
                if row.category_id in kept:
                    continue
                user = session.scalar(
                    select(ProductRow).where(ProductRow.product_category_id == row.category_id).limit(1)
                )
                if user is not None:
                    raise Conflict(
                        f"Category '{row.name}' is used by product '{user.part_number}'; "
                        "it cannot be deleted."
                    )
            session.execute(delete(ProductCategoryRow))
            rows = [
                ProductCategoryRow(
                    category_id=str(category.category_id or uuid.uuid4()),
                    position=position,
                    name=category.name,
                    description=category.description,
                )
                for position, category in enumerate(categories)
            ]
            session.add_all(rows)
            return [_category_to_wire(row) for row in rows]

        return self.db.write(work)

    # -- tags --------------------------------------------------------------------------------------

    def get_product_tags(self, part_number: str) -> list[Setting]:
        """The tags of a product."""
        return self.db.read(lambda session: tags_to_wire(require_product(session, part_number).tags))

    def put_product_tags(self, part_number: str, tags: Sequence[Setting]) -> list[Setting]:
        """Replace a product's tags (a tag with ``change`` = 3 is left out); returns what is stored."""

        def work(session: Session) -> list[Setting]:
            row = require_product(session, part_number)
            row.tags = stored_tags(tags)
            return tags_to_wire(row.tags)

        return self.db.write(work)

    def get_revision_tags(self, part_number: str, revision: str) -> list[Setting]:
        """The tags of a revision."""
        return self.db.read(
            lambda session: tags_to_wire(require_revision(session, part_number, revision).tags)
        )

    def put_revision_tags(self, part_number: str, revision: str, tags: Sequence[Setting]) -> list[Setting]:
        """Replace a revision's tags; returns what is stored."""

        def work(session: Session) -> list[Setting]:
            row = require_revision(session, part_number, revision)
            row.tags = stored_tags(tags)
            return tags_to_wire(row.tags)

        return self.db.write(work)

    # -- groups ------------------------------------------------------------------------------------

    def groups_for_product(self, part_number: str) -> list[ProductGroup]:
        """The groups whose part-number filter matches the product."""

        def work(session: Session) -> list[ProductGroup]:
            product = require_product(session, part_number)
            statement = (
                select(ProductGroupRow, ProductGroupFilterRow.filter)
                .join(ProductGroupFilterRow)
                .order_by(ProductGroupRow.product_group_id)
            )
            return [
                ProductGroup(
                    product_group_id=group.product_group_id,
                    product_group_name=group.product_group_name,
                    filter=pattern,
                )
                for group, pattern in session.execute(statement)
                if wildcard_matches(pattern, product.part_number)
            ]

        return self.db.read(work)


def _category_to_wire(row: ProductCategoryRow) -> ProductCategory:
    return ProductCategory(category_id=uuid.UUID(row.category_id), name=row.name, description=row.description)
