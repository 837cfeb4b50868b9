"""Parsing XML without the dangerous parts: any DOCTYPE or entity declaration is refused.

Reports never need a DTD, so instead of defusing entity expansion we refuse the document as soon
as the parser meets a document type declaration, an entity declaration or an external reference.
That stops external entities (XXE), "billion laughs" expansion and DTD fetching alike, using only
the standard library's expat.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any, NoReturn
from xml.parsers import expat

from pywats.domains.report.models.errors import ReportParseError, UnsafeXMLError

__all__ = ["declared_encoding_as_utf8", "parse_xml", "xml_declared_encoding"]

# <?xml version="1.0" encoding="Shift_JIS"?>, after an optional UTF-8 byte-order mark and white space.
_DECLARED_ENCODING = re.compile(
    rb"(?:\xef\xbb\xbf)?\s*<\?xml\s[^>]*?\bencoding\s*=\s*[\"']([A-Za-z][A-Za-z0-9._-]*)[\"']"
)
_DECLARATION_SCAN_BYTES = 1024


def _refuse(what: str) -> NoReturn:
    raise UnsafeXMLError(
        f"the document contains {what}; reports must not declare a DTD or entities",
        location="(document)",
        operation="parse_wsxf",
    )


def parse_xml(content: bytes | str) -> ET.Element:
    """The root element of ``content``.

    Raises :class:`UnsafeXMLError` for DOCTYPE/entity declarations and external references and
    :class:`ReportParseError` (with line and column) for malformed XML. Text (``str``) is read as
    it is, whatever its XML declaration says; bytes in the encoding their declaration names, also
    ones expat cannot read itself (Shift_JIS, GBK, EUC-KR…), which Python decodes first.
    """
    if isinstance(content, str):
        return _parse(content.encode("utf-8"), encoding="utf-8")
    try:
        return _parse(content, encoding=None)
    except ReportParseError:
        raise
    except ValueError:  # "multi-byte encodings are not supported"
        return _parse(_as_utf8(content), encoding="utf-8")


def _as_utf8(data: bytes) -> bytes:
    try:
        return declared_encoding_as_utf8(data)
    except (LookupError, UnicodeError) as exc:
        raise ReportParseError(
            f"the XML cannot be read in the encoding it declares ({xml_declared_encoding(data)}): {exc}",
            location="(document)",
            operation="parse_wsxf",
            cause=exc,
        ) from exc


def declared_encoding_as_utf8(data: bytes) -> bytes:
    """``data`` decoded with the encoding its XML declaration names, re-encoded as UTF-8.

    For expat, which reads only UTF-8/16, ASCII and Latin-1 itself: parse the result with the
    encoding overridden to UTF-8. Raises ``LookupError`` when no encoding is declared or Python does
    not know it, ``UnicodeError`` when the bytes are not in that encoding.
    """
    declared = xml_declared_encoding(data)
    if declared is None:
        raise LookupError("no encoding declared")
    return data.decode(declared).encode("utf-8")


def xml_declared_encoding(data: bytes) -> str | None:
    """The encoding named in the XML declaration at the start of ``data``, or None."""
    match = _DECLARED_ENCODING.match(data[:_DECLARATION_SCAN_BYTES])
    return match.group(1).decode("ascii") if match else None


def _parse(data: bytes, *, encoding: str | None) -> ET.Element:
    """Parse ``data``; ``encoding`` overrides the one the document declares."""
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate(encoding, namespace_separator="}")
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
        parser.Parse(data, True)
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
