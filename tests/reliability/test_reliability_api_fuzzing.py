"""Short version of the API-fuzzing campaign: one generated request per operation, and the 401s."""

from __future__ import annotations

from reliability._common import QUICK
from reliability._results import assert_clean
from reliability.api_fuzzing import run


def test_no_5xx_and_every_operation_needs_credentials() -> None:
    rows = run(QUICK)
    assert len(rows) == 2 and rows[0].runs > 150 and rows[1].runs > rows[0].runs
    assert_clean(rows)
