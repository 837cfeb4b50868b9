"""The demo data generator: deterministic, valid reports, seeding through the control plane and ``--demo``."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import httpx

from pywats.domains.report.formats import parse_wsjf
from pywats.domains.report.models import check_report
from pywats.testing import LocalWATSServer
from pywats_server.app import create_app
from pywats_server.demo_data import DemoSettings, generate_reports, seed_if_empty
from pywats_server.settings import ServerSettings

END = datetime(2026, 2, 1, 8, 0)


def test_the_same_settings_give_the_same_reports() -> None:
    settings = DemoSettings(seed=9, units=40, days=30, end=END, steps=12)
    first, second = list(generate_reports(settings)), list(generate_reports(settings))
    assert first == second
    other = list(generate_reports(DemoSettings(seed=10, units=40, days=30, end=END, steps=12)))
    assert {d["id"] for d in first}.isdisjoint(d["id"] for d in other)
    assert all(d["startUTC"] <= f"{END.isoformat()}Z" for d in first)
    kinds = {d["type"] for d in first} | {d["result"] for d in first}
    assert {"T", "R", "P", "F"} <= kinds


def test_generated_reports_are_valid_and_the_submit_endpoint_takes_them(client: httpx.Client) -> None:
    documents = list(generate_reports(DemoSettings(seed=4, units=30, days=20, end=END, steps=8)))
    now = datetime.now(UTC)
    for document in documents:
        problems = check_report(parse_wsjf(json.dumps(document).encode()), now=now)
        assert [p for p in problems if p.severity == "error"] == [], document["id"]
    for document in documents[:5]:
        assert client.post("/api/Report/WSJF", json=document).status_code == 200
    stored = client.get(f"/api/Report/Wsjf/{documents[0]['id']}").json()
    assert stored["sn"] == documents[0]["sn"]


def test_seeding_twice_replaces_instead_of_adding(client: httpx.Client) -> None:
    body = {"seed": 3, "units": 25, "days": 10, "end": "2026-02-01T08:00:00Z", "steps": 8}
    first = client.post("/_control/seed", json=body).json()
    second = client.post("/_control/seed", json=body).json()
    assert first == second and first["reports"] == first["uutReports"] + first["uurReports"]
    headers = client.get("/api/Report/Query/Header", params={"reportType": "U", "$top": 10000}).json()
    assert len(headers) == first["uutReports"]
    assert {p["partNumber"] for p in client.get("/api/Product/Query").json()} >= {"PCBA-100", "SYS-500"}
    assert client.post("/_control/seed", json={"units": 0}).status_code == 400
    assert client.post("/_control/seed", json={"steps": 3}).status_code == 400


def test_seed_if_empty_only_fills_an_empty_database(tmp_path: Path) -> None:
    create_app(ServerSettings(users={"u": "p"}, data_dir=tmp_path))  # imports every domain's tables
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    small = DemoSettings(seed=1, units=20, days=10, end=END, steps=8)
    summary = seed_if_empty(url, small)
    assert summary is not None and summary.units == 20 and summary.reports > 20
    assert seed_if_empty(url, small) is None


def test_the_demo_option_starts_a_server_with_data() -> None:
    with LocalWATSServer(extra_args=["--demo"]) as server:
        headers = {"Authorization": f"Basic {server.token}"}
        rows = httpx.post(
            f"{server.url}/api/App/DynamicYield",
            params={"dimensions": "partNumber"},
            json={},
            headers=headers,
        ).json()
        assert {row["partNumber"] for row in rows} == {
            "PCBA-100",
            "PCBA-200",
            "MOD-300",
            "MOD-400",
            "SYS-500",
        }
        assert "seeded demo data" in server.output
