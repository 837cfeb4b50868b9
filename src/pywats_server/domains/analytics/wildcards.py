"""WATS wildcard patterns (endpoints.md §1.7): ``;`` separates alternatives, ``%`` is any text, ``_`` one
character. Matching ignores letter case, as the WATS server (SQL Server collation) does."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

__all__ = ["Matcher", "compile_pattern", "has_wildcards", "matching", "split_values"]

Matcher = Callable[[str | None], bool]


def split_values(pattern: str) -> list[str]:
    """The alternatives of a pattern, blank ones dropped."""
    return [part.strip() for part in pattern.split(";") if part.strip()]


def has_wildcards(pattern: str) -> bool:
    """Whether the pattern is more than a list of exact values."""
    return "%" in pattern or "_" in pattern


def compile_pattern(pattern: str) -> Matcher:
    """A case-insensitive full-match test for ``pattern``; ``None`` never matches."""
    alternatives = split_values(pattern)
    if not has_wildcards(pattern):
        exact = {value.casefold() for value in alternatives}
        return lambda text: text is not None and text.casefold() in exact
    regex = re.compile("|".join(_regex(value) for value in alternatives), re.IGNORECASE | re.DOTALL)
    return lambda text: text is not None and regex.fullmatch(text) is not None


def matching(pattern: str, candidates: Iterable[str | None]) -> list[str]:
    """The candidates the pattern matches, in their given order."""
    test = compile_pattern(pattern)
    return [text for text in candidates if text is not None and test(text)]


def _regex(value: str) -> str:
    return "(?:" + "".join(".*" if c == "%" else "." if c == "_" else re.escape(c) for c in value) + ")"
