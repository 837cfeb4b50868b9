"""Input generators for fuzzing: byte-level mutation, and structure-aware mutation of JSON, XML and text.

All of them take a seeded :class:`random.Random`, so a failing input can be made again from its seed.
"""

from __future__ import annotations

import json
import math
import xml.etree.ElementTree as ET
from random import Random
from typing import Any

__all__ = ["mutate_bytes", "mutate_json", "mutate_lines", "mutate_xml", "nasty_text", "nasty_value"]

TOKENS = (
    b"{", b"}", b"[", b"]", b'"', b",", b":", b"<", b">", b"/>", b"&", b"&amp;", b"&#0;", b"]]>", b"<!--",
    b"\x00", b"\xff", b"\xc3\x28", b"\xef\xbb\xbf", b"\t", b"\r\n", b"\n", b"9" * 400, b"1e999", b"-0",
    b"NaN", b"Infinity", b"null", b"true", b"--Header-Start--", b"--Step-Data-Start--", b"--UUT-End--",
)  # fmt: skip
NASTY_STRINGS = ("", " ", "\x00", "\ud7ff", "é" * 300, "x" * 5000, "../../etc/passwd", "<&>", "NaN", "1e400")


def mutate_bytes(rng: Random, data: bytes, other: bytes = b"") -> bytes:
    """1–6 edits: flip, cut, delete, duplicate, insert a token, or splice in part of ``other``."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        if not out:
            out.extend(rng.choice(TOKENS))
            continue
        at = rng.randrange(len(out))
        kind = rng.randrange(7)
        if kind == 0:
            out[at] = rng.randrange(256)
        elif kind == 1:
            del out[at:]
        elif kind == 2:
            del out[at : at + rng.randint(1, 64)]
        elif kind == 3:
            out[at:at] = out[at : at + rng.randint(1, 64)]
        elif kind == 4:
            out[at:at] = rng.choice(TOKENS)
        elif kind == 5 and other:
            start = rng.randrange(len(other))
            out[at:at] = other[start : start + rng.randint(1, 256)]
        else:
            out[at] = rng.choice(b"0123456789.-+eE\"'<>&;")
    return bytes(out)


def nasty_value(rng: Random, depth: int = 0) -> Any:
    """A JSON value chosen to upset a reader: wrong types, extremes, deep nesting, odd strings."""
    kind = rng.randrange(12)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice([True, False])
    if kind == 2:
        return rng.choice([0, -1, 2**31, -(2**63), 10**30, 2**64])
    if kind == 3:
        return rng.choice([0.0, -0.0, 1e308, -1e308, 5e-324, math.pi])
    if kind == 4:
        return rng.choice(NASTY_STRINGS)
    if kind == 5:
        return rng.choice(["P", "F", "E", "T", "S", "GELE", "LOG", "ET", "2025-13-45T99:99:99", "T", "R"])
    if kind == 6 and depth < 3:
        return [nasty_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    if kind == 7 and depth < 3:
        return {rng.choice(["name", "status", "id", "steps", "value"]): nasty_value(rng, depth + 1)}
    if kind == 8:
        nested: Any = []
        for _ in range(rng.choice([50, 500, 5000])):
            nested = [nested]
        return nested
    if kind == 9:
        return "x" * rng.choice([1, 101, 1001, 100_001])
    if kind == 10:
        return rng.choice(["00000000-0000-0000-0000-000000000000", "not-a-guid", "{" * 3])
    return rng.randint(-5, 5)


def nasty_text(rng: Random) -> str:
    """A string value chosen to upset a reader of XML attributes or text fields."""
    value = nasty_value(rng)
    if isinstance(value, list | dict):
        return rng.choice(NASTY_STRINGS)
    return str(value)[:2000]


def _containers(value: Any, found: list[Any], depth: int = 0) -> None:
    if depth > 40:  # below an inserted deep nest: nothing more to find
        return
    if isinstance(value, dict):
        found.append(value)
        for child in value.values():
            _containers(child, found, depth + 1)
    elif isinstance(value, list):
        found.append(value)
        for child in value:
            _containers(child, found, depth + 1)


def mutate_json(rng: Random, document: Any) -> bytes:
    """Replace, delete or add 1–4 members anywhere in a copy of ``document``; serialise it."""
    copy = json.loads(json.dumps(document))
    for _ in range(rng.randint(1, 4)):
        containers: list[Any] = []
        _containers(copy, containers)
        target = rng.choice(containers)
        if isinstance(target, dict):
            if target and rng.random() < 0.7:
                key = rng.choice(list(target))
                if rng.random() < 0.25:
                    del target[key]
                else:
                    target[key] = nasty_value(rng)
            else:
                target[rng.choice(["extra", "stepType", "numericMeas", "root", "uur", "miscInfos"])] = (
                    nasty_value(rng)
                )
        elif target:
            index = rng.randrange(len(target))
            target[index] = nasty_value(rng)
        else:
            target.append(nasty_value(rng))
    try:
        return json.dumps(copy, allow_nan=True).encode()
    except (ValueError, RecursionError):
        return b"[" * 10_000


def mutate_xml(rng: Random, root: ET.Element) -> bytes:
    """Change 1–4 attributes, texts or element names in a copy of the tree; serialise it."""
    copy = ET.fromstring(ET.tostring(root))
    elements = list(copy.iter())
    for _ in range(rng.randint(1, 4)):
        element = rng.choice(elements)
        kind = rng.randrange(5)
        if kind == 0 and element.attrib:
            key = rng.choice(list(element.attrib))
            element.set(key, nasty_text(rng))
        elif kind == 1 and element.attrib:
            del element.attrib[rng.choice(list(element.attrib))]
        elif kind == 2:
            element.text = nasty_text(rng)
        elif kind == 3:
            element.tag = element.tag.rsplit("}", 1)[0] + "}" + rng.choice(["Step", "Report", "X", "Chart"])
        else:
            element.append(ET.Element(rng.choice([e.tag for e in elements]), {"Name": "x"}))
    text = ET.tostring(copy, encoding="unicode").replace("\x00", "")
    return text.encode("utf-8", "surrogatepass")


def mutate_lines(rng: Random, data: bytes) -> bytes:
    """Text formats: drop, repeat, swap lines, or change one tab-separated field."""
    lines = data.split(b"\n")
    for _ in range(rng.randint(1, 4)):
        if not lines:
            break
        at = rng.randrange(len(lines))
        kind = rng.randrange(4)
        if kind == 0:
            del lines[at]
        elif kind == 1:
            lines.insert(at, lines[rng.randrange(len(lines))])
        elif kind == 2:
            other = rng.randrange(len(lines))
            lines[at], lines[other] = lines[other], lines[at]
        else:
            fields = lines[at].split(b"\t")
            fields[rng.randrange(len(fields))] = nasty_text(rng)[:500].encode("utf-8", "replace")
            lines[at] = b"\t".join(fields)
    return b"\n".join(lines)
