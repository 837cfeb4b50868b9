"""The OData ``$filter`` parser (pure)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pywats_server.domains.report.odata import (
    Any_,
    Call,
    Compare,
    Field,
    Literal,
    Logical,
    Not,
    ODataError,
    parse_filter,
)


def test_comparison_and_precedence() -> None:
    tree = parse_filter("a eq 1 or b ne 'x' and not (c gt 2.5)")
    assert tree == Logical(
        "or",
        Compare("eq", Field(("a",)), Literal(1)),
        Logical(
            "and", Compare("ne", Field(("b",)), Literal("x")), Not(Compare("gt", Field(("c",)), Literal(2.5)))
        ),
    )


@pytest.mark.parametrize(
    ("text", "literal"),
    [
        ("'O''Brien'", "O'Brien"),
        ("null", None),
        ("true", True),
        ("-3", -3),
        ("1e3", 1000.0),
        ("2026-01-01T00:00:00Z", datetime(2026, 1, 1, tzinfo=UTC)),
        ("2024-01-15", datetime(2024, 1, 15)),
        ("5F0C3E1A-7B2D-4C59-9E8F-0A1B2C3D4E5F", "5f0c3e1a-7b2d-4c59-9e8f-0a1b2c3d4e5f"),
    ],
)
def test_literals(text: str, literal: object) -> None:
    assert parse_filter(f"x eq {text}") == Compare("eq", Field(("x",)), Literal(literal))


def test_functions_and_lambdas() -> None:
    assert parse_filter("contains(tolower(partNumber), 'pcb')") == Call(
        "contains", (Call("tolower", (Field(("partNumber",)),)), Literal("pcb"))
    )
    assert parse_filter("subUnits/any(s: s/partNumber eq 'X')") == Any_(
        "subUnits", "s", Compare("eq", Field(("s", "partNumber")), Literal("X"))
    )


@pytest.mark.parametrize(
    "text",
    [
        "",
        "a eq",
        "a eq 1 b",
        "(a eq 1",
        "foo(a)",
        "a eq 'unterminated",
        "a eq 2026-13-45",
        "contains(a)",
        "a $ b",
        "x" * 5000,
    ],
)
def test_invalid_filters(text: str) -> None:
    with pytest.raises(ODataError):
        parse_filter(text)
