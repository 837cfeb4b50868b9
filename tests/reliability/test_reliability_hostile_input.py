"""Short version of the hostile-input campaign (the full one runs in ``make reliability``)."""

from __future__ import annotations

from reliability._common import QUICK
from reliability._results import assert_clean
from reliability.hostile_input import run


def test_xml_attacks_traversal_and_misbehaving_converters_are_contained() -> None:
    rows = run(QUICK)
    assert len(rows) == 4
    assert_clean(rows)
