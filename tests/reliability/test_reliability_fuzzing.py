"""Short version of the fuzzing campaign: a few hundred inputs per parser and converter."""

from __future__ import annotations

from reliability._common import QUICK
from reliability._results import assert_clean
from reliability.fuzzing import run


def test_parsers_and_converters_give_only_typed_errors() -> None:
    rows = run(QUICK)
    names = [row.scenario for row in rows]
    assert names[:3] == ["parse_wsjf", "parse_wsxf", "parse_wstf"]
    assert len(names) >= 6 and all(row.inputs >= 100 for row in rows)
    assert_clean(rows)
