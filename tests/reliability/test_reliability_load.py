"""Short version of the load campaign: two stations for a few seconds on SQLite (PostgreSQL and
eight stations in ``make reliability``)."""

from __future__ import annotations

from reliability._common import QUICK
from reliability._results import assert_clean
from reliability.load import run


def test_stations_under_load_lose_nothing_and_memory_stays_flat() -> None:
    rows = run(QUICK)
    assert len(rows) == 1 and rows[0].inputs > 0 and "p99" in rows[0].note
    assert_clean(rows)
