"""Concurrent report submissions share transactions (group commit) without losing or mixing anything."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select

from pywats_server.app import create_app
from pywats_server.db import Database
from pywats_server.demo_data import DemoSettings, generate_reports
from pywats_server.demo_data.store import prepare_report
from pywats_server.domains.report.batch_writer import GroupCommit, PreparedReport
from pywats_server.domains.report.tables import ReportRow
from pywats_server.settings import ServerSettings

END = datetime(2026, 2, 1)


def documents(count: int, seed: int = 21) -> list[dict[str, Any]]:
    return list(
        islice(generate_reports(DemoSettings(seed=seed, units=count, days=20, end=END, steps=8)), count)
    )


def test_concurrent_submissions_are_all_stored(client: httpx.Client) -> None:
    reports = documents(60)
    reports.append(dict(reports[0]))  # the same report twice, concurrently: stored once, received twice
    with ThreadPoolExecutor(max_workers=12) as pool:
        answers = list(pool.map(lambda d: client.post("/api/Report/WSJF", content=json.dumps(d)), reports))
    assert all(a.status_code == 200 for a in answers)
    assert [a.json()["ID"] for a in answers] == [d["id"] for d in reports]
    headers = client.get("/api/Report/Query/Header", params={"reportType": "U", "$top": 1000}).json()
    headers += client.get("/api/Report/Query/Header", params={"reportType": "R", "$top": 1000}).json()
    assert sorted(h["uuid"] for h in headers) == sorted({d["id"] for d in reports})
    assert next(h for h in headers if h["uuid"] == reports[0]["id"])["receiveCount"] == 2
    for document in reports[1:6]:
        stored = client.get(f"/api/Report/Wsjf/{document['id']}").json()
        assert (stored["sn"], stored["result"]) == (document["sn"], document["result"])


def test_a_report_that_cannot_be_written_fails_alone(tmp_path: Path) -> None:
    create_app(ServerSettings(users={"u": "p"}, data_dir=tmp_path))  # imports every domain's tables
    db = Database(f"sqlite:///{tmp_path / 'batches.db'}")
    db.create_tables()
    now = datetime.now(UTC)
    good = [prepare_report(d, now, validate=True) for d in documents(40, seed=22)]
    broken = prepare_report(documents(1, seed=23)[0], now, validate=False)
    broken.rows.header["part_number"] = None  # violates NOT NULL only when it is written
    writer = GroupCommit(db)
    start = threading.Barrier(len(good) + 1)
    outcomes: dict[str, str] = {}

    def store(report: PreparedReport) -> None:
        start.wait()
        try:
            writer.store(report)
            outcomes[report.id] = "stored"
        except Exception as exc:
            outcomes[report.id] = type(exc).__name__

    with ThreadPoolExecutor(max_workers=len(good) + 1) as pool:
        for future in [pool.submit(store, report) for report in [*good, broken]]:
            future.result(timeout=60)
    assert outcomes.pop(broken.id) != "stored"
    assert set(outcomes.values()) == {"stored"} and len(outcomes) == len(good)
    stored = db.read(lambda session: set(session.scalars(select(ReportRow.id))))
    assert stored == {report.id for report in good}
    db.dispose()
