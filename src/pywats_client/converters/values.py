"""Numbers, placeholders, status words and limits as test equipment writes them.

Numbers are read with an invariant (C-locale) parser: ``.`` decimal point, exponent forms,
``NaN``/``INF``/``IND`` spellings and hexadecimal ``0x…``. Nothing is "cleaned" by deleting
characters — ``1,5`` or ``5 V`` is not a number here (equipment-formats §2.7).
"""

from __future__ import annotations

import math
import re

__all__ = [
    "NA_TOKENS",
    "is_open_limit",
    "parse_number",
    "status_from_token",
]

NA_TOKENS = frozenset({"", "-", "n/a", "na", "null", "none", "--"})
"""Placeholders that mean "no value" (compared in lower case)."""

_SPECIAL = {
    "nan": math.nan,
    "-nan": math.nan,
    "+nan": math.nan,
    "ind": math.nan,
    "-ind": math.nan,
    "1.#ind": math.nan,
    "-1.#ind": math.nan,
    "1.#qnan": math.nan,
    "inf": math.inf,
    "+inf": math.inf,
    "infinity": math.inf,
    "+infinity": math.inf,
    "1.#inf": math.inf,
    "-inf": -math.inf,
    "-infinity": -math.inf,
    "-1.#inf": -math.inf,
}
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_HEX = re.compile(r"[+-]?0[xX][0-9a-fA-F]+")
_UNSIGNED_INT = re.compile(r"[0-9]+")
_SIGNED_INT = re.compile(r"-?[0-9]+")


def parse_number(text: str | None, *, decimal: str = ".", thousands: str | None = None) -> float | None:
    """The number ``text`` spells, ``None`` for a placeholder (``""``, ``-``, ``N/A``…).

    Raises ``ValueError`` for anything else — callers turn that into a :class:`ConversionError`
    naming the line. ``decimal=","`` reads a decimal comma (generic CSV only); ``thousands``
    removes a grouping character first.
    """
    if text is None:
        return None
    value = text.strip()
    lowered = value.lower()
    if lowered in NA_TOKENS:
        return None
    special = _SPECIAL.get(lowered)
    if special is not None:
        return special
    if thousands:
        value = value.replace(thousands, "")
    if decimal != ".":
        if "." in value:
            raise ValueError(f"{text!r} is not a number with decimal separator {decimal!r}")
        value = value.replace(decimal, ".")
    if "_" not in value:
        try:
            return float(value)  # the common case; float() also takes what _NUMBER allows
        except ValueError:
            pass
    if _NUMBER.fullmatch(value):
        return float(value)
    if _HEX.fullmatch(value):
        return float(int(value, 16))
    raise ValueError(f"{text!r} is not a number")


def parse_int(text: str | None, *, signed: bool = False) -> int | None:
    """The whole number ``text`` spells in ASCII digits (with a leading ``-`` if ``signed``), else None.

    ``str.isdigit()`` is not enough: it also accepts "²" or "¹", which ``int()`` refuses.
    """
    if text is None:
        return None
    return int(text) if (_SIGNED_INT if signed else _UNSIGNED_INT).fullmatch(text) else None


def is_open_limit(value: float | None, sentinel: float) -> bool:
    """True if ``value`` is the equipment's "no limit" sentinel (``±sentinel`` or beyond)."""
    return value is not None and (math.isinf(value) or abs(value) >= sentinel)


_STATUS_WORDS = {
    **dict.fromkeys(("pass", "passed", "p", "ok", "good", "true", "0", "00", "success"), "P"),
    **dict.fromkeys(("fail", "failed", "f", "ng", "nok", "false", "failure"), "F"),
    **dict.fromkeys(("skip", "skipped", "notstarted", "not tested", "not started", "s", "notrun"), "S"),
    **dict.fromkeys(("done", "d", "executed"), "D"),
    **dict.fromkeys(("error", "e", "err"), "E"),
    **dict.fromkeys(("aborted", "abort", "terminated", "t", "cancelled", "canceled", "interrupted"), "T"),
}


def status_from_token(token: str | None, extra: dict[str, str] | None = None) -> str | None:
    """The step status letter (``P F S D E T``) of a vendor word, or None if it is not one.

    ``extra`` maps more vendor words (lower case) to letters (a converter setting).
    """
    if token is None:
        return None
    key = token.strip().lower()
    if extra and key in extra:
        return extra[key]
    return _STATUS_WORDS.get(key)
