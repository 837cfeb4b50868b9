"""The product methods that use WATS's internal API: tags, BOM lines, box builds, categories.

Every public method here starts its docstring with ``⚠️ INTERNAL API``: the endpoints behind it
are undocumented and may change without notice. :class:`AsyncProductService` inherits them.
"""
# sync-docstring: The product methods that use WATS's internal API (sync twin).

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any
from uuid import UUID

from pywats.core._checks import require_text
from pywats.core.exceptions import NotFoundError, ValidationError
from pywats.domains._args import build_model, check_type, models_from, require_int
from pywats.domains.product.async_box_build import AsyncBoxBuildTemplate, relation_from_row
from pywats.domains.product.async_repository import AsyncProductRepository
from pywats.domains.product.models import (
    BomItem,
    Product,
    ProductCategory,
    ProductGroup,
    ProductRevisionRelation,
    Setting,
)

__all__ = ["AsyncProductInternalService"]

logger = logging.getLogger("pywats.domains.product")

TagsArgument = Mapping[str, str | None] | Iterable[Setting | Mapping[str, Any]]
"""Tags given as ``{"key": "value"}``, or as a list of :class:`Setting` or ``{"key":…, "value":…}``."""


class AsyncProductInternalService:
    """Product operations over the internal API (see the module docstring)."""

    repository: AsyncProductRepository

    # -- BOM ---------------------------------------------------------------------------------------

    async def get_bom_items(self, part_number: str, revision: str) -> list[BomItem]:
        """⚠️ INTERNAL API: the BOM lines of a revision.

        Raises :class:`~pywats.NotFoundError` if the revision does not exist (an empty list in
        LENIENT mode).
        """
        _require_revision(part_number, revision, "get_bom_items")
        return await self.repository.get_bom_items(part_number, revision)

    async def upload_bom(
        self, part_number: str, revision: str, bom_items: Iterable[BomItem | Mapping[str, Any]]
    ) -> list[BomItem] | None:
        """⚠️ INTERNAL API: replace the BOM lines of a revision and return them as stored.

        The public alternative is :meth:`update_bom` (WSBF XML). Raises
        :class:`~pywats.NotFoundError` if the revision does not exist (None in LENIENT mode).
        """
        _require_revision(part_number, revision, "upload_bom")
        items = models_from(BomItem, bom_items, "bom_items", "upload_bom")
        for item in items:
            require_int("bom_items.quantity", item.quantity, operation="upload_bom", minimum=1)
        stored = await self.repository.put_bom_items(part_number, revision, items)
        logger.info("Uploaded %d BOM lines to %s %s", len(items), part_number, revision)
        return stored

    # -- box build ---------------------------------------------------------------------------------

    async def get_product_hierarchy(self, part_number: str, revision: str) -> list[dict[str, Any]]:
        """⚠️ INTERNAL API: a revision and its whole box-build tree as rows.

        Each row has ``hlevel`` (0 = this revision, 1 = its children, 2 = theirs …) and the
        relation's members (``ProductRevisionRelationId``, ``Quantity``, ``PartNumber``, …).
        """
        _require_revision(part_number, revision, "get_product_hierarchy")
        return await self.repository.get_product_info(part_number, revision)

    async def get_box_build_template(self, part_number: str, revision: str) -> AsyncBoxBuildTemplate | None:
        """⚠️ INTERNAL API: the box-build template of a revision, as an editable object.

        Changes are staged on the template (``add_subunit``, ``update_subunit``,
        ``remove_subunit`` …) and sent by ``save()``, or on leaving its ``async with`` block.
        Raises :class:`~pywats.NotFoundError` if the revision does not exist (None in LENIENT mode).
        """
        _require_revision(part_number, revision, "get_box_build_template")
        rows = await self.repository.get_product_info(part_number, revision)
        if not rows:
            return None  # LENIENT mode: the revision does not exist
        return AsyncBoxBuildTemplate(self.repository, part_number, revision, rows)

    async def get_box_build_subunits(self, part_number: str, revision: str) -> list[ProductRevisionRelation]:
        """⚠️ INTERNAL API: the lines (direct children) of a revision's box-build template."""
        rows = await self.get_product_hierarchy(part_number, revision)
        return [relation_from_row(row) for row in rows if row.get("hlevel") == 1]

    async def add_subunit(
        self,
        parent_part_number: str,
        parent_revision: str,
        child_part_number: str,
        child_revision: str,
        quantity: int = 1,
        *,
        item_number: str | None = None,
        revision_mask: str | None = None,
    ) -> ProductRevisionRelation | None:
        """⚠️ INTERNAL API: add a child revision to a box-build template at once (no staging).

        Raises :class:`~pywats.NotFoundError` if either revision does not exist and
        :class:`~pywats.ConflictError` if the child is already in the template.
        """
        _require_revision(parent_part_number, parent_revision, "add_subunit")
        _require_revision(child_part_number, child_revision, "add_subunit", prefix="child_")
        require_int("quantity", quantity, operation="add_subunit", minimum=1)
        parent_id = await self._revision_id(parent_part_number, parent_revision, "add_subunit")
        child_id = await self._revision_id(child_part_number, child_revision, "add_subunit")
        relation = ProductRevisionRelation(
            parent_product_revision_id=parent_id,
            child_product_revision_id=child_id,
            quantity=quantity,
            item_number=item_number,
            revision_mask=revision_mask,
        )
        stored = await self.repository.post_relation(relation)
        logger.info(
            "Added %s %s to the box build of %s %s",
            child_part_number,
            child_revision,
            parent_part_number,
            parent_revision,
        )
        return stored

    async def update_subunit(self, relation: ProductRevisionRelation) -> ProductRevisionRelation | None:
        """⚠️ INTERNAL API: save a changed box-build line (quantity, item number, revision mask)."""
        check_type(relation, ProductRevisionRelation, "relation", "update_subunit")
        if relation.relation_id is None:
            raise ValidationError(
                "relation has no relation_id: load it from the server first",
                field="relation_id",
                operation="update_subunit",
            )
        return await self.repository.put_relation(relation)

    async def remove_subunit(self, relation_id: UUID | str) -> None:
        """⚠️ INTERNAL API: delete one box-build line by its relation id."""
        await self.repository.delete_relation(_guid(relation_id, "relation_id", "remove_subunit"))

    async def get_product_by_pn(self, part_number: str) -> Product | None:
        """⚠️ INTERNAL API: a product with its revisions, read through the internal endpoint.

        Prefer :meth:`get_product` (public); this one exists for parity with WATS's web client.
        """
        require_text("part_number", part_number, operation="get_product_by_pn")
        return await self.repository.get_product_by_pn(part_number)

    # -- groups and categories ---------------------------------------------------------------------

    async def get_groups_for_product(self, part_number: str) -> list[ProductGroup]:
        """⚠️ INTERNAL API: the product groups that contain a product."""
        require_text("part_number", part_number, operation="get_groups_for_product")
        return await self.repository.get_groups_for_product(part_number)

    async def get_product_categories(self) -> list[ProductCategory]:
        """⚠️ INTERNAL API: every product category."""
        return await self.repository.get_categories()

    async def save_product_categories(
        self, categories: Iterable[ProductCategory | Mapping[str, Any]]
    ) -> list[ProductCategory]:
        """⚠️ INTERNAL API: save the whole category list (categories left out are deleted).

        Raises :class:`~pywats.ConflictError` if a category a product still uses would be deleted.
        """
        items = models_from(ProductCategory, categories, "categories", "save_product_categories")
        for item in items:
            require_text("categories.name", item.name, operation="save_product_categories")
        return await self.repository.put_categories(items)

    # -- tags --------------------------------------------------------------------------------------

    async def get_product_tags(self, part_number: str) -> list[Setting]:
        """⚠️ INTERNAL API: the tags of a product (public alternative: ``get_product(pn).tags``)."""
        require_text("part_number", part_number, operation="get_product_tags")
        return await self.repository.get_product_tags(part_number)

    async def set_product_tags(self, part_number: str, tags: TagsArgument) -> list[Setting] | None:
        """⚠️ INTERNAL API: replace all tags of a product; returns them as stored."""
        require_text("part_number", part_number, operation="set_product_tags")
        settings = _settings(tags, "set_product_tags")
        return await self.repository.put_product_tags(part_number, settings)

    async def add_product_tag(self, part_number: str, key: str, value: str | None) -> list[Setting] | None:
        """⚠️ INTERNAL API: add a tag to a product, or change the value of the tag with this key."""
        require_text("key", key, operation="add_product_tag")
        current = await self.get_product_tags(part_number)
        return await self.set_product_tags(part_number, _with_tag(current, key, value))

    async def get_revision_tags(self, part_number: str, revision: str) -> list[Setting]:
        """⚠️ INTERNAL API: the tags of a revision."""
        _require_revision(part_number, revision, "get_revision_tags")
        return await self.repository.get_revision_tags(part_number, revision)

    async def set_revision_tags(
        self, part_number: str, revision: str, tags: TagsArgument
    ) -> list[Setting] | None:
        """⚠️ INTERNAL API: replace all tags of a revision; returns them as stored."""
        _require_revision(part_number, revision, "set_revision_tags")
        settings = _settings(tags, "set_revision_tags")
        return await self.repository.put_revision_tags(part_number, revision, settings)

    async def add_revision_tag(
        self, part_number: str, revision: str, key: str, value: str | None
    ) -> list[Setting] | None:
        """⚠️ INTERNAL API: add a tag to a revision, or change the value of the tag with this key."""
        require_text("key", key, operation="add_revision_tag")
        current = await self.get_revision_tags(part_number, revision)
        return await self.set_revision_tags(part_number, revision, _with_tag(current, key, value))

    # -- helpers -----------------------------------------------------------------------------------

    async def _revision_id(self, part_number: str, revision: str, operation: str) -> UUID:
        product = await self.repository.get_product(part_number)
        found = None if product is None else product.get_revision(revision)
        if found is None or found.product_revision_id is None:
            raise NotFoundError(
                resource_type="ProductRevision", identifier=f"{part_number}/{revision}", operation=operation
            )
        return found.product_revision_id


def _require_revision(part_number: str, revision: str, operation: str, *, prefix: str = "") -> None:
    require_text(f"{prefix}part_number", part_number, operation=operation)
    require_text(f"{prefix}revision", revision, operation=operation)


def _guid(value: UUID | str, field: str, operation: str) -> UUID:
    if isinstance(value, UUID):
        return value
    try:
        return UUID(str(value))
    except ValueError as exc:
        raise ValidationError(
            f"{field} must be a GUID, got {value!r}", field=field, value=value, operation=operation, cause=exc
        ) from exc


def _settings(tags: TagsArgument, operation: str) -> list[Setting]:
    if isinstance(tags, Mapping):
        items = [build_model(Setting, operation, key=key, value=value) for key, value in tags.items()]
    else:
        items = models_from(Setting, tags, "tags", operation)
    for item in items:
        require_text("tags.key", item.key, operation=operation)
    return items


def _with_tag(tags: list[Setting], key: str, value: str | None) -> list[Setting]:
    """The tags with ``key`` set to ``value``: changed in place if present, else appended."""
    if any(tag.key == key for tag in tags):
        return [Setting(key=key, value=value) if tag.key == key else tag for tag in tags]
    return [*tags, Setting(key=key, value=value)]
