"""Box-build templates: which child revisions a product revision is assembled from (internal API).

A template is the set of :class:`RevisionRelationRow` lines whose parent is a revision. A child fits a line
when its part number is the line's child part number and its revision is the line's child revision, or is
listed by the line's ``RevisionMask`` (comma-separated; a trailing ``%`` matches any suffix). The production
domain checks mounted units against these lines (:func:`template_lines`, :func:`line_for`).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pywats_server.db import Database
from pywats_server.domains.product.backend import product_to_wire, require_product, require_revision
from pywats_server.domains.product.schemas import Product, ProductRevisionRelation
from pywats_server.domains.product.tables import ProductRevisionRow, RevisionRelationRow
from pywats_server.errors import BadRequest, Conflict, NotFound

logger = logging.getLogger(__name__)

# Deeper trees than this are refused rather than walked (they can only come from a bug).
MAX_TEMPLATE_DEPTH = 32

ReferenceCheck = Callable[[Session, RevisionRelationRow], str | None]
"""Why a relation may not be deleted (a unit is built with it), or None; the production domain adds one."""


def revision_matches(revision: str, mask: str) -> bool:
    """Whether ``revision`` fits a revision mask such as ``"A,B"`` or ``"1.0,2.%"``."""
    for option in (part.strip() for part in mask.split(",")):
        if option.endswith("%") and revision.startswith(option[:-1]):
            return True
        if option == revision:
            return True
    return False


def template_lines(session: Session, parent_revision_id: str) -> list[RevisionRelationRow]:
    """The box-build lines of a revision (its direct children), in child part number order."""
    rows = session.scalars(
        select(RevisionRelationRow).where(RevisionRelationRow.parent_revision_id == parent_revision_id)
    )
    return sorted(rows, key=lambda row: (row.child.product.part_number, row.child.revision))


def line_for(
    lines: list[RevisionRelationRow], part_number: str, revision: str | None
) -> RevisionRelationRow | None:
    """The line a child of this part number and revision fits, or None."""
    for line in lines:
        if line.child.product.part_number != part_number:
            continue
        if revision is None or revision_matches(revision, line.revision_mask or line.child.revision):
            return line
    return None


class BoxBuildBackend:
    """Reading the revision tree and editing box-build lines."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.reference_checks: list[ReferenceCheck] = []

    def product_info(self, part_number: str, revision: str) -> list[dict[str, Any]]:
        """The revision (``hlevel`` 0) and, depth first, every line below it (``hlevel`` 1, 2, …)."""

        def work(session: Session) -> list[dict[str, Any]]:
            top = require_revision(session, part_number, revision)
            rows: list[dict[str, Any]] = [
                {
                    "hlevel": 0,
                    "ProductRevisionId": top.product_revision_id,
                    "ProductId": top.product_id,
                    "PartNumber": top.product.part_number,
                    "Revision": top.revision,
                    "Name": top.name or top.product.name,
                }
            ]
            self._walk(session, top.product_revision_id, 1, rows)
            return rows

        return self.db.read(work)

    def _walk(self, session: Session, parent_id: str, level: int, rows: list[dict[str, Any]]) -> None:
        if level > MAX_TEMPLATE_DEPTH:
            raise Conflict("The box-build tree is deeper than this server allows.")
        for line in template_lines(session, parent_id):
            wire = _relation_to_wire(line).model_dump(mode="json", by_alias=True, exclude_none=True)
            rows.append(
                {
                    "hlevel": level,
                    **wire,
                    "PartNumber": line.child.product.part_number,
                    "Revision": line.child.revision,
                }
            )
            self._walk(session, line.child_revision_id, level + 1, rows)

    def product_by_pn(self, part_number: str) -> Product:
        """The product with its revisions (without box-build lines)."""
        return self.db.read(lambda session: product_to_wire(require_product(session, part_number)))

    def add_relation(self, relation: ProductRevisionRelation) -> ProductRevisionRelation:
        """Add a line to a template; 404 for unknown revisions, 400 for a loop, 409 for a duplicate."""
        for value, member in (
            (relation.parent_product_revision_id, "ParentProductRevisionId"),
            (relation.product_revision_id, "ProductRevisionId"),
        ):
            if value is None:
                raise BadRequest(f"The request is invalid. {member}: is required.")

        def work(session: Session) -> ProductRevisionRelation:
            parent = _require_revision_id(
                session, relation.parent_product_revision_id, "ParentProductRevisionId"
            )
            child = _require_revision_id(session, relation.product_revision_id, "ProductRevisionId")
            if _contains(session, child.product_revision_id, parent.product_revision_id):
                raise BadRequest(
                    f"{child.product.part_number} {child.revision} cannot be a child of "
                    f"{parent.product.part_number} {parent.revision}: the box build would contain itself."
                )
            existing = session.scalar(
                select(RevisionRelationRow).where(
                    RevisionRelationRow.parent_revision_id == parent.product_revision_id,
                    RevisionRelationRow.child_revision_id == child.product_revision_id,
                )
            )
            if existing is not None:
                raise Conflict(
                    f"{child.product.part_number} {child.revision} is already in the box build of "
                    f"{parent.product.part_number} {parent.revision}."
                )
            row = RevisionRelationRow(
                relation_id=str(uuid.uuid4()),
                parent=parent,
                child=child,
                quantity=relation.quantity,
                item_number=relation.item_number,
                revision_mask=relation.revision_mask,
            )
            session.add(row)
            session.flush()
            logger.info("box build %s: added %s", parent.product.part_number, child.product.part_number)
            return _relation_to_wire(row)

        return self.db.write(work)

    def update_relation(self, relation: ProductRevisionRelation) -> ProductRevisionRelation:
        """Change a line's quantity, item number or revision mask."""

        def work(session: Session) -> ProductRevisionRelation:
            row = _require_relation(session, relation.relation_id)
            for given, stored, name in (
                (relation.parent_product_revision_id, row.parent_revision_id, "ParentProductRevisionId"),
                (relation.product_revision_id, row.child_revision_id, "ProductRevisionId"),
            ):
                if given is not None and str(given) != stored:
                    raise BadRequest(
                        f"{name} of a box-build line cannot change; delete the line and add a new one."
                    )
            row.quantity = relation.quantity
            row.item_number = relation.item_number
            row.revision_mask = relation.revision_mask
            return _relation_to_wire(row)

        return self.db.write(work)

    def delete_relation(self, relation_id: uuid.UUID) -> None:
        """Delete a line; 409 while a unit is assembled with a child that only this line allows."""

        def work(session: Session) -> None:
            row = _require_relation(session, relation_id)
            for check in self.reference_checks:
                reason = check(session, row)
                if reason is not None:
                    raise Conflict(reason)
            session.delete(row)

        self.db.write(work)


