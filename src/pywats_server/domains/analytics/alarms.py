"""Alarm and notification logs (``POST /api/internal/Trigger/GetAlarmAndNotificationLogs``).

WATS evaluates operator-defined triggers and logs an alarm when one fires. This server keeps the triggers in a
table (defined through the control plane, ``PUT /_control/alarm-triggers``) and evaluates them over the stored
reports when the log is asked for, so the log always agrees with the data:

* type 1, report: every UUT report matching the trigger's filter that did not pass;
* type 2, yield: every day on which a product's first-pass yield in a process fell below ``threshold`` (with
  at least ``minUnits`` units);
* type 4, measurement: every day on which a measurement path's Cpk fell below ``threshold``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from pydantic import Field
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from pywats_server.db import Database
from pywats_server.domains.analytics.base import Clock, clean
from pywats_server.domains.analytics.history import HistoryBackend
from pywats_server.domains.analytics.measurements import MeasurementBackend
from pywats_server.domains.analytics.schemas import AnalyticsFilter
from pywats_server.domains.analytics.tables import AlarmTriggerRow
from pywats_server.domains.analytics.yields import YieldBackend
from pywats_server.domains.wire import NonBlankStr, WireModel
from pywats_server.errors import BadRequest

__all__ = ["AlarmBackend", "AlarmTrigger"]

REPORT, YIELD, MEASUREMENT = 1, 2, 4
DAY = 4
DEFAULT_LOG_SIZE = 100


class AlarmTrigger(WireModel):
    """A trigger definition (control plane)."""

    name: NonBlankStr
    type: int
    part_number: str | None = None
    test_operation: str | None = None
    product_group: str | None = None
    level: str | None = None
    measurement_path: str | None = None
    threshold: float | None = None
    min_units: int = Field(default=1, ge=1)


class AlarmBackend:
    """Alarm triggers and their log."""

    def __init__(
        self, db: Database, yields: YieldBackend, measurements: MeasurementBackend, clock: Clock
    ) -> None:
        self.db = db
        self.yields = yields
        self.measurements = measurements
        self.clock = clock

    def define(self, triggers: Sequence[AlarmTrigger]) -> list[dict[str, Any]]:
        """Replace the triggers; returns them with their ids."""
        for trigger in triggers:
            if trigger.type not in (REPORT, YIELD, MEASUREMENT):
                raise BadRequest(
                    f"Trigger '{trigger.name}': type must be 1 (report), 2 (yield) or 4 (measurement)"
                )
            if trigger.type in (YIELD, MEASUREMENT) and trigger.threshold is None:
                raise BadRequest(
                    f"Trigger '{trigger.name}': a yield or measurement trigger needs a threshold"
                )
            if trigger.type == MEASUREMENT and not trigger.measurement_path:
                raise BadRequest(f"Trigger '{trigger.name}': a measurement trigger needs a measurementPath")

        def work(session: Session) -> None:
            session.execute(delete(AlarmTriggerRow))
            for number, trigger in enumerate(triggers, 1):
                session.add(
                    AlarmTriggerRow(
                        trigger_id=number, definition=trigger.model_dump(mode="json", by_alias=True)
                    )
                )

        self.db.write(work)
        return self.triggers()

    def triggers(self) -> list[dict[str, Any]]:
        """The triggers, by id."""
        rows = self.db.read(
            lambda s: list(s.scalars(select(AlarmTriggerRow).order_by(AlarmTriggerRow.trigger_id)))
        )
        return [{"triggerId": row.trigger_id, **row.definition} for row in rows]

    def logs(
        self,
        *,
        top_count: int | None,
        date_from: datetime | None,
        date_to: datetime | None,
        product_group: str | None,
        level: str | None,
    ) -> list[dict[str, Any]]:
        """The log entries of every trigger in the window (last 30 days by default), newest first."""
        entries: list[dict[str, Any]] = []
        for definition in self.triggers():
            trigger = AlarmTrigger.model_validate(definition)
            query = AnalyticsFilter(
                part_number=trigger.part_number,
                test_operation=trigger.test_operation,
                product_group=product_group or trigger.product_group,
                level=level or trigger.level,
                date_from=date_from,
                date_to=date_to,
            )
            base = {
                "triggerId": definition["triggerId"],
                "name": trigger.name,
                "type": trigger.type,
                "state": "A",
            }
            if trigger.type == REPORT:
                entries += [base | entry for entry in self._report_alarms(query)]
            elif trigger.type == YIELD:
                entries += [base | entry for entry in self._yield_alarms(query, trigger)]
            else:
                entries += [base | entry for entry in self._measurement_alarms(query, trigger)]
        entries.sort(key=lambda entry: (entry["logDate"], entry["triggerId"]), reverse=True)
        for entry in entries:
            digest = hashlib.sha256(repr(sorted(entry.items())).encode()).digest()
            entry["logId"] = int.from_bytes(digest[:6], "big")
        return [clean(entry) for entry in entries[: top_count or DEFAULT_LOG_SIZE]]

    def _report_alarms(self, query: AnalyticsFilter) -> list[dict[str, Any]]:
        history = HistoryBackend(self.db, self.clock)
        query = query.model_copy(update={"status": "Failed;Error;Terminated", "top_count": 10000})
        return [
            {
                "logDate": header["startUtc"],
                "partNumber": header.get("partNumber"),
                "processCode": str(header.get("processCode")),
                "processName": header.get("processName"),
                "reportGuid": header["uuid"],
                "serialNumber": header.get("serialNumber"),
                "revision": header.get("revision"),
                "stationName": header.get("stationName"),
                "operator": header.get("operator"),
                "result": header.get("result"),
                "startUtc": header["startUtc"],
            }
            for header in history.reports(query, report_type="T")
        ]

    def _yield_alarms(self, query: AnalyticsFilter, trigger: AlarmTrigger) -> list[dict[str, Any]]:
        query = query.model_copy(update={"date_grouping": DAY})
        rows = self.yields.rows(query, "partNumber;productName;testOperation;period")
        return [
            {
                "logDate": f"{row['period']}T23:59:59Z",
                "partNumber": row["partNumber"],
                "productName": row.get("productName"),
                "processName": row.get("testOperation"),
                "fpy": row["fpy"],
                "spy": row.get("spy"),
                "tpy": row.get("tpy"),
                "lpy": row.get("lpy"),
                "testYield": row.get("testYield"),
                "unitCount": row["unitCount"],
                "uutCount": row["testReportCount"],
                "fpCount": row["fpCount"],
                "lpCount": row["lpCount"],
                "retestCount": row["retestCount"],
            }
            for row in rows
            if row.get("fpy") is not None
            and row["unitCount"] >= trigger.min_units
            and row["fpy"] < (trigger.threshold or 0.0)
        ]

    def _measurement_alarms(self, query: AnalyticsFilter, trigger: AlarmTrigger) -> list[dict[str, Any]]:
        window = self.yields.read(query, lambda _s, _c, selection: selection.window)
        found = []
        day = window.start.replace(hour=0, minute=0, second=0, microsecond=0)
        while day <= window.end:
            daily = query.model_copy(
                update={
                    "date_from": max(day, window.start),
                    "date_to": min(day + timedelta(days=1, microseconds=-1), window.end),
                }
            )
            for group in self.measurements.aggregated(daily, trigger.measurement_path):
                for item in group["measurements"]:
                    if (
                        item.get("cpk") is not None
                        and item["count"] >= trigger.min_units
                        and item["cpk"] < (trigger.threshold or 0.0)
                    ):
                        found.append(
                            {
                                "logDate": f"{day:%Y-%m-%d}T23:59:59Z",
                                "partNumber": item.get("partNumber"),
                                "revision": item.get("revision"),
                                "measurementPath": group["measurementPath"],
                                "cpk": item["cpk"],
                                "cp": item.get("cp"),
                                "min": item["min"],
                                "max": item["max"],
                                "avg": item["avg"],
                                "stdev": item.get("stdev"),
                            }
                        )
            day += timedelta(days=1)
        return found
