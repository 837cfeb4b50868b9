"""TestStepAnalysis: per step (and per numeric measurement) status counts, times and capability.

Rows follow the test's step order. A step without numeric measurements gives one row; a step with numeric
measurements gives one row per measurement (and limit set), the step's own counts repeated on each. The
``…Wof`` figures ("without failures") leave failed measurements out.
"""

from __future__ import annotations

import math
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from pywats_server.domains.analytics.base import AnalyticsBase, clean
from pywats_server.domains.analytics.catalog import Catalog
from pywats_server.domains.analytics.schemas import AnalyticsFilter
from pywats_server.domains.analytics.scope import merge_groups, report_scope, scoped_rows
from pywats_server.domains.analytics.selection import Selection
from pywats_server.domains.analytics.stats import capability, limits_for
from pywats_server.domains.report.tables import ReportMeasurementRow, ReportRow, ReportStepRow

__all__ = ["StepAnalysisBackend"]

_M, _S, _R = ReportMeasurementRow, ReportStepRow, ReportRow
_STATUSES = ("P", "D", "S", "F", "E", "T")
_FAILING = ("F", "E", "T")


def _count_if(condition: Any) -> Any:
    return func.sum(case((condition, 1), else_=0))


class StepAnalysisBackend(AnalyticsBase):
    """Test step analysis."""

    def analyse(self, query: AnalyticsFilter) -> list[dict[str, Any]]:
        """The rows of a test step analysis for the reports of ``query`` (``run``, ``maxCount`` apply)."""

        def work(session: Session, catalog: Catalog, selection: Selection) -> list[dict[str, Any]]:
            if selection.nothing:
                return []
            scope = report_scope(session, selection, max_count=query.max_count)
            steps = self._steps(session, scope)
            measurements = self._measurements(session, scope)
            rows: list[tuple[int, str, dict[str, Any]]] = []
            for path, step in steps.items():
                items = measurements.get(path) or [{}]
                for item in items:
                    rows.append(
                        (
                            step["_order"],
                            path,
                            clean({**{k: v for k, v in step.items() if k != "_order"}, **item}),
                        )
                    )
            rows.sort(key=lambda row: (row[0], row[1]))
            return [row for _, _, row in rows]

        return self.read(query, work)

    def _steps(self, session: Session, scope: Any) -> dict[str, dict[str, Any]]:
        caused = (_R.caused_uut_failure_path == _S.path) & _R.result.in_(_FAILING)
        statement = (
            select(
                _S.path,
                func.count(),
                *(_count_if(_S.status == status) for status in _STATUSES),
                _count_if(caused & (_R.result == "F")),
                _count_if(caused & (_R.result == "E")),
                _count_if(caused & (_R.result == "T")),
                func.count(_S.tot_time),
                func.sum(_S.tot_time),
                func.min(_S.tot_time),
                func.max(_S.tot_time),
                func.max(_S.name),
                func.max(_S.step_type),
                func.max(_S.step_group),
                func.min(_S.step_id),
            )
            .select_from(_S)
            .join(_R, _R.id == _S.report_id)
            .where(_S.depth > 0)
            .group_by(_S.path)
        )
        merges = ["sum"] * 12 + ["min", "max", "max", "max", "max", "min"]
        steps = {}
        for (path,), values in merge_groups(scoped_rows(session, scope, statement), 1, merges).items():
            count, passed, done, skipped, failed, errors, terminated, c_fail, c_error, c_term = values[:10]
            timed, time_sum, time_min, time_max, name, kind, group, order = values[10:]
            known = passed + done + skipped + failed + errors + terminated
            steps[path] = {
                "stepName": name,
                "stepPath": path,
                "stepType": kind,
                "stepGroup": group,
                "stepCount": count,
                "stepPassedCount": passed,
                "stepDoneCount": done,
                "stepSkippedCount": skipped,
                "stepFailedCount": failed,
                "stepErrorCount": errors,
                "stepTerminatedCount": terminated,
                "stepOtherCount": count - known,
                "stepFailedErrorTerminatedCount": failed + errors + terminated,
                "stepCausedUutFailedErrorTerminated": c_fail + c_error + c_term,
                "stepCausedUutFailed": c_fail,
                "stepCausedUutError": c_error,
                "stepCausedUutTerminated": c_term,
                "stepTimeAvg": time_sum / timed if timed else None,
                "stepTimeMin": time_min,
                "stepTimeMax": time_max,
                "_order": order,
            }
        return steps

    def _measurements(self, session: Session, scope: Any) -> dict[str, list[dict[str, Any]]]:
        shift = func.coalesce((_M.low_limit + _M.high_limit) / 2.0, _M.low_limit, _M.high_limit, 0.0)
        centred = _M.value - shift
        good = _M.status != "F"
        good_value = case((good, centred), else_=None)
        keys = (_S.path, _M.meas_index, _M.name, _M.low_limit, _M.high_limit, _M.comp_op)
        statement = (
            select(
                *keys,
                func.count(_M.value),
                func.sum(centred),
                func.sum(centred * centred),
                func.min(_M.value),
                func.max(_M.value),
                func.count(good_value),
                func.sum(good_value),
                func.sum(good_value * good_value),
                func.min(case((good, _M.value), else_=None)),
                func.max(case((good, _M.value), else_=None)),
            )
            .select_from(_S)
            .join(_M, (_M.report_id == _S.report_id) & (_M.step_id == _S.step_id))
            .join(_R, _R.id == _S.report_id)
            .where(_M.kind == "N")
            .group_by(*keys)
        )
        merged = merge_groups(
            scoped_rows(session, scope, statement), len(keys), ["sum", "sum", "sum", "min", "max"] * 2
        )
        found: dict[str, list[tuple[int, dict[str, Any]]]] = {}
        for (path, index, name, low, high, comp_op), values in merged.items():
            shift_value = (
                (low + high) / 2.0
                if low is not None and high is not None
                else low
                if low is not None
                else high or 0.0
            )
            lower, upper = limits_for(comp_op, low, high)
            item: dict[str, Any] = {
                "measureName": name,
                "limit1": low,
                "limit2": high,
                "compOperator": comp_op,
            }
            item |= _figures(values[:5], shift_value, lower, upper, "")
            item |= _figures(values[5:], shift_value, lower, upper, "Wof")
            item["limit1Wof"], item["limit2Wof"] = low, high
            found.setdefault(path, []).append((index, item))
        return {
            path: [item for _, item in sorted(items, key=lambda e: e[0])] for path, items in found.items()
        }


def _figures(
    values: list[Any], shift: float, lower: float | None, upper: float | None, suffix: str
) -> dict[str, Any]:
    count, total, squares, smallest, largest = values
    if not count:
        return {f"measureCount{suffix}": 0}
    offset = total / count
    stats: dict[str, Any] = {"measureCount": count, "min": smallest, "max": largest, "avg": shift + offset}
    if count > 1:
        var = max(0.0, (squares - count * offset * offset) / (count - 1))
        stats.update(var=var, stdev=math.sqrt(var))
    stats |= capability(stats, lower, upper)
    return {f"{key}{suffix}": value for key, value in stats.items()}
