"""Product data access over the internal API (``/api/internal/Product``).

⚠️ These endpoints are undocumented by Virinco and may change without notice. They are the only
way to read BOMs as JSON, edit box-build templates, product categories and tag lists directly.
"""

from __future__ import annotations

import warnings
from typing import Any
from uuid import UUID

from pywats.core._async_transport import AsyncTransport
from pywats.core.exceptions import InvalidResponseError
from pywats.domains._answers import rows
from pywats.domains.product.models import (
    BomItem,
    Product,
    ProductCategory,
    ProductGroup,
    ProductRevisionRelation,
    Setting,
)

__all__ = ["AsyncProductInternalRepository"]


def _json_list(items: list[BomItem] | list[ProductCategory] | list[Setting]) -> bytes:
    return b"[" + b",".join(item.to_wire() for item in items) + b"]"


class AsyncProductInternalRepository:
    """The internal product endpoints, one method per call (``Referer`` is sent, as WATS wants)."""

    _transport: AsyncTransport

    # -- BOM ---------------------------------------------------------------------------------------

    async def get_bom_items(self, part_number: str, revision: str) -> list[BomItem]:
        """⚠️ INTERNAL API: ``GET /api/internal/Product/Bom``: the BOM lines of a revision."""
        data = await self._transport.request(
            "GET",
            "/api/internal/Product/Bom",
            operation="get_bom_items",
            params={"partNumber": part_number, "revision": revision},
            internal=True,
            resource=("ProductRevision", f"{part_number}/{revision}"),
        )
        return [BomItem.from_wire(row, operation="get_bom_items") for row in rows(data)]

    async def get_bom(self, part_number: str, revision: str) -> list[BomItem]:
        """⚠️ INTERNAL API, deprecated: use ``api.product.get_bom_items(part_number, revision)``.

        Emits a :class:`DeprecationWarning`, then does what :meth:`get_bom_items` does.
        """
        warnings.warn(
            f"{type(self).__name__}.get_bom() uses an internal API endpoint "
            "(GET /api/internal/Product/Bom) that may change without notice; "
            "use api.product.get_bom_items(part_number, revision) instead",
            DeprecationWarning,
            stacklevel=2,
        )
        return await self.get_bom_items(part_number, revision)

    async def put_bom_items(
        self, part_number: str, revision: str, items: list[BomItem]
    ) -> list[BomItem] | None:
        """⚠️ INTERNAL API: ``PUT /api/internal/Product/BOM``: replace a revision's BOM lines (JSON)."""
        data = await self._transport.request(
            "PUT",
            "/api/internal/Product/BOM",
            operation="upload_bom",
            params={"partNumber": part_number, "revision": revision, "format": "json"},
            json_body=_json_list(items),
            internal=True,
            resource=("ProductRevision", f"{part_number}/{revision}"),
        )
        if data is None:
            return None  # LENIENT mode: the revision does not exist
        if isinstance(data, list):
            return [BomItem.from_wire(row, operation="upload_bom") for row in data]
        return list(items)  # the server answered ``true``: what was sent is what is stored

    # -- product info and box build ----------------------------------------------------------------

    async def get_product_info(self, part_number: str, revision: str) -> list[dict[str, Any]]:
        """⚠️ INTERNAL API: ``GET /api/internal/Product/GetProductInfo``: a revision and its box-build tree.

        Rows carry ``hlevel`` (0 = the revision itself, 1 = its children, …).
        """
        data = await self._transport.request(
            "GET",
            "/api/internal/Product/GetProductInfo",
            operation="get_product_hierarchy",
            params={"partNumber": part_number, "revision": revision},
            internal=True,
            resource=("ProductRevision", f"{part_number}/{revision}"),
        )
        return [dict(row) for row in rows(data) if isinstance(row, dict)]

    async def get_product_by_pn(self, part_number: str) -> Product | None:
        """⚠️ INTERNAL API: ``GET /api/internal/Product/GetProductByPN``: a product with its revisions."""
        data = await self._transport.request(
            "GET",
            "/api/internal/Product/GetProductByPN",
            operation="get_product_by_pn",
            params={"PN": part_number},
            internal=True,
            resource=("Product", part_number),
            expect_data=True,
        )
        return None if data is None else Product.from_wire(data, operation="get_product_by_pn")

    async def post_relation(self, relation: ProductRevisionRelation) -> ProductRevisionRelation | None:
        """⚠️ INTERNAL API: ``POST /api/internal/Product/PostProductRevisionRelation``: add a box-build line.

        WATS answers the new relation, or every relation of the parent; the new one is picked out.
        """
        data = await self._transport.request(
            "POST",
            "/api/internal/Product/PostProductRevisionRelation",
            operation="add_subunit",
            json_body=relation.to_wire(),
            internal=True,
            expect_data=True,
            resource=("ProductRevision", str(relation.parent_product_revision_id)),
        )
        if data is None:
            return None
        for row in data if isinstance(data, list) else [data]:
            stored = ProductRevisionRelation.from_wire(row, operation="add_subunit")
            if (
                stored.relation_id is not None
                and stored.parent_product_revision_id == relation.parent_product_revision_id
                and stored.child_product_revision_id == relation.child_product_revision_id
            ):
                return stored
        raise InvalidResponseError(
            "The server's answer does not contain the new box-build relation", operation="add_subunit"
        )

    async def put_relation(self, relation: ProductRevisionRelation) -> ProductRevisionRelation | None:
        """⚠️ INTERNAL API: ``PUT /api/internal/Product/PutProductRevisionRelation``: change a line."""
        data = await self._transport.request(
            "PUT",
            "/api/internal/Product/PutProductRevisionRelation",
            operation="update_subunit",
            json_body=relation.to_wire(),
            internal=True,
            expect_data=True,
            resource=("ProductRevisionRelation", str(relation.relation_id)),
        )
        return None if data is None else ProductRevisionRelation.from_wire(data, operation="update_subunit")

    async def delete_relation(self, relation_id: UUID) -> None:
        """⚠️ INTERNAL API: ``DELETE /api/internal/Product/DeleteProductRevisionRelation``."""
        await self._transport.request(
            "DELETE",
            "/api/internal/Product/DeleteProductRevisionRelation",
            operation="remove_subunit",
            params={"productRevisionRelationId": str(relation_id)},
            internal=True,
            resource=("ProductRevisionRelation", str(relation_id)),
        )

    # -- groups and categories ---------------------------------------------------------------------

    async def get_groups_for_product(self, part_number: str) -> list[ProductGroup]:
        """⚠️ INTERNAL API: ``GET /api/internal/Product/GetGroupsForProduct``."""
        data = await self._transport.request(
            "GET",
            "/api/internal/Product/GetGroupsForProduct",
            operation="get_groups_for_product",
            params={"partNumber": part_number},
            internal=True,
            resource=("Product", part_number),
        )
        return [ProductGroup.from_wire(row, operation="get_groups_for_product") for row in rows(data)]

    async def get_categories(self) -> list[ProductCategory]:
        """⚠️ INTERNAL API: ``GET /api/internal/Product/GetProductCategories``."""
        data = await self._transport.request(
            "GET",
            "/api/internal/Product/GetProductCategories",
            operation="get_product_categories",
            internal=True,
        )
        return [ProductCategory.from_wire(row, operation="get_product_categories") for row in rows(data)]

    async def put_categories(self, categories: list[ProductCategory]) -> list[ProductCategory]:
        """⚠️ INTERNAL API: ``PUT /api/internal/Product/PutProductCategories``: save the whole list."""
        data = await self._transport.request(
            "PUT",
            "/api/internal/Product/PutProductCategories",
            operation="save_product_categories",
            json_body=_json_list(categories),
            internal=True,
        )
        if isinstance(data, list):
            return [ProductCategory.from_wire(row, operation="save_product_categories") for row in data]
        return list(categories)

    # -- tags --------------------------------------------------------------------------------------

    async def get_product_tags(self, part_number: str) -> list[Setting]:
        """⚠️ INTERNAL API: ``GET /api/internal/Product/GetProductTags``."""
        data = await self._transport.request(
            "GET",
            "/api/internal/Product/GetProductTags",
            operation="get_product_tags",
            params={"partNumber": part_number},
            internal=True,
            resource=("Product", part_number),
        )
        return [Setting.from_wire(row, operation="get_product_tags") for row in rows(data)]

    async def put_product_tags(self, part_number: str, tags: list[Setting]) -> list[Setting] | None:
        """⚠️ INTERNAL API: ``PUT /api/internal/Product/PutProductTags``: replace a product's tags."""
        data = await self._transport.request(
            "PUT",
            "/api/internal/Product/PutProductTags",
            operation="set_product_tags",
            params={"partNumber": part_number},
            json_body=_json_list(tags),
            internal=True,
            resource=("Product", part_number),
        )
        return None if data is None else _tags_answer(data, tags, "set_product_tags")

    async def get_revision_tags(self, part_number: str, revision: str) -> list[Setting]:
        """⚠️ INTERNAL API: ``GET /api/internal/Product/GetRevisionTags``."""
        data = await self._transport.request(
            "GET",
            "/api/internal/Product/GetRevisionTags",
            operation="get_revision_tags",
            params={"partNumber": part_number, "revision": revision},
            internal=True,
            resource=("ProductRevision", f"{part_number}/{revision}"),
        )
        return [Setting.from_wire(row, operation="get_revision_tags") for row in rows(data)]

    async def put_revision_tags(
        self, part_number: str, revision: str, tags: list[Setting]
    ) -> list[Setting] | None:
        """⚠️ INTERNAL API: ``PUT /api/internal/Product/PutRevisionTags``: replace a revision's tags."""
        data = await self._transport.request(
            "PUT",
            "/api/internal/Product/PutRevisionTags",
            operation="set_revision_tags",
            params={"partNumber": part_number, "revision": revision},
            json_body=_json_list(tags),
            internal=True,
            resource=("ProductRevision", f"{part_number}/{revision}"),
        )
        return None if data is None else _tags_answer(data, tags, "set_revision_tags")


def _tags_answer(data: Any, sent: list[Setting], operation: str) -> list[Setting]:
    """The stored tags: WATS answers the list, or just ``true``; then what was sent is what is stored."""
    if isinstance(data, list):
        return [Setting.from_wire(row, operation=operation) for row in data]
    return list(sent)
