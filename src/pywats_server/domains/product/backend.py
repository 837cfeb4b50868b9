"""The Product domain's behaviour: upserts, lookups and tag handling, independent of HTTP.

Writes follow the WATS upsert style: an entity is found by its natural key (part number, revision, vendor
id) and created if missing. On update only the members present in the request change (an explicit ``null``
clears a nullable member), so a client that sends a subset does not wipe the rest. ``tags``, when present,
replace the stored tags; a tag sent with ``change`` = 3 is deleted. A bulk write is one transaction: if any
item fails, nothing is stored.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from pywats_server.db import Database
from pywats_server.domains.product.schemas import (
    TAG_CHANGE_DELETE,
    Product,
    ProductGroup,
    ProductRevision,
    ProductView,
    Setting,
    Vendor,
)
from pywats_server.domains.product.tables import (
    BomItemRow,
    ProductGroupFilterRow,
    ProductGroupRow,
    ProductRevisionRow,
    ProductRow,
    StoredTags,
    VendorRow,
)
from pywats_server.errors import BadRequest, Conflict, NotFound

logger = logging.getLogger(__name__)


class ProductBackend:
    """Products, revisions, groups and vendors of one server."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # -- products ----------------------------------------------------------------------------------

    def query_products(self) -> list[ProductView]:
        """All products, lightweight, ordered by part number."""

        def work(session: Session) -> list[ProductView]:
            rows = session.scalars(select(ProductRow).order_by(ProductRow.part_number))
            return [_product_view(row) for row in rows]

        return self.db.read(work)

    def get_product(self, part_number: str) -> Product:
        """The product with its revisions and tags; :class:`NotFound` if unknown."""

        def work(session: Session) -> Product:
            return product_to_wire(require_product(session, part_number))

        return self.db.read(work)

    def put_product(self, product: Product) -> Product:
        """Create or update one product (keyed by part number) and return it as stored."""
        return self.put_products([product])[0]

    def put_products(self, products: Sequence[Product]) -> list[Product]:
        """Create or update several products in one transaction; return them as stored, in request order."""

        def work(session: Session) -> list[Product]:
            rows = [_upsert_product(session, product) for product in products]
            return [product_to_wire(row) for row in rows]

        stored = self.db.write(work)
        logger.debug("stored %d product(s)", len(stored))
        return stored

    # -- revisions ---------------------------------------------------------------------------------

    def get_revision(self, part_number: str, revision: str) -> ProductRevision:
        """One revision of a product; :class:`NotFound` if the product or the revision is unknown."""

        def work(session: Session) -> ProductRevision:
            product = require_product(session, part_number)
            row = find_revision(session, product, revision)
            if row is None:
                raise NotFound(f"Revision '{revision}' of product '{part_number}' not found")
            return revision_to_wire(row, product)

        return self.db.read(work)

    def put_revision(self, revision: ProductRevision) -> ProductRevision:
        """Create or update one revision of an existing product and return it as stored."""
        return self.put_revisions([revision])[0]

    def put_revisions(self, revisions: Sequence[ProductRevision]) -> list[ProductRevision]:
        """Create or update several revisions in one transaction; return them as stored, in request order."""

        def work(session: Session) -> list[ProductRevision]:
            rows = [_upsert_revision(session, revision) for revision in revisions]
            return [revision_to_wire(row, row.product) for row in rows]

        return self.db.write(work)

    # -- groups ------------------------------------------------------------------------------------

    def get_groups(self) -> list[ProductGroup]:
        """All product groups, by id."""

        def work(session: Session) -> list[ProductGroup]:
            rows = session.scalars(select(ProductGroupRow).order_by(ProductGroupRow.product_group_id))
            filters = _group_filters(session)
            return [_group_to_wire(row, filters.get(row.product_group_id)) for row in rows]

        return self.db.read(work)

    def put_group(self, group: ProductGroup) -> ProductGroup:
        """Rename the group with ``productGroupId``, or (no id) find or create the group with that name."""

        def work(session: Session) -> ProductGroup:
            if group.product_group_id is not None:
                row = session.get(ProductGroupRow, group.product_group_id)
                if row is None:
                    raise NotFound(f"Product group '{group.product_group_id}' not found")
            else:
                row = session.scalar(
                    select(ProductGroupRow).where(
                        ProductGroupRow.product_group_name == group.product_group_name
                    )
                )
                if row is None:
                    row = ProductGroupRow()
                    session.add(row)
            row.product_group_name = group.product_group_name
            session.flush()  # assigns the id of a new group
            if "filter" in group.model_fields_set:
                _store_group_filter(session, row.product_group_id, group.filter)
            return _group_to_wire(row, _group_filters(session).get(row.product_group_id))

        return self.db.write(work)

    # -- vendors -----------------------------------------------------------------------------------

    def get_vendors(self) -> list[Vendor]:
        """All vendors, in creation order."""

        def work(session: Session) -> list[Vendor]:
            rows = session.scalars(select(VendorRow).order_by(VendorRow.position))
            return [_vendor_to_wire(row) for row in rows]

        return self.db.read(work)

    def put_vendor(self, vendor: Vendor) -> Vendor:
        """Create or update a vendor; a new vendor without ``vendorId`` gets a generated one.

        Members other than ``vendorId`` and ``name`` are merged into what is stored.
        """

        def work(session: Session) -> Vendor:
            vendor_id = vendor.vendor_id or str(uuid.uuid4())
            row = session.scalar(select(VendorRow).where(VendorRow.vendor_id == vendor_id))
            if row is None:
                row = VendorRow(vendor_id=vendor_id, extra={})
                session.add(row)
            row.name = vendor.name
            row.extra = {**row.extra, **(vendor.model_extra or {})}
            return _vendor_to_wire(row)

        return self.db.write(work)

    def delete_vendor(self, vendor_id: str) -> None:
        """Delete a vendor; :class:`NotFound` if unknown."""

        def work(session: Session) -> None:
            row = session.scalar(select(VendorRow).where(VendorRow.vendor_id == vendor_id))
            if row is None:
                raise NotFound(f"Vendor '{vendor_id}' not found")
            used_by = session.scalar(select(BomItemRow).where(BomItemRow.vendor == row.name).limit(1))
            if used_by is not None:
                raise Conflict(
                    f"Vendor '{row.name}' is used by the BOM line '{used_by.part_number}'; "
                    "it cannot be deleted"
                )
            session.delete(row)

        self.db.write(work)


