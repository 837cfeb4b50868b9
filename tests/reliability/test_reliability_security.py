"""Short version of the secrets-and-access campaign (the full one runs in ``make reliability``)."""

from __future__ import annotations

from reliability._common import QUICK
from reliability._results import assert_clean
from reliability.security import run


def test_secrets_stay_secret_and_the_management_api_stays_shut() -> None:
    rows = run(QUICK)
    assert len(rows) == 4
    assert_clean(rows)
