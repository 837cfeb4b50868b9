"""Parsing XML without the dangerous parts: any DOCTYPE or entity declaration is refused.

Reports never need a DTD, so instead of defusing entity expansion we refuse the document as soon
as the parser meets a document type declaration, an entity declaration or an external reference.
That stops external entities (XXE), "billion laughs" expansion and DTD fetching alike, using only
the standard library's expat.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any, NoReturn
from xml.parsers import expat

from pywats.domains.report.models.errors import ReportParseError, UnsafeXMLError

__all__ = ["parse_xml"]


def _refuse(what: str) -> NoReturn:
    raise UnsafeXMLError(
        f"the document contains {what}; reports must not declare a DTD or entities",
        location="(document)",
        operation="parse_wsxf",
    )


def parse_xml(content: bytes | str) -> ET.Element:
    """The root element of ``content``.

    Raises :class:`UnsafeXMLError` for DOCTYPE/entity declarations and external references and
    :class:`ReportParseError` (with line and column) for malformed XML.
    """
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate(namespace_separator="}")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def start(tag: str, attrs: dict[str, str]) -> None:
        builder.start(_qualified(tag), attrs)

    def end(tag: str) -> None:
        builder.end(_qualified(tag))

    def doctype(*_: Any) -> None:
        _refuse("a DOCTYPE declaration")

    def entity(*_: Any) -> None:
        _refuse("an entity declaration")

    def external(*_: Any) -> int:
        _refuse("an external entity reference")

    def unparsed(*_: Any) -> None:
        _refuse("an unparsed entity declaration")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = builder.data
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = unparsed
    parser.ExternalEntityRefHandler = external
    parser.buffer_text = True
    parser.ordered_attributes = False
    try:
        parser.Parse(content.encode("utf-8") if isinstance(content, str) else content, True)
    except expat.ExpatError as exc:
        raise ReportParseError(
            f"not well-formed XML: {expat.ErrorString(exc.code)}",
            location=f"line {exc.lineno}, column {exc.offset + 1}",
            operation="parse_wsxf",
            cause=exc,
        ) from exc
    except LookupError as exc:  # the XML declaration names an encoding Python does not know
        raise ReportParseError(
            f"the XML declaration names an unknown encoding ({exc})",
            location="(document)",
            operation="parse_wsxf",
            cause=exc,
        ) from exc
    try:
        return builder.close()
    except AssertionError as exc:  # pragma: no cover - expat already rejects unbalanced documents
        raise ReportParseError(
            "the XML document is empty", location="(document)", operation="parse_wsxf"
        ) from exc


def _qualified(tag: str) -> str:
    # expat gives "namespace}local"; ElementTree spells it "{namespace}local".
    return "{" + tag if "}" in tag else tag
