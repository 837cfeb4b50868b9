"""Unique signatures of the text formats, so that no converter claims another format's file.

Equipment-formats §2.1: "negative evidence wins" — when a file carries another format's unique
signature, every other converter scores 0. The generic converters (CSV) use this list.
"""

from __future__ import annotations

import re

__all__ = ["foreign_signature"]

_SIGNATURES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("wstf", re.compile(r"^--Header-Start--\s*$", re.MULTILINE | re.IGNORECASE)),
    ("keysight_3070", re.compile(r"\A\s*\{@(BATCH|BTEST)\|")),
    ("teradyne_ict", re.compile(r"^[A-Za-z]:\\.*\.obc\[", re.MULTILINE | re.IGNORECASE)),
    ("spea", re.compile(r"\A\s*FORMAT;|^START;[^\n]*\n(LOT;[^\n]*\n)?(ANL|FUNC);", re.MULTILINE)),
    ("teradyne_spectrum", re.compile(r"\A\s*\(PROGRAM_NAME:")),
    ("klippel", re.compile(r"^Cfg_SerialNumber=", re.MULTILINE)),
    ("xml", re.compile(r"\A\s*<[?!A-Za-z]")),
    ("json", re.compile(r"\A\s*[{\[]\s*\"")),
)


def foreign_signature(text: str, *, own: str = "") -> str | None:
    """The name of the format whose signature ``text`` (a file's start) carries, other than ``own``."""
    start = text.lstrip("\ufeff")
    for name, pattern in _SIGNATURES:
        if name != own and pattern.search(start):
            return name
    return None
