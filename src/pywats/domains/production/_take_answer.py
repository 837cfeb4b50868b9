"""Reading the answer of ``POST /api/Production/SerialNumbers/Take``.

WATS answers XML, ``<SerialNumbers …><SN id="SN0001"/>…</SerialNumbers>``, although clients ask for
JSON; a JSON array of strings (or of ``{"serialNumber": …}`` objects) is accepted as well. The XML is
parsed with DTDs and entity declarations refused, so a hostile server cannot expand or fetch entities.
"""

from __future__ import annotations

import json
from typing import Any, NoReturn
from xml.parsers import expat

from pywats.core.exceptions import InvalidResponseError

__all__ = ["serials_from_take_answer"]

_OPERATION = "allocate_serial_numbers"


def serials_from_take_answer(content: bytes) -> list[str]:
    """The serial numbers in a Take answer, in the server's order."""
    text = content.lstrip()
    if not text:
        return []
    if text.startswith(b"<"):
        return _from_xml(content)
    try:
        data = json.loads(content)
    except ValueError as exc:
        raise InvalidResponseError(
            "The serial-number answer is neither XML nor JSON", operation=_OPERATION, cause=exc
        ) from exc
    if isinstance(data, list):
        return [_serial(item) for item in data]
    _invalid(f"expected a list of serial numbers, got {type(data).__name__}")


def _serial(item: Any) -> str:
    if isinstance(item, str):
        return item
    if isinstance(item, dict):
        for key, value in item.items():
            if str(key).casefold() in ("serialnumber", "id", "sn") and isinstance(value, str):
                return value
    _invalid(f"cannot read a serial number from {item!r}")


def _from_xml(content: bytes) -> list[str]:
    serials: list[str] = []

    def start(tag: str, attributes: dict[str, str]) -> None:
        if tag.rsplit("}", 1)[-1] == "SN":
            serial = attributes.get("id")
            if serial is None:
                _invalid("an SN element has no id")
            serials.append(serial)

    def refuse(*_: Any) -> Any:
        _invalid("it declares a DOCTYPE or entities")

    parser = expat.ParserCreate(namespace_separator="}")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    try:
        parser.Parse(content, True)
    except expat.ExpatError as exc:
        raise InvalidResponseError(
            f"The serial-number answer is not well-formed XML: {exc}", operation=_OPERATION, cause=exc
        ) from exc
    return serials


def _invalid(why: str) -> NoReturn:
    raise InvalidResponseError(f"Cannot read the serial-number answer: {why}", operation=_OPERATION)