# -- helpers: lookups ------------------------------------------------------------------------------


def _find_product(session: Session, part_number: str) -> ProductRow | None:
    statement = (
        select(ProductRow)
        .where(ProductRow.part_number == part_number)
        .options(selectinload(ProductRow.revisions))
    )
    return session.scalar(statement)


def require_product(session: Session, part_number: str) -> ProductRow:
    row = _find_product(session, part_number)
    if row is None:
        raise NotFound(f"Product '{part_number}' not found")
    return row


def find_revision(session: Session, product: ProductRow, revision: str) -> ProductRevisionRow | None:
    statement = select(ProductRevisionRow).where(
        ProductRevisionRow.product_id == product.product_id, ProductRevisionRow.revision == revision
    )
    return session.scalar(statement)


def require_revision(session: Session, part_number: str, revision: str) -> ProductRevisionRow:
    """The revision of a product; :class:`NotFound` naming what is missing."""
    product = require_product(session, part_number)
    row = find_revision(session, product, revision)
    if row is None:
        raise NotFound(f"Revision '{revision}' of product '{part_number}' not found")
    return row


def _parent_of(session: Session, revision: ProductRevision) -> ProductRow:
    """The product a revision write refers to: by ``productId`` when given, else by ``partNumber``."""
    if revision.product_id is not None:
        product = session.get(ProductRow, str(revision.product_id))
        if product is None:
            raise NotFound(f"Product with productId '{revision.product_id}' not found")
        if revision.part_number is not None and revision.part_number != product.part_number:
            raise BadRequest(
                f"partNumber '{revision.part_number}' and productId '{revision.product_id}' "
                "refer to different products"
            )
        return product
    if revision.part_number:
        return require_product(session, revision.part_number)
    raise BadRequest("The request is invalid. partNumber or productId: one is required to name the product.")


# -- helpers: writes -------------------------------------------------------------------------------


