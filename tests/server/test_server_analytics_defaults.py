"""Analytics filters without dates: the last 30 days, or the last ``periodCount`` date-grouping periods."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest
from analytics_reference import expected_yield, runs_of

from pywats_server.demo_data import DemoSettings, generate_reports


def test_no_dates_means_the_last_30_days_and_period_counts_reach_back_whole_periods(
    client: httpx.Client,
) -> None:
    end = datetime.now(UTC).replace(tzinfo=None, microsecond=0) - timedelta(minutes=5)
    settings = DemoSettings(seed=2, units=150, days=60, end=end, steps=8)
    seeded = client.post(
        "/_control/seed", json={"seed": 2, "units": 150, "days": 60, "steps": 8, "end": f"{end}Z"}
    )
    assert seeded.status_code == 200, seeded.text
    runs = runs_of(generate_reports(settings))
    now = datetime.now(UTC).replace(tzinfo=None)

    rows = client.post("/api/App/DynamicYield", params={"dimensions": "partNumber"}, json={}).json()
    expected = expected_yield(runs, now - timedelta(days=30), now, key=lambda r: r.pn)
    assert {row["partNumber"]: row["unitCount"] for row in rows} == {
        pn: e.units for pn, e in expected.items()
    }
    everything = expected_yield(runs, now - timedelta(days=61), now, key=lambda r: r.pn)
    assert sum(e.units for e in everything.values()) > sum(e.units for e in expected.values())

    # Two weeks of periods: this (incomplete) week and the whole week before it.
    monday = datetime(now.year, now.month, now.day) - timedelta(days=now.weekday())
    weekly = client.post(
        "/api/App/DynamicYield",
        params={"dimensions": "period"},
        json={"periodCount": 2, "dateGrouping": 3, "includeCurrentPeriod": True},
    ).json()
    expected = expected_yield(
        runs, monday - timedelta(weeks=1), now, key=lambda r: "{}-W{:02d}".format(*r.start.isocalendar()[:2])
    )
    assert {row["period"]: row["unitCount"] for row in weekly} == {
        k: e.units for k, e in expected.items() if e.units or e.reports
    }
    previous = client.post(
        "/api/App/DynamicYield",
        params={"dimensions": "period"},
        json={"periodCount": 1, "dateGrouping": 3, "includeCurrentPeriod": False},
    ).json()
    assert [row["period"] for row in previous] == [
        "{}-W{:02d}".format(*(monday - timedelta(days=1)).isocalendar()[:2])
    ]


@pytest.mark.parametrize("path", ["/api/App/TopFailed", "/api/App/UutReport", "/api/App/VolumeYield"])
def test_get_variants_use_the_default_window(client: httpx.Client, path: str) -> None:
    assert client.get(path).status_code == 200
    assert client.get(path).json() == []
