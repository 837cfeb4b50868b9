"""A parser for the OData ``$filter`` expressions WATS clients send (endpoints.md §1.6).

Grammar (OData v4 subset)::

    expr       := and_expr ("or" and_expr)*
    and_expr   := unary ("and" unary)*
    unary      := "not" unary | "(" expr ")" | call | comparison
    comparison := operand ("eq"|"ne"|"gt"|"ge"|"lt"|"le") operand
    call       := ("contains"|"startswith"|"endswith") "(" operand "," operand ")"
                | path "/any(" var ":" expr ")"
    operand    := path | 'string' | number | true | false | null | date/time | GUID | call

The result is a small tree of tuples that :mod:`.header_query` turns into SQL. Errors raise
:class:`ODataError` with a message the server returns as a 400.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

__all__ = ["Any_", "Call", "Compare", "Field", "Literal", "Logical", "Not", "ODataError", "parse_filter"]

COMPARISONS = frozenset({"eq", "ne", "gt", "ge", "lt", "le"})
FUNCTIONS = frozenset({"contains", "startswith", "endswith"})
MAX_FILTER_CHARS = 4000


class ODataError(ValueError):
    """The ``$filter`` (or ``$orderby``) text is not valid."""


@dataclass(frozen=True)
class Field:
    path: tuple[str, ...]


@dataclass(frozen=True)
class Literal:
    value: Any


@dataclass(frozen=True)
class Compare:
    op: str
    left: Any
    right: Any


@dataclass(frozen=True)
class Logical:
    op: str  # "and" | "or"
    left: Any
    right: Any


@dataclass(frozen=True)
class Not:
    operand: Any


@dataclass(frozen=True)
class Call:
    name: str
    args: tuple[Any, ...]


@dataclass(frozen=True)
class Any_:
    collection: str
    variable: str
    body: Any


_TOKEN = re.compile(
    r"""\s*(?:
      (?P<string>'(?:[^']|'')*')
    | (?P<guid>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})
    | (?P<datetime>\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?)
    | (?P<number>-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
    | (?P<name>[A-Za-z_][A-Za-z0-9_]*(?:/[A-Za-z_][A-Za-z0-9_]*)*)
    | (?P<punct>[(),:])
    )""",
    re.VERBOSE,
)


def _tokens(text: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    position = 0
    text = text.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise ODataError(
                f"Syntax error at position {position} in $filter: {text[position : position + 20]!r}"
            )
        kind = match.lastgroup
        assert kind is not None
        tokens.append((kind, match.group(kind)))
        position = match.end()
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.pos = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise ODataError("Unexpected end of $filter")
        self.pos += 1
        return token

    def keyword(self, word: str) -> bool:
        token = self.peek()
        if token is not None and token[0] == "name" and token[1].lower() == word:
            self.pos += 1
            return True
        return False

    def expect(self, punct: str) -> None:
        kind, value = self.take()
        if kind != "punct" or value != punct:
            raise ODataError(f"Expected '{punct}' in $filter, found {value!r}")

    def expression(self) -> Any:
        node = self.and_expression()
        while self.keyword("or"):
            node = Logical("or", node, self.and_expression())
        return node

    def and_expression(self) -> Any:
        node = self.unary()
        while self.keyword("and"):
            node = Logical("and", node, self.unary())
        return node

    def unary(self) -> Any:
        if self.keyword("not"):
            return Not(self.unary())
        left = self.operand()
        token = self.peek()
        if token is not None and token[0] == "name" and token[1].lower() in COMPARISONS:
            self.pos += 1
            return Compare(token[1].lower(), left, self.operand())
        return left

    def operand(self) -> Any:
        kind, value = self.take()
        if kind == "punct" and value == "(":
            node = self.expression()
            self.expect(")")
            return node
        if kind == "string":
            return Literal(value[1:-1].replace("''", "'"))
        if kind == "guid":
            return Literal(value.lower())
        if kind == "datetime":
            return Literal(_datetime(value))
        if kind == "number":
            return Literal(float(value) if any(c in value for c in ".eE") else int(value))
        if kind == "name":
            lowered = value.lower()
            if lowered in ("true", "false"):
                return Literal(lowered == "true")
            if lowered == "null":
                return Literal(None)
            path = tuple(value.split("/"))
            nxt = self.peek()
            if nxt == ("punct", "("):
                if path[-1].lower() == "any" and len(path) == 2:
                    return self.lambda_(path[0])
                if len(path) == 1 and lowered in FUNCTIONS | {"tolower", "toupper"}:
                    return self.call(lowered)
                raise ODataError(f"Unknown function '{value}' in $filter")
            return Field(path)
        raise ODataError(f"Unexpected {value!r} in $filter")

    def call(self, name: str) -> Call:
        self.expect("(")
        args = [self.operand()]
        while self.peek() == ("punct", ","):
            self.pos += 1
            args.append(self.operand())
        self.expect(")")
        expected = 1 if name in ("tolower", "toupper") else 2
        if len(args) != expected:
            raise ODataError(f"{name}() takes {expected} argument(s)")
        return Call(name, tuple(args))

    def lambda_(self, collection: str) -> Any_:
        self.expect("(")
        kind, variable = self.take()
        if kind != "name":
            raise ODataError("Expected a range variable in any()")
        self.expect(":")
        body = self.expression()
        self.expect(")")
        return Any_(collection, variable, body)


def _datetime(text: str) -> Any:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise ODataError(f"Invalid date/time literal {text!r} in $filter") from exc


def parse_filter(text: str) -> Any:
    """The expression tree of a ``$filter`` text."""
    if len(text) > MAX_FILTER_CHARS:
        raise ODataError(f"$filter is longer than {MAX_FILTER_CHARS} characters")
    parser = _Parser(text)
    if not parser.tokens:
        raise ODataError("$filter is empty")
    node = parser.expression()
    if parser.peek() is not None:
        raise ODataError(f"Unexpected {parser.peek()[1]!r} in $filter")  # type: ignore[index]
    return node
