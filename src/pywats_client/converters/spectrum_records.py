"""The parenthesised record syntax of Teradyne Spectrum logs: ``(KEY: content)``.

Content is a quoted string, bare text, or further records; line breaks and indentation carry no
meaning, so the parser reads characters, not lines (a tester that re-wraps its output must not
break it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from pywats_client.converters.errors import ConversionError, IncompleteFileError

__all__ = ["Node", "parse_nodes"]

_KEY = re.compile(r"\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*:")


@dataclass
class Node:
    """One ``(KEY: …)`` record: its text (quoted strings unquoted, bare text trimmed) and children."""

    key: str
    line: int
    text: str = ""
    children: list[Node] = field(default_factory=list)

    def get(self, key: str) -> Node | None:
        """The first child called ``key``."""
        return next((c for c in self.children if c.key == key), None)

    def all(self, key: str) -> list[Node]:
        """Every child called ``key``."""
        return [c for c in self.children if c.key == key]

    def value(self, key: str) -> str | None:
        """The text of the first child called ``key`` (None if absent or empty)."""
        found = self.get(key)
        return found.text if found is not None and found.text else None

    def walk(self) -> Iterator[Node]:
        """This record and every record below it."""
        yield self
        for child in self.children:
            yield from child.walk()


def parse_nodes(text: str) -> list[Node]:
    """The top-level records of ``text``; raises :class:`IncompleteFileError` if one is not closed."""
    roots: list[Node] = []
    stack: list[Node] = []
    texts: list[list[str]] = []
    i, line, length = 0, 1, len(text)
    while i < length:
        ch = text[i]
        if ch == "(":
            match = _KEY.match(text, i)
            if match is None:
                if not stack:
                    raise ConversionError(f"unexpected {text[i : i + 20]!r} outside a record", line=line)
                texts[-1].append(ch)  # a parenthesis inside bare text
                i += 1
                continue
            node = Node(match.group(1).upper(), line)
            (stack[-1].children if stack else roots).append(node)
            stack.append(node)
            texts.append([])
            line += text.count("\n", i, match.end())
            i = match.end()
        elif ch == ")":
            if not stack:
                raise ConversionError("a closing parenthesis without an open record", line=line)
            node = stack.pop()
            node.text = " ".join("".join(texts.pop()).split())
            i += 1
        elif ch == '"':
            end = text.find('"', i + 1)
            if end < 0:
                raise IncompleteFileError("a quoted string is not closed", line=line)
            if stack:
                texts[-1].append(text[i + 1 : end])
            line += text.count("\n", i, end)
            i = end + 1
        else:
            if ch == "\n":
                line += 1
            if stack:
                texts[-1].append(ch)
            elif not ch.isspace():
                raise ConversionError(f"unexpected {text[i : i + 20]!r} outside a record", line=line)
            i += 1
    if stack:
        raise IncompleteFileError(f"record ({stack[-1].key}: is not closed", line=stack[-1].line)
    return roots
