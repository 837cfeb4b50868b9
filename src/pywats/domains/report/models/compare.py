"""Evaluating a measurement against its limits: pure functions, one rule per operator (report-format §1.4)."""

from __future__ import annotations

from collections.abc import Callable

from pywats.domains.report.models.enums import CompOp

__all__ = ["evaluate_numeric", "evaluate_string"]

_Numeric = Callable[[float, float, float], bool]

# v = measured value, lo = lowLimit, hi = highLimit. Single-limit operators use lo only.
_NUMERIC: dict[CompOp, _Numeric] = {
    CompOp.EQ: lambda v, lo, hi: v == lo,
    CompOp.NE: lambda v, lo, hi: v != lo,
    CompOp.GT: lambda v, lo, hi: v > lo,
    CompOp.LT: lambda v, lo, hi: v < lo,
    CompOp.GE: lambda v, lo, hi: v >= lo,
    CompOp.LE: lambda v, lo, hi: v <= lo,
    CompOp.GTLT: lambda v, lo, hi: lo < v < hi,
    CompOp.GELE: lambda v, lo, hi: lo <= v <= hi,
    CompOp.GELT: lambda v, lo, hi: lo <= v < hi,
    CompOp.GTLE: lambda v, lo, hi: lo < v <= hi,
    CompOp.LTGT: lambda v, lo, hi: v < lo or v > hi,
    CompOp.LEGE: lambda v, lo, hi: v <= lo or v >= hi,
    CompOp.LEGT: lambda v, lo, hi: v <= lo or v > hi,
    CompOp.LTGE: lambda v, lo, hi: v < lo or v >= hi,
}


def evaluate_numeric(op: CompOp, value: float, low: float | None, high: float | None) -> bool:
    """True if ``value`` passes ``op`` with these limits.

    ``LOG`` always passes. A limit the operator needs but that is missing fails the comparison;
    NaN fails every comparison except ``NE`` and ``LOG`` (IEEE semantics).
    """
    if op is CompOp.LOG:
        return True
    rule = _NUMERIC.get(op)
    if rule is None or low is None:
        return False
    if op.limit_count == 2:
        if high is None:
            return False
        return rule(value, low, high)
    return rule(value, low, 0.0)


def evaluate_string(op: CompOp, value: str | None, limit: str | None) -> bool:
    """True if the string ``value`` passes ``op`` against ``limit`` (ordinal comparison for GT/LT…)."""
    if op is CompOp.LOG:
        return True
    if value is None or limit is None:
        return False
    if op in (CompOp.EQ, CompOp.CASESENSIT):
        return value == limit
    if op is CompOp.IGNORECASE:
        return value.casefold() == limit.casefold()
    if op is CompOp.NE:
        return value != limit
    if op is CompOp.GT:
        return value > limit
    if op is CompOp.LT:
        return value < limit
    if op is CompOp.GE:
        return value >= limit
    if op is CompOp.LE:
        return value <= limit
    return False
