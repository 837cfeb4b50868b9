"""Short version of the station-durability campaign: kills, a compressed outage, a full disk."""

from __future__ import annotations

from reliability._common import QUICK
from reliability._results import assert_clean
from reliability.station_durability import run


def test_the_station_loses_nothing_and_sends_nothing_twice() -> None:
    rows = run(QUICK)
    assert len(rows) == 3
    assert_clean(rows)
