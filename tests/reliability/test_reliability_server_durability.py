"""Short version of the server-durability campaign: two kill -9 during ingestion."""

from __future__ import annotations

from reliability._common import QUICK
from reliability._results import assert_clean
from reliability.server_durability import run


def test_acknowledged_reports_survive_kill_9_of_the_server() -> None:
    rows = run(QUICK)
    assert len(rows) == 1 and rows[0].runs == 2 and rows[0].inputs > 0
    assert_clean(rows)