def _require_revision_id(session: Session, revision_id: uuid.UUID | None, member: str) -> ProductRevisionRow:
    if revision_id is None:
        raise BadRequest(f"The request is invalid. {member}: is required.")
    row = session.get(ProductRevisionRow, str(revision_id))
    if row is None:
        raise NotFound(f"Product revision '{revision_id}' not found")
    return row


def _require_relation(session: Session, relation_id: uuid.UUID | None) -> RevisionRelationRow:
    if relation_id is None:
        raise BadRequest("The request is invalid. ProductRevisionRelationId: is required.")
    row = session.get(RevisionRelationRow, str(relation_id))
    if row is None:
        raise NotFound(f"Product revision relation '{relation_id}' not found")
    return row


def _contains(session: Session, root_id: str, wanted_id: str) -> bool:
    """Whether ``wanted_id`` is ``root_id`` or anywhere in its box-build tree."""
    pending, seen = [root_id], set()
    while pending:
        current = pending.pop()
        if current == wanted_id:
            return True
        if current in seen:
            continue
        seen.add(current)
        pending.extend(
            session.scalars(
                select(RevisionRelationRow.child_revision_id).where(
                    RevisionRelationRow.parent_revision_id == current
                )
            )
        )
    return False


def _relation_to_wire(row: RevisionRelationRow) -> ProductRevisionRelation:
    return ProductRevisionRelation(
        relation_id=uuid.UUID(row.relation_id),
        parent_product_revision_id=uuid.UUID(row.parent_revision_id),
        product_revision_id=uuid.UUID(row.child_revision_id),
        quantity=row.quantity,
        item_number=row.item_number,
        revision_mask=row.revision_mask,
        child_part_number=row.child.product.part_number,
        child_revision=row.child.revision,
    )
