"""Every comparison operator of report-format §1.4, table-driven, for numbers and strings."""

from __future__ import annotations

import math

import pytest

from pywats.domains.report.models import CompOp, evaluate_numeric, evaluate_string

NUMERIC_CASES = [
    # op, value, low, high, passes
    ("EQ", 5, 5, None, True),
    ("EQ", 5.1, 5, None, False),
    ("NE", 5.1, 5, None, True),
    ("NE", 5, 5, None, False),
    ("GT", 6, 5, None, True),
    ("GT", 5, 5, None, False),
    ("LT", 4, 5, None, True),
    ("LT", 5, 5, None, False),
    ("GE", 5, 5, None, True),
    ("GE", 4.9, 5, None, False),
    ("LE", 5, 5, None, True),
    ("LE", 5.1, 5, None, False),
    ("GTLT", 5, 4, 6, True),
    ("GTLT", 4, 4, 6, False),
    ("GTLT", 6, 4, 6, False),
    ("GELE", 4, 4, 6, True),
    ("GELE", 6, 4, 6, True),
    ("GELE", 6.01, 4, 6, False),
    ("GELE", 3.99, 4, 6, False),
    ("GELT", 4, 4, 6, True),
    ("GELT", 6, 4, 6, False),
    ("GTLE", 6, 4, 6, True),
    ("GTLE", 4, 4, 6, False),
    ("LTGT", 3, 4, 6, True),
    ("LTGT", 7, 4, 6, True),
    ("LTGT", 4, 4, 6, False),
    ("LTGT", 6, 4, 6, False),
    ("LEGE", 4, 4, 6, True),
    ("LEGE", 6, 4, 6, True),
    ("LEGE", 5, 4, 6, False),
    ("LEGT", 4, 4, 6, True),
    ("LEGT", 6, 4, 6, False),
    ("LEGT", 7, 4, 6, True),
    ("LTGE", 4, 4, 6, False),
    ("LTGE", 6, 4, 6, True),
    ("LTGE", 3, 4, 6, True),
    ("LOG", math.nan, None, None, True),
    ("LOG", 1e300, None, None, True),
    ("GELE", math.nan, 4, 6, False),
    ("GE", math.inf, 5, None, True),
    ("LE", -math.inf, 5, None, True),
    ("GELE", 5, None, 6, False),
    ("GT", 5, None, None, False),
]


@pytest.mark.parametrize(("op", "value", "low", "high", "passes"), NUMERIC_CASES)
def test_numeric_operators(
    op: str, value: float, low: float | None, high: float | None, passes: bool
) -> None:
    assert evaluate_numeric(CompOp(op), value, low, high) is passes


STRING_CASES = [
    ("CASESENSIT", "abc", "abc", True),
    ("CASESENSIT", "abc", "ABC", False),
    ("IGNORECASE", "abc", "ABC", True),
    ("IGNORECASE", "abd", "ABC", False),
    ("EQ", "x", "x", True),
    ("NE", "x", "y", True),
    ("NE", "x", "x", False),
    ("GT", "b", "a", True),
    ("LT", "a", "b", True),
    ("GE", "a", "a", True),
    ("LE", "b", "a", False),
    ("LOG", "anything", None, True),
    ("CASESENSIT", None, "x", False),
]


@pytest.mark.parametrize(("op", "value", "limit", "passes"), STRING_CASES)
def test_string_operators(op: str, value: str | None, limit: str | None, passes: bool) -> None:
    assert evaluate_string(CompOp(op), value, limit) is passes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("IgnoreCase", CompOp.IGNORECASE),
        ("gele", CompOp.GELE),
        ("", CompOp.LOG),
        (None, CompOp.LOG),
        ("Log", CompOp.LOG),
        ("EQT", None),
        ("REGEX", None),
        ("between", None),
    ],
)
def test_operators_parse_in_any_case(text: str | None, expected: CompOp | None) -> None:
    assert CompOp.parse(text) is expected


def test_limit_counts() -> None:
    assert {op for op in CompOp if op.limit_count == 1} == {
        CompOp(o) for o in ("EQ", "NE", "GT", "LT", "GE", "LE")
    }
    assert CompOp.LOG.limit_count == 0 and CompOp.LTGE.limit_count == 2
