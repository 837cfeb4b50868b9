"""Repair statistics (DynamicRepair) and repair history (RelatedRepairHistory), from UUR reports.

Each failure a UUR report records is one *repair*: ``repairCount`` counts them, ``repairReportCount`` the UUR
reports. ``totalCount`` is the number of units tested (UUT reports in the window) of the row's part number
(of every part number when the grouping has none), and ``repairRate`` the repaired units of the row over it,
in percent. WATS records one code per failure: ``failCode`` and ``repairCode`` both carry it.
"""

from __future__ import annotations

from itertools import product
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pywats_server.domains.analytics.base import AnalyticsBase, clean
from pywats_server.domains.analytics.catalog import Catalog
from pywats_server.domains.analytics.dimensions import OrderItem, parse_dimensions, sort_rows
from pywats_server.domains.analytics.periods import DAY, NONE
from pywats_server.domains.analytics.repair_rows import REPAIR_DIMENSIONS, repair_rows
from pywats_server.domains.analytics.schemas import AnalyticsFilter
from pywats_server.domains.analytics.selection import Selection
from pywats_server.domains.report.tables import ReportRow

__all__ = ["REPAIR_KPIS", "RepairBackend"]

REPAIR_KPIS = ("repairReportCount", "repairCount", "totalCount", "repairRate")


class RepairBackend(AnalyticsBase):
    """Repair statistics and history."""

    def dynamic_repair(self, query: AnalyticsFilter, dimensions: str | None = None) -> list[dict[str, Any]]:
        """Repair KPIs grouped and ordered by the ``dimensions`` string."""
        names, order = parse_dimensions(dimensions or query.dimensions, REPAIR_DIMENSIONS, REPAIR_KPIS)
        grouping = query.date_grouping if query.date_grouping not in (None, NONE) else DAY

        def work(session: Session, catalog: Catalog, selection: Selection) -> list[dict[str, Any]]:
            if selection.nothing:
                return []
            repairs = repair_rows(session, catalog, selection, grouping)
            tested = _tested_units(session, selection)
            groups: dict[tuple[Any, ...], tuple[set[str], int, set[tuple[str, str]]]] = {}
            for repair in repairs:
                values = [repair.values(d.name) for d in names]
                for key in product(*values):
                    reports, count, units = groups.setdefault(key, (set(), 0, set()))
                    reports.add(repair.report_id)
                    groups[key] = (reports, count + (1 if repair.has_failure else 0), units | {repair.unit})
            by_part = "partNumber" in {d.name for d in names}
            rows = []
            for key, (reports, count, units) in groups.items():
                row = {d.name: value for d, value in zip(names, key, strict=True)}
                total = tested.get(row["partNumber"], 0) if by_part else sum(tested.values())
                row |= {
                    "repairReportCount": len(reports),
                    "repairCount": count,
                    "totalCount": total,
                    "repairRate": 100.0 * len(units) / total if total else None,
                }
                rows.append(clean(row))
            return rows

        rows = self.read(query, work)
        rows = sort_rows(rows, order or [OrderItem(d.name, False) for d in names])
        limit = query.top_count or query.max_count
        return rows[:limit] if limit else rows

    def related_history(self, part_number: str, revision: str) -> list[dict[str, Any]]:
        """Every repaired failure of a part number and revision, newest first."""
        query = AnalyticsFilter(part_number=part_number, revision=revision)

        def work(session: Session, catalog: Catalog, selection: Selection) -> list[dict[str, Any]]:
            records = [r for r in repair_rows(session, catalog, selection, DAY) if r.has_failure]
            records.sort(key=lambda r: (r.start, r.report_id), reverse=True)
            return [
                clean(
                    {
                        "serialNumber": r.fields["serialNumber"],
                        "partNumber": r.fields["partNumber"],
                        "revision": r.fields["revision"],
                        "reportId": r.report_id,
                        "repairDate": r.start.isoformat() + "Z",
                        "failStepName": r.fields["referencedStep"],
                        "failStepPath": r.fields["referencedStepPath"],
                        "failCode": r.fields["repairCode"],
                        "repairCode": r.fields["repairCode"],
                        "symptom": r.symptom or r.fields["referencedStep"],
                        "cause": r.fields["failureComment"],
                        "action": r.fields["comment"],
                    }
                )
                for r in records
            ]

        return self.read(query, work, use_window=False)


def _tested_units(session: Session, selection: Selection) -> dict[str, int]:
    """Units tested in the window (distinct serial numbers with a UUT report), by part number."""
    statement = (
        select(ReportRow.part_number, func.count(func.distinct(ReportRow.serial_number)))
        .where(
            *selection.sql(),
            ReportRow.start_utc >= selection.window.start,
            ReportRow.start_utc <= selection.window.end,
        )
        .group_by(ReportRow.part_number)
    )
    return {part_number: count for part_number, count in session.execute(statement)}
