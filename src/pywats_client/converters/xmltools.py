"""Reading XML result files safely: a cheap look at the root, and a full parse that refuses DTDs.

Both use expat with any DOCTYPE, entity declaration or external reference refused (the report
package's parser, :mod:`pywats.domains.report.formats._safe_xml`), so external entities and
entity-expansion bombs never reach a converter.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.parsers import expat

from pywats.domains.report.formats._safe_xml import parse_xml
from pywats.domains.report.models.errors import ReportParseError, UnsafeXMLError
from pywats_client.converters.encoding import decode_text
from pywats_client.converters.errors import ConversionError, IncompleteFileError
from pywats_client.converters.source import SourceFile

__all__ = [
    "XmlHead",
    "child",
    "child_text",
    "children",
    "descendants",
    "local_name",
    "namespace",
    "parse_bytes",
    "parse_source",
    "sniff_xml",
]

_EXPAT_ENCODINGS = frozenset(
    {"utf-8", "utf8", "utf-16", "utf16", "iso-8859-1", "latin-1", "latin1", "us-ascii"}
)
_DECL = re.compile(r"""^\s*<\?xml[^>]*?\?>""")


@dataclass
class XmlHead:
    """The start of an XML document: the root and the first elements below it."""

    root_ns: str
    root: str
    root_attrs: dict[str, str]
    elements: list[tuple[int, str, str, dict[str, str]]] = field(default_factory=list)
    """``(depth, namespace, local name, attributes)`` of the first elements, root excluded."""
    complete: bool = False
    """True if the whole document was seen and is well formed."""

    def has(self, local: str, *, depth: int | None = None) -> bool:
        """True if an element called ``local`` (at ``depth``, 1 = child of the root) was seen."""
        return any(name == local and (depth is None or d == depth) for d, _, name, _ in self.elements)

    def first(self, local: str) -> dict[str, str] | None:
        """The attributes of the first element called ``local`` seen, or None."""
        return next((attrs for _, _, name, attrs in self.elements if name == local), None)


class _Enough(Exception):
    pass


class _Unsafe(Exception):
    pass


def _split(tag: str) -> tuple[str, str]:
    """``(namespace, local name)`` of an ElementTree tag (``{ns}local``) or an expat one (``ns}local``)."""
    ns, sep, local = tag.rpartition("}")
    return (ns.lstrip("{"), local) if sep else ("", tag)


def sniff_xml(head: bytes, *, final: bool = False, max_elements: int = 200) -> XmlHead | None:
    """The root and first elements of the XML document starting with ``head``.

    None if ``head`` does not start an XML document or declares a DTD. Reading stops after
    ``max_elements`` elements. ``final`` says ``head`` is the whole file; then ``complete``
    tells whether the document is well formed to its end. Text after a malformed spot is not
    looked at: what was read before it is returned (the full parse reports the error).
    """
    data = _expat_ready(head)
    parser = expat.ParserCreate(namespace_separator="}")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    found: list[XmlHead] = []
    depth = 0

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal depth
        ns, local = _split(tag)
        if not found:
            found.append(XmlHead(ns, local, dict(attrs)))
        else:
            found[0].elements.append((depth, ns, local, dict(attrs)))
            if len(found[0].elements) >= max_elements:
                raise _Enough
        depth += 1

    def end(tag: str) -> None:
        nonlocal depth
        depth -= 1

    def unsafe(*_: object) -> None:
        raise _Unsafe

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.StartDoctypeDeclHandler = unsafe
    parser.EntityDeclHandler = unsafe
    parser.ExternalEntityRefHandler = unsafe  # type: ignore[assignment]
    try:
        parser.Parse(data, final)
        if final and found:
            found[0].complete = True
    except _Enough:
        pass
    except _Unsafe:
        return None
    except (expat.ExpatError, ValueError, LookupError):  # LookupError: an unknown declared encoding
        pass
    return found[0] if found else None


def _expat_ready(data: bytes) -> bytes:
    """``data`` in an encoding expat reads: documents declared (or detected) as something else
    (windows-1252, UTF-16 without BOM…) are re-encoded as UTF-8 with the declaration fixed."""
    match = re.match(rb"""\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""", data[:200])
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        if not data.startswith(b"\xef\xbb\xbf"):
            text = decode_text(data)[0]
            return _DECL.sub('<?xml version="1.0" encoding="utf-8"?>', text, count=1).encode("utf-8")
        return data
    if match is None or match.group(1).decode("ascii").lower() in _EXPAT_ENCODINGS:
        return data
    text = decode_text(data)[0]
    return _DECL.sub('<?xml version="1.0" encoding="utf-8"?>', text, count=1).encode("utf-8")


def parse_source(file: SourceFile) -> ET.Element:
    """The root element of the XML ``file``.

    Raises :class:`ConversionError` (with the line) for malformed XML or a DTD, and
    :class:`IncompleteFileError` when the document simply stops (a file still being written).
    """
    return parse_bytes(file.read_bytes())


def parse_bytes(content: bytes, *, element: str | None = None) -> ET.Element:
    """The root element of the XML document ``content`` (a ZIP member, say: ``element`` names it
    in errors). Errors as :func:`parse_source`."""
    try:
        return _parse(content)
    except ConversionError as exc:
        if element is None:
            raise
        raise type(exc)(exc.reason, line=exc.line, element=element) from exc


def _parse(content: bytes) -> ET.Element:
    data = _expat_ready(content)
    try:
        return parse_xml(data)
    except UnsafeXMLError as exc:
        raise ConversionError("the XML declares a DTD or entities; refused unread") from exc
    except ReportParseError as exc:
        line = _line_of(exc.location)
        reason = exc.message.split(": ", 1)[-1]
        if "no element found" in reason or "unclosed token" in reason:
            raise IncompleteFileError(f"the XML document ends early ({reason})", line=line) from exc
        raise ConversionError(reason, line=line) from exc


def _line_of(location: str | None) -> int | None:
    match = re.match(r"line (\d+)", location or "")
    return int(match.group(1)) if match else None


def local_name(element: ET.Element) -> str:
    """The tag without its namespace."""
    return _split(element.tag)[1]


def namespace(element: ET.Element) -> str:
    """The namespace URI of the tag ("" for none)."""
    return _split(element.tag)[0]


def children(element: ET.Element, local: str) -> list[ET.Element]:
    """The children called ``local`` (any namespace)."""
    return [c for c in element if _split(c.tag)[1] == local]


def child(element: ET.Element | None, local: str) -> ET.Element | None:
    """The first child called ``local`` (any namespace), or None."""
    if element is None:
        return None
    return next((c for c in element if _split(c.tag)[1] == local), None)


def child_text(element: ET.Element | None, local: str) -> str | None:
    """The stripped text of the first child called ``local``; None if absent or empty."""
    found = child(element, local)
    if found is None or found.text is None:
        return None
    return found.text.strip() or None


def descendants(element: ET.Element, local: str) -> Iterator[ET.Element]:
    """Every element below ``element`` called ``local`` (any namespace), in document order."""
    return (e for e in element.iter() if e is not element and _split(e.tag)[1] == local)
