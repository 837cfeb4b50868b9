"""The OData subset the asset endpoints accept: ``$filter``, ``$orderby``, ``$top``, ``$skip``.

Filters are parsed into a small expression tree and evaluated against rows given as dicts of
wire names (member names match case-insensitively, like the rest of the API). Supported:
``eq ne gt ge lt le``, ``and or not``, parentheses, ``null``/``true``/``false``, numbers,
quoted strings (``''`` for a quote), bare ISO dates and timestamps, and the functions
``contains``, ``startswith``, ``endswith``. String comparisons ignore case, as the SQL Server
behind WATS does by default.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pywats_server.errors import BadRequest

__all__ = ["ODataError", "apply_query", "compact", "parse_filter", "parse_orderby"]

Row = Mapping[str, Any]
Predicate = Callable[[Row], bool]

_TOKEN_RE = re.compile(
    r"""\s*(?:
    (?P<string>'(?:[^']|'')*')
  | (?P<date>\d{4}-\d{2}-\d{2}(?:T[0-9:.]+(?:Z|[+-]\d{2}:\d{2})?)?)
  | (?P<number>-?\d+(?:\.\d+)?)
  | (?P<name>[A-Za-z_][A-Za-z0-9_/]*)
  | (?P<punct>[(),])
    )""",
    re.VERBOSE,
)
_COMPARISONS = {"eq", "ne", "gt", "ge", "lt", "le"}
_FUNCTIONS = {"contains", "startswith", "endswith"}


class ODataError(BadRequest):
    """A query option the server cannot understand (answered 400)."""


@dataclass
class _Token:
    kind: str
    text: str


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    while position < len(text):
        if text[position:].strip() == "":
            break
        match = _TOKEN_RE.match(text, position)
        if match is None or match.end() == position:
            raise ODataError(f"Invalid $filter near {text[position : position + 20]!r}.")
        kind = match.lastgroup or ""
        tokens.append(_Token(kind, match.group(kind)))
        position = match.end()
    return tokens


class _Parser:
    """Recursive descent: or → and → not → comparison → operand."""

    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.index = 0

    def parse(self) -> Predicate:
        predicate = self._or()
        if self.index != len(self.tokens):
            raise ODataError(f"Unexpected {self.tokens[self.index].text!r} in $filter.")
        return predicate

    def _peek(self) -> _Token | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def _take(self, text: str | None = None) -> _Token:
        token = self._peek()
        if token is None or (text is not None and token.text.casefold() != text):
            raise ODataError(f"$filter: expected {text or 'more'} but the expression ended or differs.")
        self.index += 1
        return token

    def _keyword(self, word: str) -> bool:
        token = self._peek()
        if token is not None and token.kind == "name" and token.text.casefold() == word:
            self.index += 1
            return True
        return False

    def _or(self) -> Predicate:
        left = self._and()
        while self._keyword("or"):
            right = self._and()
            left = (lambda a, b: lambda row: a(row) or b(row))(left, right)
        return left

    def _and(self) -> Predicate:
        left = self._not()
        while self._keyword("and"):
            right = self._not()
            left = (lambda a, b: lambda row: a(row) and b(row))(left, right)
        return left

    def _not(self) -> Predicate:
        if self._keyword("not"):
            inner = self._not()
            return lambda row: not inner(row)
        return self._comparison()

    def _comparison(self) -> Predicate:
        token = self._peek()
        if token is not None and token.text == "(":
            self._take("(")
            inner = self._or()
            self._take(")")
            return inner
        if token is not None and token.kind == "name" and token.text.casefold() in _FUNCTIONS:
            return self._function()
        left = self._operand()
        operator = self._take().text.casefold()
        if operator not in _COMPARISONS:
            raise ODataError(f"$filter: unknown operator {operator!r} (use eq, ne, gt, ge, lt or le).")
        right = self._operand()
        return lambda row: _compare(operator, left(row), right(row))

    def _function(self) -> Predicate:
        name = self._take().text.casefold()
        self._take("(")
        field = self._operand()
        self._take(",")
        needle = self._operand()
        self._take(")")

        def test(row: Row) -> bool:
            haystack, wanted = field(row), needle(row)
            if not isinstance(haystack, str) or not isinstance(wanted, str):
                return False
            haystack, wanted = haystack.casefold(), wanted.casefold()
            if name == "contains":
                return wanted in haystack
            return haystack.startswith(wanted) if name == "startswith" else haystack.endswith(wanted)

        return test

    def _operand(self) -> Callable[[Row], Any]:
        token = self._take()
        if token.kind == "string":
            value: Any = token.text[1:-1].replace("''", "'")
        elif token.kind == "number":
            value = float(token.text) if "." in token.text else int(token.text)
        elif token.kind == "date":
            value = _timestamp(token.text)
        elif token.kind == "name":
            word = token.text.casefold()
            if word in ("null", "true", "false"):
                value = {"null": None, "true": True, "false": False}[word]
            else:
                return lambda row: _member(row, token.text)
        else:
            raise ODataError(f"$filter: unexpected {token.text!r}.")
        return lambda row: value


def _timestamp(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ODataError(f"$filter: {text!r} is not a valid date.") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _member(row: Row, name: str) -> Any:
    if name in row:
        return row[name]
    folded = name.casefold()
    for key, value in row.items():
        if key.casefold() == folded:
            return value
    raise ODataError(f"$filter: unknown member {name!r}.")


def _comparable(value: Any) -> Any:
    if isinstance(value, str):
        return value.casefold()
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _compare(operator: str, left: Any, right: Any) -> bool:
    left, right = _comparable(left), _comparable(right)
    if isinstance(left, datetime) and isinstance(right, str):
        right = _timestamp(right)
    if operator == "eq":
        return bool(left == right)
    if operator == "ne":
        return bool(left != right)
    if left is None or right is None:
        return False
    try:
        if operator == "gt":
            return bool(left > right)
        if operator == "ge":
            return bool(left >= right)
        if operator == "lt":
            return bool(left < right)
        return bool(left <= right)
    except TypeError:
        raise ODataError(f"$filter: cannot compare {left!r} with {right!r}.") from None


def parse_filter(text: str | None) -> Predicate | None:
    """The predicate of a ``$filter`` expression; None when there is no filter."""
    if text is None or not text.strip():
        return None
    return _Parser(text).parse()


def parse_orderby(text: str | None) -> list[tuple[str, bool]]:
    """``$orderby`` as (member, descending) pairs."""
    if text is None or not text.strip():
        return []
    order: list[tuple[str, bool]] = []
    for part in text.split(","):
        words = part.split()
        if not words or len(words) > 2 or (len(words) == 2 and words[1].casefold() not in ("asc", "desc")):
            raise ODataError(f"Invalid $orderby item {part.strip()!r} (use 'member' or 'member desc').")
        order.append((words[0], len(words) == 2 and words[1].casefold() == "desc"))
    return order


def apply_query(
    rows: Iterable[Row],
    *,
    filter_text: str | None,
    orderby: str | None = None,
    top: int | None = None,
    skip: int | None = None,
    max_top: int,
) -> list[Row]:
    """Filter, order and page ``rows``; ``top`` defaults to (and is capped at) ``max_top``."""
    if (top is not None and top < 0) or (skip is not None and skip < 0):
        raise ODataError("$top and $skip must not be negative.")
    predicate = parse_filter(filter_text)
    selected = [row for row in rows if predicate is None or predicate(row)]
    for name, descending in reversed(parse_orderby(orderby)):
        # Missing values sort last in either direction.
        present = [row for row in selected if _member(row, name) is not None]
        absent = [row for row in selected if _member(row, name) is None]
        present.sort(key=lambda row: _comparable(_member(row, name)), reverse=descending)
        selected = present + absent
    start = skip or 0
    count = max_top if top is None else min(top, max_top)
    return selected[start : start + count]


def compact(value: Any) -> Any:
    """``value`` with null members left out at every depth (rows are filtered with them, answered without)."""
    if isinstance(value, Mapping):
        return {key: compact(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [compact(item) for item in value]
    return value
