"""Descriptive statistics and process capability of measurement values (pure functions).

``stdev``/``var`` are sample statistics (n − 1). Capability uses the limits as a two-sided or one-sided
specification: ``cpLower = (mean − low) / 3σ``, ``cpUpper = (high − mean) / 3σ``, ``cp = (high − low) / 6σ``
and ``cpk`` the smaller of the one-sided indices that exist. With fewer than two values, or no spread, the
spread-based figures are absent.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

__all__ = ["capability", "describe", "limits_for"]

SINGLE_LIMIT_OPERATORS = {"EQ", "EQT", "NE", "GT", "GE", "LT", "LE"}
UPPER_BOUND_OPERATORS = {"LT", "LE"}
LOWER_BOUND_OPERATORS = {"GT", "GE"}


def limits_for(
    comp_op: str | None, low: float | None, high: float | None
) -> tuple[float | None, float | None]:
    """The (lower, upper) specification limits a comparison means.

    Single-limit operators carry their limit in ``lowLimit``: for ``LT``/``LE`` it is an upper bound.
    Outside-range operators (``LTGT`` …) and ``LOG`` give no capability limits.
    """
    op = (comp_op or "").upper()
    if op in UPPER_BOUND_OPERATORS:
        return None, low
    if op in LOWER_BOUND_OPERATORS:
        return low, None
    if op in ("GELE", "GELT", "GTLE", "GTLT"):
        return low, high
    return None, None


def describe(values: Sequence[float]) -> dict[str, Any]:
    """count, min, max, avg, stdev, var of ``values`` (NaN values already left out)."""
    count = len(values)
    if not count:
        return {"count": 0}
    mean = math.fsum(values) / count
    result: dict[str, Any] = {"count": count, "min": min(values), "max": max(values), "avg": mean}
    if count > 1:
        var = math.fsum((v - mean) ** 2 for v in values) / (count - 1)
        result.update(var=var, stdev=math.sqrt(var))
    return result


def capability(stats: dict[str, Any], lower: float | None, upper: float | None) -> dict[str, Any]:
    """cp, cpk, cpLower, cpUpper and the ±3σ points for ``stats`` (from :func:`describe`)."""
    sigma = stats.get("stdev")
    mean = stats.get("avg")
    if mean is None or not sigma:
        return {}
    result: dict[str, Any] = {"sigmaLow3": mean - 3 * sigma, "sigmaHigh3": mean + 3 * sigma}
    if lower is not None:
        result["cpLower"] = (mean - lower) / (3 * sigma)
    if upper is not None:
        result["cpUpper"] = (upper - mean) / (3 * sigma)
    if lower is not None and upper is not None:
        result["cp"] = (upper - lower) / (6 * sigma)
    sides = [result[k] for k in ("cpLower", "cpUpper") if k in result]
    if sides:
        result["cpk"] = min(sides)
    return result