def _upsert_product(session: Session, product: Product) -> ProductRow:
    row = _find_product(session, product.part_number)
    if row is None:
        row = ProductRow(product_id=str(uuid.uuid4()), part_number=product.part_number, tags=[], revisions=[])
        session.add(row)
        logger.info("creating product %r", product.part_number)
    sent = product.model_fields_set
    _copy_sent(row, product, sent, ("name", "description", "xml_data", "product_category_name"))
    # Not nullable: null means "leave as is".
    if product.non_serial is not None:
        row.non_serial = product.non_serial
    if product.state is not None:
        row.state = product.state
    if "product_category_id" in sent:
        row.product_category_id = _guid_text(product.product_category_id)
    if product.tags is not None:
        row.tags = stored_tags(product.tags)
    session.flush()  # a later item of the same bulk request must find this row
    return row


def _upsert_revision(session: Session, revision: ProductRevision) -> ProductRevisionRow:
    product = _parent_of(session, revision)
    row = find_revision(session, product, revision.revision)
    if row is None:
        row = ProductRevisionRow(
            product_revision_id=str(uuid.uuid4()), product=product, revision=revision.revision, tags=[]
        )
        session.add(row)
        logger.info("creating revision %r of product %r", revision.revision, product.part_number)
    _copy_sent(row, revision, revision.model_fields_set, ("name", "description", "xml_data"))
    if revision.state is not None:
        row.state = revision.state
    if revision.tags is not None:
        row.tags = stored_tags(revision.tags)
    session.flush()
    return row


def _copy_sent(row: object, source: Any, sent: set[str], names: Iterable[str]) -> None:
    for name in names:
        if name in sent:
            setattr(row, name, getattr(source, name))


def stored_tags(tags: Iterable[Setting]) -> StoredTags:
    """The tags to store for a write that sends ``tags``: the list as sent, minus tags marked deleted.

    A key that occurs twice keeps its last value (and its first position).
    """
    kept: dict[str, str | None] = {}
    for tag in tags:
        if tag.change == TAG_CHANGE_DELETE:
            kept.pop(tag.key, None)
        else:
            kept[tag.key] = tag.value
    return [{"key": key, "value": value} for key, value in kept.items()]


def _guid_text(value: uuid.UUID | None) -> str | None:
    return None if value is None else str(value)


# -- helpers: rows → wire --------------------------------------------------------------------------


def tags_to_wire(tags: StoredTags) -> list[Setting]:
    return [Setting(key=tag["key"], value=tag.get("value")) for tag in tags]


def _product_view(row: ProductRow) -> ProductView:
    return ProductView(
        part_number=row.part_number,
        name=row.name,
        category=row.product_category_name,
        non_serial=row.non_serial,
        state=row.state,
    )


def product_to_wire(row: ProductRow, *, with_revisions: bool = True) -> Product:
    """The product as WATS sends it; without ``revisions`` (``None``) when ``with_revisions`` is false."""
    return Product(
        part_number=row.part_number,
        name=row.name,
        description=row.description,
        non_serial=row.non_serial,
        state=row.state,
        product_id=uuid.UUID(row.product_id),
        xml_data=row.xml_data,
        product_category_id=uuid.UUID(row.product_category_id) if row.product_category_id else None,
        product_category_name=row.product_category_name,
        revisions=[revision_to_wire(revision, row) for revision in row.revisions] if with_revisions else None,
        tags=tags_to_wire(row.tags),
    )


def revision_to_wire(row: ProductRevisionRow, product: ProductRow) -> ProductRevision:
    return ProductRevision(
        revision=row.revision,
        name=row.name,
        description=row.description,
        state=row.state,
        product_revision_id=uuid.UUID(row.product_revision_id),
        product_id=uuid.UUID(product.product_id),
        xml_data=row.xml_data,
        part_number=product.part_number,
        tags=tags_to_wire(row.tags),
    )


def _group_to_wire(row: ProductGroupRow, group_filter: str | None) -> ProductGroup:
    return ProductGroup(
        product_group_id=row.product_group_id, product_group_name=row.product_group_name, filter=group_filter
    )


def _group_filters(session: Session) -> dict[int, str]:
    return {row.product_group_id: row.filter for row in session.scalars(select(ProductGroupFilterRow))}


def _store_group_filter(session: Session, group_id: int, group_filter: str | None) -> None:
    row = session.get(ProductGroupFilterRow, group_id)
    if group_filter is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(ProductGroupFilterRow(product_group_id=group_id, filter=group_filter))
    else:
        row.filter = group_filter


def _vendor_to_wire(row: VendorRow) -> Vendor:
    # Defined members win over an extra member of the same name.
    return Vendor.model_validate({**row.extra, "vendorId": row.vendor_id, "name": row.name})
