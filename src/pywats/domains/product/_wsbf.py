"""WSBF: the XML document of ``PUT /api/Product/BOM`` (a revision's bill of materials)."""

from __future__ import annotations

from collections.abc import Sequence
from xml.etree import ElementTree

from pywats.domains.product.models import BomItem

__all__ = ["WSBF_NAMESPACE", "bom_to_wsbf"]

WSBF_NAMESPACE = "http://wats.virinco.com/schemas/WATS/wsbf"


def bom_to_wsbf(
    part_number: str, revision: str, items: Sequence[BomItem], description: str | None = None
) -> bytes:
    """The WSBF document for a revision's BOM.

    Each line becomes a ``Component`` with ``Number`` (part number), ``Rev`` (the component's
    revision), ``Qty``, ``Desc`` and ``Ref`` (reference designators, ``;``-separated).
    """
    # Attributes are unqualified, so the namespace is declared literally rather than through
    # ElementTree's prefix machinery (which refuses unqualified names with a default namespace).
    root = ElementTree.Element(
        "BOM", {"xmlns": WSBF_NAMESPACE, "Partnumber": part_number, "Revision": revision}
    )
    if description:
        root.set("Desc", description)
    for item in items:
        attributes = {"Number": item.part_number or "", "Qty": str(item.quantity)}
        if item.revision:
            attributes["Rev"] = item.revision
        if item.description:
            attributes["Desc"] = item.description
        if item.component_ref:
            attributes["Ref"] = item.component_ref
        ElementTree.SubElement(root, "Component", attributes)
    document: bytes = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
    return document
