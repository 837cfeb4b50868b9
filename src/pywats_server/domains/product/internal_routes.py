"""Internal HTTP endpoints of the Product domain (endpoints.md §3.2, ``/api/internal/Product``).

WATS's own web client uses these; the write endpoints answer with what they stored (never an empty 2xx).
"""

from __future__ import annotations

import uuid
from enum import Enum
from typing import Annotated, Any

from fastapi import APIRouter, Query

from pywats_server.db import Database
from pywats_server.domains.product.bom import BomBackend
from pywats_server.domains.product.box_build import BoxBuildBackend
from pywats_server.domains.product.catalog import CatalogBackend
from pywats_server.domains.product.schemas import (
    BomItem,
    Product,
    ProductCategory,
    ProductGroup,
    ProductRevisionRelation,
    Setting,
)
from pywats_server.errors import BadRequest

PREFIX = "/api/internal/Product"
TAGS: list[str | Enum] = ["Product (internal)"]

PartNumber = Annotated[str, Query(alias="partNumber")]
Revision = Annotated[str, Query()]


def register_product_internal_routes(router: APIRouter, db: Database, bom: BomBackend) -> BoxBuildBackend:
    """Add the internal product endpoints to ``router``; returns the box-build backend for other domains."""
    box_build = BoxBuildBackend(db)
    catalog = CatalogBackend(db)

    @router.get(f"{PREFIX}/Bom", tags=TAGS, response_model_exclude_none=True)
    def get_bom(part_number: PartNumber, revision: Revision) -> list[BomItem]:
        """The BOM lines of a revision."""
        return bom.get_bom(part_number, revision)

    @router.put(f"{PREFIX}/BOM", tags=TAGS, response_model_exclude_none=True)
    def put_bom(
        part_number: PartNumber, revision: Revision, items: list[BomItem], format: str = "json"
    ) -> list[BomItem]:
        """Replace a revision's BOM lines (``format`` must be ``json``)."""
        if format.casefold() != "json":
            raise BadRequest(f"Unsupported BOM format '{format}'; this endpoint takes json.")
        return bom.put_bom(part_number, revision, items)

    @router.get(f"{PREFIX}/GetProductInfo", tags=TAGS)
    def get_product_info(part_number: PartNumber, revision: Revision) -> list[dict[str, Any]]:
        """The revision (``hlevel`` 0) and its box-build tree below it."""
        return box_build.product_info(part_number, revision)

    @router.get(f"{PREFIX}/GetProductByPN", tags=TAGS, response_model_exclude_none=True)
    def get_product_by_pn(part_number: Annotated[str, Query(alias="PN")]) -> Product:
        """A product with its revisions."""
        return box_build.product_by_pn(part_number)

    @router.post(f"{PREFIX}/PostProductRevisionRelation", tags=TAGS, response_model_exclude_none=True)
    def post_relation(relation: ProductRevisionRelation) -> ProductRevisionRelation:
        """Add a child revision to a box-build template."""
        return box_build.add_relation(relation)

    @router.put(f"{PREFIX}/PutProductRevisionRelation", tags=TAGS, response_model_exclude_none=True)
    def put_relation(relation: ProductRevisionRelation) -> ProductRevisionRelation:
        """Change a box-build line's quantity, item number or revision mask."""
        return box_build.update_relation(relation)

    @router.delete(f"{PREFIX}/DeleteProductRevisionRelation", tags=TAGS)
    def delete_relation(
        relation_id: Annotated[uuid.UUID, Query(alias="productRevisionRelationId")],
    ) -> bool:
        """Delete a box-build line."""
        box_build.delete_relation(relation_id)
        return True

    @router.get(f"{PREFIX}/GetGroupsForProduct", tags=TAGS, response_model_exclude_none=True)
    def get_groups_for_product(part_number: PartNumber) -> list[ProductGroup]:
        """The product groups whose filter matches the product."""
        return catalog.groups_for_product(part_number)

    @router.get(f"{PREFIX}/GetProductCategories", tags=TAGS, response_model_exclude_none=True)
    def get_categories() -> list[ProductCategory]:
        """Every product category."""
        return catalog.get_categories()

    @router.put(f"{PREFIX}/PutProductCategories", tags=TAGS, response_model_exclude_none=True)
    def put_categories(categories: list[ProductCategory]) -> list[ProductCategory]:
        """Replace the category list."""
        return catalog.put_categories(categories)

    @router.get(f"{PREFIX}/GetProductTags", tags=TAGS, response_model_exclude_none=True)
    def get_product_tags(part_number: PartNumber) -> list[Setting]:
        """The tags of a product."""
        return catalog.get_product_tags(part_number)

    @router.put(f"{PREFIX}/PutProductTags", tags=TAGS, response_model_exclude_none=True)
    def put_product_tags(part_number: PartNumber, tags: list[Setting]) -> list[Setting]:
        """Replace the tags of a product."""
        return catalog.put_product_tags(part_number, tags)

    @router.get(f"{PREFIX}/GetRevisionTags", tags=TAGS, response_model_exclude_none=True)
    def get_revision_tags(part_number: PartNumber, revision: Revision) -> list[Setting]:
        """The tags of a revision."""
        return catalog.get_revision_tags(part_number, revision)

    @router.put(f"{PREFIX}/PutRevisionTags", tags=TAGS, response_model_exclude_none=True)
    def put_revision_tags(part_number: PartNumber, revision: Revision, tags: list[Setting]) -> list[Setting]:
        """Replace the tags of a revision."""
        return catalog.put_revision_tags(part_number, revision, tags)

    return box_build
