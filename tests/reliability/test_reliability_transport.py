"""Short version of the transport-fault campaign (the full one runs in ``make reliability``)."""

from __future__ import annotations

from reliability._common import QUICK
from reliability._results import assert_clean
from reliability.transport import run


def test_transport_faults_have_their_documented_outcomes() -> None:
    rows = run(QUICK)
    assert len(rows) == 9
    assert_clean(rows)
    post = rows[-1]
    assert post.lost == 0 and post.duplicates == 0 and post.runs == 11
