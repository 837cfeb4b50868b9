"""Bills of materials: JSON lines (internal API) and WSBF XML documents (public ``PUT /api/Product/BOM``).

Either way a write replaces the revision's whole BOM in one transaction.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence

from pydantic import ValidationError as PydanticValidationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from pywats_server.db import Database
from pywats_server.domains.product.backend import require_revision
from pywats_server.domains.product.schemas import BomItem
from pywats_server.domains.product.tables import BomItemRow, ProductRevisionRow
from pywats_server.errors import BadRequest, describe_validation_errors
from pywats_server.xml_input import local_name, parse_xml

logger = logging.getLogger(__name__)

WSBF_NAMESPACE = "http://wats.virinco.com/schemas/WATS/wsbf"


class BomBackend:
    """Reading and replacing a revision's BOM."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get_bom(self, part_number: str, revision: str) -> list[BomItem]:
        """The BOM lines of a revision, in the order they were uploaded."""

        def work(session: Session) -> list[BomItem]:
            row = require_revision(session, part_number, revision)
            return [_item_to_wire(item) for item in _lines(session, row.product_revision_id)]

        return self.db.read(work)

    def put_bom(self, part_number: str, revision: str, items: Sequence[BomItem]) -> list[BomItem]:
        """Replace a revision's BOM with ``items``; returns the stored lines."""

        def work(session: Session) -> list[BomItem]:
            return _replace(session, require_revision(session, part_number, revision), items)

        return self.db.write(work)

    def put_wsbf(self, document: bytes) -> list[BomItem]:
        """Replace the BOM of the revision a WSBF document names (``Partnumber``, ``Revision``)."""
        part_number, revision, items = parse_wsbf(document)
        return self.put_bom(part_number, revision, items)


def parse_wsbf(document: bytes) -> tuple[str, str, list[BomItem]]:
    """Part number, revision and lines of a WSBF document; :class:`BadRequest` if it is not one."""
    root = parse_xml(document, what="The BOM document")
    if local_name(root.tag) != "BOM":
        raise BadRequest(f"The BOM document's root element must be BOM, not {local_name(root.tag)}.")
    attributes = {key.casefold(): value for key, value in root.attrib.items()}
    part_number, revision = attributes.get("partnumber", "").strip(), attributes.get("revision", "").strip()
    if not part_number or not revision:
        raise BadRequest("The BOM element needs the Partnumber and Revision attributes.")
    items = []
    for position, component in enumerate(child for child in root if local_name(child.tag) == "Component"):
        values = {key.casefold(): value for key, value in component.attrib.items()}
        try:
            items.append(
                BomItem.model_validate(
                    {
                        "partNumber": values.get("number", ""),
                        "revision": values.get("rev") or None,
                        "quantity": int(values.get("qty", "1")),
                        "description": values.get("desc") or None,
                        "componentRef": values.get("ref") or None,
                    }
                )
            )
        except PydanticValidationError as exc:
            raise BadRequest(
                f"Component {position + 1}: " + describe_validation_errors(exc.errors(include_url=False))
            ) from exc
        except ValueError as exc:
            raise BadRequest(f"Component {position + 1}: Qty must be a whole number.") from exc
    return part_number, revision, items


def _lines(session: Session, revision_id: str) -> list[BomItemRow]:
    statement = (
        select(BomItemRow).where(BomItemRow.product_revision_id == revision_id).order_by(BomItemRow.position)
    )
    return list(session.scalars(statement))


def _replace(session: Session, revision: ProductRevisionRow, items: Sequence[BomItem]) -> list[BomItem]:
    session.execute(delete(BomItemRow).where(BomItemRow.product_revision_id == revision.product_revision_id))
    rows = [
        BomItemRow(
            bom_item_id=str(uuid.uuid4()),
            product_revision_id=revision.product_revision_id,
            position=position,
            component_ref=item.component_ref,
            part_number=item.part_number,
            revision=item.revision,
            description=item.description,
            quantity=item.quantity,
            manufacturer=item.manufacturer,
            manufacturer_pn=item.manufacturer_pn,
            vendor=item.vendor,
            vendor_pn=item.vendor_pn,
        )
        for position, item in enumerate(items)
    ]
    session.add_all(rows)
    logger.info(
        "BOM of %s %s replaced (%d lines)", revision.product.part_number, revision.revision, len(rows)
    )
    return [_item_to_wire(row) for row in rows]


def _item_to_wire(row: BomItemRow) -> BomItem:
    return BomItem(
        bom_item_id=uuid.UUID(row.bom_item_id),
        product_revision_id=uuid.UUID(row.product_revision_id),
        component_ref=row.component_ref,
        part_number=row.part_number,
        revision=row.revision,
        description=row.description,
        quantity=row.quantity,
        manufacturer=row.manufacturer,
        manufacturer_pn=row.manufacturer_pn,
        vendor=row.vendor,
        vendor_pn=row.vendor_pn,
    )
