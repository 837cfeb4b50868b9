"""Additional data in WSXF: the WSJF property tree written as nested ``Prop`` elements.

WATS carries TestStand's own property XML here and treats it as opaque; pyWATS writes the WSJF
tree (``name``, ``type``, ``flags``, ``value``, ``props``, ``array``…) in this simple element
form so that a report survives WSJF → WSXF → WSJF with its additional data intact.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

__all__ = ["props_from_xml", "props_to_xml"]

_INT_KEYS = frozenset({"flags", "dimension"})
# ASCII digits only: str.isdigit() also accepts "²", which int() refuses.
_INTEGER = re.compile(r"-?[0-9]+")


def props_to_xml(parent: ET.Element, props: list[Any]) -> None:
    """Append one ``Prop`` element per property (``Null`` for a null entry)."""
    for prop in props:
        if not isinstance(prop, dict):
            ET.SubElement(parent, "Null")
            continue
        element = ET.SubElement(parent, "Prop", _scalars(prop))
        props_to_xml(element, prop.get("props") or [])
        array = prop.get("array")
        if isinstance(array, dict):
            array_element = ET.SubElement(element, "Array", _scalars(array))
            for index in array.get("indexes") or ():
                if not isinstance(index, dict):
                    ET.SubElement(array_element, "Null")
                    continue
                attrs = _scalars(index)
                attrs["indexes"] = ",".join(str(i) for i in index.get("indexes") or ())
                index_element = ET.SubElement(array_element, "Index", attrs)
                if isinstance(index.get("value"), dict):
                    props_to_xml(index_element, [index["value"]])


def _scalars(data: dict[str, Any]) -> dict[str, str]:
    return {
        key: ("true" if value is True else "false" if value is False else str(value))
        for key, value in data.items()
        if value is not None and not isinstance(value, list | dict)
    }


def props_from_xml(parent: ET.Element) -> list[Any]:
    """The property list under ``parent`` (the inverse of :func:`props_to_xml`)."""
    props: list[Any] = []
    for element in parent:
        tag = _local(element.tag)
        if tag == "Null":
            props.append(None)
        elif tag == "Prop":
            props.append(_prop(element))
    return props


def _prop(element: ET.Element) -> dict[str, Any]:
    prop: dict[str, Any] = _typed(element.attrib)
    children = [child for child in element if _local(child.tag) in ("Prop", "Null")]
    if children:
        prop["props"] = props_from_xml(element)
    for child in element:
        if _local(child.tag) == "Array":
            array: dict[str, Any] = _typed(child.attrib)
            indexes: list[Any] = []
            for index_element in child:
                if _local(index_element.tag) == "Null":
                    indexes.append(None)
                    continue
                attrs = dict(index_element.attrib)
                numbers = attrs.pop("indexes", "")
                index: dict[str, Any] = _typed(attrs)
                index["indexes"] = [int(n) for n in numbers.split(",") if _INTEGER.fullmatch(n.strip())]
                values = props_from_xml(index_element)
                if values:
                    index["value"] = values[0]
                indexes.append(index)
            array["indexes"] = indexes
            prop["array"] = array
    return prop


def _typed(attrs: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, text in attrs.items():
        if key in _INT_KEYS and _INTEGER.fullmatch(text):
            out[key] = int(text)
        else:
            out[key] = text
    return out


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
