"""The unit-flow graph (pure): nodes are operations, links are a unit's moves from one operation to the next.

A *visit* is one report of a unit (a test run, or a repair). Consecutive visits of a unit make a link; a
retest is a link from an operation to itself. Per node: ``unitCount`` units visited it, ``passCount`` of
them passed their last visit there (``failCount`` did not), ``yieldPercent`` is the share that passed their
first visit, ``avgTime`` the mean execution time (s). Per link: units and moves, split by the outcome of the
visit the unit left from, and the mean time (s) between the two visits.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

__all__ = ["Visit", "build_flow", "order_units"]

PASSING = frozenset({"P", "D"})
RESULT_WORDS = {"P": "Passed", "F": "Failed", "E": "Error", "T": "Terminated", "D": "Done"}
PERCENT = 100.0


@dataclass(frozen=True)
class Visit:
    """One report of a unit, already placed on a node (``node``) and, when expanded, its parent."""

    serial_number: str
    part_number: str
    revision: str | None
    node: str
    node_name: str
    parent: str | None
    parent_name: str | None
    process_code: int | None
    process_name: str | None
    start: datetime
    seconds: float
    result: str
    node_fields: tuple[
        tuple[str, Any], ...
    ] = ()  # what the node is split by, e.g. (("stationName", "EOL-01"),)


def _iso(moment: datetime) -> str:
    return moment.isoformat() + "Z"


def build_flow(
    units: dict[tuple[str, str], list[Visit]], *, shown: set[str] | None, hidden: set[str]
) -> dict[str, Any]:
    """Nodes, links and units of the visits (each unit's visits in time order)."""
    node_units: dict[str, set[tuple[str, str]]] = defaultdict(set)
    first_pass: dict[str, set[tuple[str, str]]] = defaultdict(set)
    last_result: dict[tuple[str, tuple[str, str]], str] = {}
    node_times: dict[str, list[float]] = defaultdict(list)
    info: dict[str, Visit] = {}
    parents: dict[str, tuple[str, Visit]] = {}
    link_units: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    link_moves: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    link_times: dict[tuple[str, str], list[float]] = defaultdict(list)
    unit_rows = []
    for key, visits in units.items():
        seen: set[str] = set()
        for position, visit in enumerate(visits):
            info.setdefault(visit.node, visit)
            if visit.parent is not None:
                parents.setdefault(visit.parent, (visit.parent_name or visit.parent, visit))
            node_units[visit.node].add(key)
            if visit.node not in seen and visit.result in PASSING:
                first_pass[visit.node].add(key)
            seen.add(visit.node)
            last_result[(visit.node, key)] = visit.result
            node_times[visit.node].append(visit.seconds)
            if position:
                before = visits[position - 1]
                link = (before.node, visit.node)
                link_units[link].add(key)
                link_moves[link][0 if before.result in PASSING else 1] += 1
                link_times[link].append((visit.start - before.start).total_seconds())
        first, last = visits[0], visits[-1]
        end = last.start + timedelta(seconds=last.seconds)
        unit_rows.append(
            {
                "serialNumber": first.serial_number,
                "partNumber": first.part_number,
                "revision": last.revision,
                "status": RESULT_WORDS.get(last.result, last.result),
                "startTime": _iso(first.start),
                "endTime": _iso(end),
                "totalTime": (end - first.start).total_seconds(),
                "nodePath": [visit.node for visit in visits],
                "currentNode": last.node,
            }
        )

    def visible(node: str) -> bool:
        return node not in hidden and (shown is None or node in shown or info[node].node_name in shown)

    nodes = []
    for parent, (name, sample) in sorted(parents.items()):
        children = [n for n in node_units if info[n].parent == parent]
        members = set().union(*(node_units[n] for n in children))
        nodes.append(
            _node(
                parent,
                name,
                sample,
                members,
                set(),
                {},
                [],
                level=0,
                parent=None,
                expanded=True,
                visible=parent not in hidden,
            )
        )
    for node in sorted(node_units, key=lambda n: (info[n].process_code or 0, n)):
        visit = info[node]
        passed = {key for key in node_units[node] if last_result[(node, key)] in PASSING}
        nodes.append(
            _node(
                node,
                visit.node_name,
                visit,
                node_units[node],
                passed,
                {"first": len(first_pass[node])},
                node_times[node],
                level=1 if visit.parent is not None else 0,
                parent=visit.parent,
                expanded=False,
                visible=visible(node),
            )
        )
    links = []
    for (source, target), members in sorted(link_units.items()):
        times = link_times[(source, target)]
        passed_moves, failed_moves = link_moves[(source, target)]
        links.append(
            {
                "id": f"{source}->{target}",
                "sourceId": source,
                "targetId": target,
                "sourceName": info[source].node_name,
                "targetName": info[target].node_name,
                "unitCount": len(members),
                "passCount": passed_moves,
                "failCount": failed_moves,
                "avgTime": sum(times) / len(times) if times else None,
                "isVisible": visible(source) and visible(target),
            }
        )
    return {"nodes": nodes, "links": links, "units": unit_rows, "totalUnits": len(unit_rows)}


def _node(
    node_id: str,
    name: str,
    visit: Visit,
    members: set[tuple[str, str]],
    passed: set[tuple[str, str]],
    counts: dict[str, int],
    times: Sequence[float],
    *,
    level: int,
    parent: str | None,
    expanded: bool,
    visible: bool,
) -> dict[str, Any]:
    units = len(members)
    row: dict[str, Any] = {
        "id": node_id,
        "name": name,
        "processCode": visit.process_code,
        "processName": visit.process_name,
        "unitCount": units,
        "isExpanded": expanded,
        "isVisible": visible,
        "level": level,
        "parentId": parent,
    }
    if not expanded:
        row |= dict(visit.node_fields)
        row |= {
            "passCount": len(passed),
            "failCount": units - len(passed),
            "yieldPercent": PERCENT * counts.get("first", 0) / units if units else None,
            "avgTime": sum(times) / len(times) if times else None,
        }
    return {key: value for key, value in row.items() if value is not None}


def order_units(units: list[dict[str, Any]], order: str | None) -> list[dict[str, Any]]:
    """Units ordered by ``order`` (a UnitFlowUnit member, optionally `` desc``); by start time by default."""
    field, _, direction = (order or "startTime").strip().partition(" ")
    names = {
        name.casefold(): name
        for name in ("serialNumber", "partNumber", "startTime", "endTime", "totalTime", "status")
    }
    member = names.get(field.casefold(), "startTime")
    return sorted(
        units,
        key=lambda unit: (unit.get(member) is None, unit.get(member)),
        reverse=direction.strip().casefold() == "desc",
    )
