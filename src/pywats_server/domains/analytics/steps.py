"""Failing steps: TopFailed (public and internal), and the internal step status list.

A *failed step* is a step with status ``F`` none of whose children failed: the step where a failure showed,
not the sequences it propagated to. ``failRate`` is its failures over its executions in the same reports.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session, aliased

from pywats_server.domains.analytics.base import AnalyticsBase, clean
from pywats_server.domains.analytics.catalog import Catalog
from pywats_server.domains.analytics.schemas import AnalyticsFilter
from pywats_server.domains.analytics.scope import merge_groups, report_scope, scoped_rows
from pywats_server.domains.analytics.selection import STATUS_WORDS, Selection
from pywats_server.domains.analytics.step_filters import StepFilter
from pywats_server.domains.report.tables import ReportRow, ReportStepRow

__all__ = ["DEFAULT_TOP_FAILED", "MAX_LIST_ROWS", "StepBackend"]

DEFAULT_TOP_FAILED = 10
MAX_LIST_ROWS = 10000
_FAILED = "F"


def _utc(moment: Any) -> str | None:
    return None if moment is None else moment.isoformat() + "Z"


class StepBackend(AnalyticsBase):
    """Top failed steps and step status lists."""

    def top_failed(self, query: AnalyticsFilter) -> list[dict[str, Any]]:
        """The steps that failed most often, most first (``topCount``, default 10)."""
        top = query.top_count or DEFAULT_TOP_FAILED

        def work(session: Session, catalog: Catalog, selection: Selection) -> list[dict[str, Any]]:
            if selection.nothing:
                return []
            scope = report_scope(session, selection, max_count=query.max_count)
            child = aliased(ReportStepRow)
            failing_child = exists().where(
                child.report_id == ReportStepRow.report_id,
                child.parent_step_id == ReportStepRow.step_id,
                child.status == _FAILED,
            )
            statement = (
                select(
                    ReportRow.part_number,
                    ReportRow.revision,
                    ReportStepRow.path,
                    func.count(),
                    func.min(ReportRow.start_utc),
                    func.max(ReportRow.start_utc),
                    func.max(ReportStepRow.name),
                    func.max(ReportStepRow.step_type),
                    func.max(ReportStepRow.step_group),
                )
                .select_from(ReportStepRow)
                .join(ReportRow, ReportRow.id == ReportStepRow.report_id)
                .where(ReportStepRow.status == _FAILED, ReportStepRow.depth > 0, ~failing_child)
                .group_by(ReportRow.part_number, ReportRow.revision, ReportStepRow.path)
            )
            failed = merge_groups(
                scoped_rows(session, scope, statement), 3, ["sum", "min", "max", "max", "max", "max"]
            )
            ranked = sorted(
                failed.items(), key=lambda item: (-item[1][0], item[0][2], item[0][0], item[0][1] or "")
            )
            ranked = ranked[:top]
            paths = sorted({key[2] for key, _ in ranked})
            totals_statement = (
                select(ReportRow.part_number, ReportRow.revision, ReportStepRow.path, func.count())
                .select_from(ReportStepRow)
                .join(ReportRow, ReportRow.id == ReportStepRow.report_id)
                .where(ReportStepRow.path.in_(paths))
                .group_by(ReportRow.part_number, ReportRow.revision, ReportStepRow.path)
            )
            totals = merge_groups(scoped_rows(session, scope, totals_statement), 3, ["sum"]) if paths else {}
            rows = []
            for (part_number, revision, path), (count, first, last, name, step_type, group) in ranked:
                total = totals.get((part_number, revision, path), [count])[0]
                groups = catalog.groups_of(part_number)
                rows.append(
                    clean(
                        {
                            "stepName": name,
                            "stepPath": path,
                            "stepType": step_type,
                            "stepGroup": group,
                            "partNumber": part_number,
                            "revision": revision,
                            "productGroup": groups[0] if groups else None,
                            "failCount": count,
                            "totalCount": total,
                            "failRate": 100.0 * count / total if total else None,
                            "firstFailDate": _utc(first),
                            "lastFailDate": _utc(last),
                        }
                    )
                )
            return rows

        return self.read(query, work)

    def step_status_list(self, query: AnalyticsFilter, step_filter: StepFilter) -> list[dict[str, Any]]:
        """Per part number, revision and step path: pass/fail/total counts and the latest execution."""

        def work(session: Session, catalog: Catalog, selection: Selection) -> list[dict[str, Any]]:
            if selection.nothing:
                return []
            scope = report_scope(session, selection, max_count=query.max_count)
            statement = (
                select(
                    ReportRow.part_number,
                    ReportRow.revision,
                    ReportStepRow.path,
                    ReportStepRow.name,
                    ReportStepRow.step_type,
                    ReportStepRow.step_group,
                    ReportStepRow.status,
                    ReportRow.start_utc,
                    ReportRow.serial_number,
                    ReportRow.id,
                    ReportStepRow.step_id,
                )
                .select_from(ReportStepRow)
                .join(ReportRow, ReportRow.id == ReportStepRow.report_id)
                .where(ReportStepRow.depth > 0)
            )
            found: dict[tuple[Any, ...], dict[str, Any]] = {}
            for pn, rev, path, name, kind, group, status, start, sn, rid, step_id in scoped_rows(
                session, scope, statement
            ):
                if not step_filter(path):
                    continue
                item = found.get((pn, rev, path))
                if item is None:
                    item = found[(pn, rev, path)] = {
                        "stepName": name,
                        "stepPath": path,
                        "stepType": kind,
                        "stepGroup": group,
                        "partNumber": pn,
                        "revision": rev,
                        "passCount": 0,
                        "failCount": 0,
                        "totalCount": 0,
                        "_order": step_id,
                        "_start": None,
                    }
                item["totalCount"] += 1
                item["passCount"] += status in ("P", "D")
                item["failCount"] += status == _FAILED
                if item["_start"] is None or start > item["_start"]:
                    item.update(
                        _start=start, status=STATUS_WORDS.get(status, status), serialNumber=sn, reportId=rid
                    )
            ordered = sorted(
                found.values(), key=lambda i: (i["partNumber"], i["revision"] or "", i["_order"])
            )
            rows = []
            for item in ordered[: query.top_count or MAX_LIST_ROWS]:
                start = item.pop("_start")
                item.pop("_order")
                rows.append(clean({**item, "startUtc": _utc(start)}))
            return rows

        return self.read(query, work)
