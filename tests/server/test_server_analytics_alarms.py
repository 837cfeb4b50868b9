"""Alarm triggers evaluated over the stored reports, and the internal GET variants that take ids."""

from __future__ import annotations

from typing import Any

import httpx
from analytics_reference import FROM, TO, WINDOW, utc
from analytics_reference import seeded as seeded  # the module's fixture

Seeded = tuple[httpx.Client, list[dict[str, Any]]]
ALARMS = "/api/internal/Trigger/GetAlarmAndNotificationLogs"


def test_alarm_triggers_fire_on_the_stored_reports(seeded: Seeded) -> None:
    http, documents = seeded
    assert http.post(ALARMS).json() == []  # no triggers, no alarms
    triggers = [
        {"name": "EOL failures", "type": 1, "testOperation": "End of line test"},
        {"name": "Low FPY", "type": 2, "threshold": 80, "minUnits": 2},
        {
            "name": "Ripple Cpk",
            "type": 4,
            "threshold": 1.0,
            "measurementPath": "Power\u00b6Ripple",
            "minUnits": 3,
        },
    ]
    defined = http.put("/_control/alarm-triggers", json=triggers)
    assert defined.status_code == 200 and [t["triggerId"] for t in defined.json()] == [1, 2, 3]
    logs = http.post(ALARMS, json={**WINDOW, "topCount": 10000}).json()
    failed = [
        d
        for d in documents
        if d["type"] == "T"
        and d["processCode"] == 100
        and d["result"] != "P"
        and FROM <= utc(d["startUTC"]) <= TO
    ]
    report_alarms = [entry for entry in logs if entry["type"] == 1]
    assert {entry["reportGuid"] for entry in report_alarms} == {d["id"] for d in failed}
    assert all(entry["processCode"] == "100" and entry["result"] != "Passed" for entry in report_alarms)
    yield_alarms = [entry for entry in logs if entry["type"] == 2]
    assert yield_alarms and all(entry["fpy"] < 80 and entry["unitCount"] >= 2 for entry in yield_alarms)
    measurement_alarms = [entry for entry in logs if entry["type"] == 4]
    assert measurement_alarms and all(entry["cpk"] < 1.0 for entry in measurement_alarms)
    dates = [entry["logDate"] for entry in logs]
    assert dates == sorted(dates, reverse=True) and len({entry["logId"] for entry in logs}) == len(logs)
    assert len(http.post(ALARMS, json={**WINDOW, "topCount": 2}).json()) == 2
    only_boards = http.post(ALARMS, json={**WINDOW, "productGroup": "Boards", "topCount": 10000}).json()
    assert {entry["partNumber"] for entry in only_boards} <= {"PCBA-100", "PCBA-200"}


def test_internal_get_variants_resolve_group_and_level_ids(seeded: Seeded) -> None:
    http, _ = seeded
    groups = {g["productGroupName"]: g["productGroupId"] for g in http.get("/api/App/ProductGroups").json()}
    params = {
        "productGroupId": groups["Systems"],
        "levelId": 0,
        "days": 100000,
        "stepFilters": "Power\u00b6%",
        "sequenceFilters": "",
    }
    statuses = http.get("/api/internal/App/StepStatusList", params=params)
    assert statuses.status_code == 200 and {row["partNumber"] for row in statuses.json()} == {"SYS-500"}
    listed = http.get("/api/internal/App/MeasurementList", params={**params, "levelId": 3})
    assert (
        listed.status_code == 200
        and listed.json()
        and all(r["partNumber"] == "SYS-500" for r in listed.json())
    )
    top = http.get(
        "/api/internal/App/TopFailed",
        params={
            "partNumber": "MOD-300",
            "processCode": "50;90;100",
            "productGroupId": 0,
            "levelId": 0,
            "days": 100000,
            "count": 3,
        },
    )
    assert top.status_code == 200 and 0 < len(top.json()) <= 3
    assert (
        http.get("/api/internal/App/StepStatusList", params={**params, "productGroupId": 99}).status_code
        == 404
    )
    missing = http.get("/api/internal/App/StepStatusList", params={"levelId": 0, "days": 1})
    assert missing.status_code == 400
