"""Turning the bytes of a result file into text without losing ``µ``, ``Ω`` or ``°``.

Order (equipment-formats §2.8): a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32), the XML
declaration's ``encoding=``, strict UTF-8, then the configured fallback (``cp1252`` by default).
Text is never decoded with "ignore errors".
"""

from __future__ import annotations

import codecs
import re

__all__ = ["DEFAULT_FALLBACK_ENCODING", "decode_text", "detect_encoding", "normalise_unit"]

DEFAULT_FALLBACK_ENCODING = "cp1252"

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_XML_DECL = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
# Characters XML (and so WATS) cannot store; NUL bytes show up in logs written by C programs.
_INVALID_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _bom(data: bytes) -> tuple[str, int] | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    # "<\0?\0" or "\0<\0?": UTF-16 XML written without a BOM (rare, but XML allows it).
    if data[:4] == b"<\x00?\x00":
        return "utf-16-le"
    if data[:4] == b"\x00<\x00?":
        return "utf-16-be"
    return None


def detect_encoding(data: bytes, fallback: str = DEFAULT_FALLBACK_ENCODING) -> str:
    """The encoding of ``data`` (only the first few KiB are looked at, except for the UTF-8 check)."""
    found = _bom(data)
    if found is not None:
        return found[0]
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    declared = _XML_DECL.match(data[:200])
    if declared is not None:
        name = declared.group(1).decode("ascii")
        try:
            return codecs.lookup(name).name
        except LookupError:
            pass
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A cut in the middle of a multi-byte character at the very end is still UTF-8.
        if exc.start < len(data) - 3 or exc.reason != "unexpected end of data":
            return fallback
    return "utf-8"


def decode_text(data: bytes, fallback: str = DEFAULT_FALLBACK_ENCODING) -> tuple[str, str]:
    """``(text, encoding)``: ``data`` decoded as :func:`detect_encoding` says, BOM removed and
    characters XML cannot hold (NUL, most control characters) dropped."""
    encoding = detect_encoding(data, fallback)
    found = _bom(data)
    body = data[found[1] :] if found is not None else data
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError:
        # A declared encoding that lies (an "utf-8" file saved by a Windows tool): use the fallback,
        # which for cp1252/latin-1 maps every byte, rather than dropping characters.
        encoding = fallback
        text = body.decode(fallback, errors="replace")
    if _INVALID_CHARS.search(text):
        text = _INVALID_CHARS.sub("", text)
    return text, encoding


def normalise_unit(unit: str | None) -> str | None:
    """A unit with one spelling of micro (U+00B5) and surrounding blanks removed; empty → None."""
    if unit is None:
        return None
    text = unit.strip().replace("\u03bc", "\u00b5")
    return text or None
