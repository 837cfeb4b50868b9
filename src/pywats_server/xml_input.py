"""Parsing XML that clients send, safely: no DTDs, no entity declarations, nothing fetched.

Request bodies are untrusted. A document type declaration is refused outright, which rules out
entity expansion attacks ("billion laughs") and external entities; the standard library's expat
parser is driven directly so that refusal happens before anything is expanded.
"""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree
from xml.parsers import expat

from pywats.domains.report.formats._safe_xml import declared_encoding_as_utf8, xml_declared_encoding
from pywats_server.errors import BadRequest

__all__ = ["local_name", "parse_xml"]

_NAMESPACE_SEPARATOR = "}"


def parse_xml(data: bytes, *, what: str) -> ElementTree.Element:
    """The document's root element; :class:`BadRequest` (naming ``what``) if it is not acceptable XML.

    Namespaced names come out in ElementTree's ``{uri}local`` form.
    """
    try:
        return _parse(data, what, encoding=None)
    except ValueError as exc:  # expat reads only UTF-8/16, ASCII and Latin-1 itself ("multi-byte encodings…")
        try:
            utf8 = declared_encoding_as_utf8(data)
        except (LookupError, UnicodeError) as problem:
            declared = xml_declared_encoding(data)
            raise BadRequest(
                f"{what} cannot be read in the encoding it declares ({declared}): {problem}."
            ) from exc
        return _parse(utf8, what, encoding="utf-8")


def _parse(data: bytes, what: str, *, encoding: str | None) -> ElementTree.Element:
    """Parse ``data``; ``encoding`` overrides the one the document declares."""
    builder = ElementTree.TreeBuilder()
    parser = expat.ParserCreate(encoding, namespace_separator=_NAMESPACE_SEPARATOR)
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse(*_: Any) -> Any:
        raise BadRequest(f"{what} must not contain a DOCTYPE or entity declarations.")

    def start(name: str, attributes: dict[str, str]) -> None:
        builder.start(_qualified(name), {_qualified(key): value for key, value in attributes.items()})

    def end(name: str) -> None:
        builder.end(_qualified(name))

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = builder.data
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise BadRequest(f"{what} is not well-formed XML: {exc}.") from exc
    except LookupError as exc:  # the XML declaration names an encoding Python does not know
        raise BadRequest(f"{what} declares an unknown encoding: {exc}.") from exc
    return builder.close()


def local_name(tag: str) -> str:
    """``BOM`` for ``{http://…}BOM`` or ``BOM``."""
    return tag.rsplit("}", 1)[-1]


def _qualified(name: str) -> str:
    return "{" + name if _NAMESPACE_SEPARATOR in name else name
