"""From a stored WSJF document to the rows that index it: pure functions, no database.

:func:`normalise` applies what WATS evidently does on receipt (report-format §12): missing step
ids are numbered in depth-first order from 1, a missing ``startUTC`` is derived from ``start``
and the report id is written in lower case. Everything else is stored as received.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pywats.domains.report.models._wire import read_float

__all__ = ["IndexedReport", "index_report", "normalise", "start_utc_of"]

PATH_SEPARATOR = "\u00b6"
_FAILING = frozenset("FET")


def start_utc_of(d: dict[str, Any]) -> datetime:
    """The report's start as a naive UTC datetime (what the tables store)."""
    text = d.get("startUTC") or d.get("start")
    moment = datetime.fromisoformat(str(text))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(tzinfo=None)


def normalise(d: dict[str, Any]) -> dict[str, Any]:
    """Complete the document the way WATS does on receipt (changes ``d`` in place and returns it)."""
    d["id"] = str(d["id"]).lower()
    if not d.get("startUTC") and d.get("start"):
        moment = datetime.fromisoformat(d["start"]).astimezone(UTC)
        utc = moment.isoformat().replace("+00:00", "Z")
        items = list(d.items())
        position = next(i for i, (key, _) in enumerate(items) if key == "start") + 1
        items.insert(position, ("startUTC", utc))
        d.clear()
        d.update(items)
    root = d.get("root")
    if isinstance(root, dict):
        d["root"] = _number_steps(root)
    return d


def _number_steps(root: dict[str, Any]) -> dict[str, Any]:
    """Give every step without an ``id`` a number in depth-first order (root = 1), ``id`` written first."""
    order: list[dict[str, Any]] = []
    stack = [root]
    while stack:
        step = stack.pop()
        order.append(step)
        stack.extend(reversed(step.get("steps") or ()))
    given = [step["id"] for step in order if isinstance(step.get("id"), int)]
    if len(given) == len(order):
        return root
    # With no ids at all, number 1, 2, 3…; with some given, continue after the largest so none repeat.
    first = max(given) + 1 if given else 1
    numbers = iter(range(first, first + len(order)))
    for step in order:
        if not isinstance(step.get("id"), int):
            number = next(numbers)
            rest = {k: v for k, v in step.items() if k != "id"}
            step.clear()
            step["id"] = number
            step.update(rest)
    return root


@dataclass
class IndexedReport:
    """The rows of one report, as dicts of column values."""

    header: dict[str, Any]
    misc: list[dict[str, Any]] = field(default_factory=list)
    sub_units: list[dict[str, Any]] = field(default_factory=list)
    assets: list[dict[str, Any]] = field(default_factory=list)
    attachments: list[dict[str, Any]] = field(default_factory=list)
    failures: list[dict[str, Any]] = field(default_factory=list)
    steps: list[dict[str, Any]] = field(default_factory=list)
    measurements: list[dict[str, Any]] = field(default_factory=list)


def _blob(report_id: str, blob: dict[str, Any], **where: Any) -> dict[str, Any]:
    data = base64.b64decode(str(blob.get("data") or ""))
    return {
        "report_id": report_id,
        "file_name": blob.get("name"),
        "mime_type": blob.get("contentType"),
        "size": len(data),
        "data": data,
        **where,
    }


def index_report(
    d: dict[str, Any], *, source_format: str, size: int, now: datetime, quarantined: bool
) -> IndexedReport:
    """Every row of the (normalised) document ``d``."""
    rid = d["id"]
    info = d.get("uut") or d.get("uur") or {}
    root = d.get("root") if isinstance(d.get("root"), dict) else None
    seq = (root or {}).get("seqCall") or {}
    header: dict[str, Any] = {
        "id": rid,
        "report_type": d.get("type") or ("R" if "uur" in d else "T"),
        "part_number": d.get("pn"),
        "serial_number": d.get("sn"),
        "revision": d.get("rev"),
        "process_code": d.get("processCode"),
        "process_name": d.get("processName"),
        "result": d.get("result"),
        "station_name": d.get("machineName"),
        "location": d.get("location"),
        "purpose": d.get("purpose"),
        "start": d.get("start"),
        "start_utc": start_utc_of(d),
        "operator": info.get("user"),
        "comment": info.get("comment"),
        "batch_number": info.get("batchSN"),
        "fixture_id": info.get("fixtureId"),
        "test_socket_index": info.get("testSocketIndex"),
        "execution_time": read_float(info.get("execTime")),
        "error_code": info.get("errorCode"),
        "error_message": info.get("errorMessage"),
        "sw_filename": seq.get("path") or seq.get("name"),
        "sw_version": seq.get("version"),
        "referenced_uut": (str(info["refUUT"]).lower() if d.get("uur") and info.get("refUUT") else None),
        "root_node_type": (root or {}).get("stepType"),
        "origin": d.get("origin"),
        "received_utc": now,
        "report_size": max(1, round(size / 1024)),
        "source_format": source_format,
        "quarantined": quarantined,
    }
    rows = IndexedReport(header)
    for idx, misc in enumerate(d.get("miscInfos") or ()):
        rows.misc.append(
            {
                "report_id": rid,
                "idx": idx,
                "description": misc.get("description"),
                "text": misc.get("text"),
                "numeric": misc.get("numeric"),
            }
        )
    failure_number = 0
    for unit in d.get("subUnits") or ():
        rows.sub_units.append(
            {
                "report_id": rid,
                "idx": unit.get("idx"),
                "part_type": unit.get("partType"),
                "part_number": unit.get("pn"),
                "serial_number": unit.get("sn"),
                "revision": unit.get("rev"),
                "position": unit.get("position"),
                "parent_idx": unit.get("parentIdx"),
                "replaced_idx": unit.get("replacedIdx"),
            }
        )
        for failure in unit.get("failures") or ():
            rows.failures.append(
                {
                    "report_id": rid,
                    "unit_idx": unit.get("idx"),
                    "idx": failure_number,
                    "category": failure.get("category"),
                    "code": failure.get("code"),
                    "comment": failure.get("comment"),
                    "com_ref": failure.get("comRef"),
                    "func_block": failure.get("funcBlock"),
                    "ref_step_id": failure.get("refStepId"),
                    "ref_step_name": failure.get("refStepName"),
                    "art_number": failure.get("artNumber"),
                    "art_rev": failure.get("artRev"),
                    "art_vendor": failure.get("artVendor"),
                    "art_description": failure.get("artDescription"),
                }
            )
            for blob in failure.get("attachments") or ():
                rows.attachments.append(_blob(rid, blob, failure_idx=failure_number))
            failure_number += 1
    for asset in d.get("assets") or ():
        rows.assets.append(
            {
                "report_id": rid,
                "serial_number": asset.get("assetSN", asset.get("sn")),
                "usage_count": asset.get("usageCount"),
            }
        )
    for blob in d.get("binaryData") or ():
        rows.attachments.append(_blob(rid, blob))
    if root is not None:
        _index_steps(rows, rid, root, info)
    return rows


def _index_steps(rows: IndexedReport, rid: str, root: dict[str, Any], info: dict[str, Any]) -> None:
    caused_id = info.get("stepIdCausedUUTFailure")
    caused: tuple[str | None, str] | None = None
    first_failed_leaf: tuple[str | None, str] | None = None
    stack: list[tuple[dict[str, Any], int | None, int, int, str]] = [(root, None, 0, 0, "")]
    while stack:
        step, parent_id, index, depth, path = stack.pop()
        step_id = step.get("id")
        loop: dict[str, Any] = step["loop"] if isinstance(step.get("loop"), dict) else {}
        rows.steps.append(
            {
                "report_id": rid,
                "step_id": step_id,
                "parent_step_id": parent_id,
                "step_index": index,
                "depth": depth,
                "path": path,
                "name": step.get("name"),
                "step_type": step.get("stepType"),
                "step_group": step.get("group"),
                "status": step.get("status"),
                "tot_time": read_float(step.get("totTime")),
                "error_code": step.get("errorCode"),
                "loop_index": loop.get("idx", loop.get("i")),
                "caused_uut_failure": step.get("causedUUTFailure"),
            }
        )
        children = step.get("steps") or []
        status = step.get("status")
        if caused is None and (
            (step_id == caused_id and caused_id is not None) or step.get("causedUUTFailure") is True
        ):
            caused = (step.get("name"), path)
        if (
            first_failed_leaf is None
            and status in _FAILING
            and not any(c.get("status") in _FAILING for c in children)
        ):
            first_failed_leaf = (step.get("name"), path)
        for kind, key in (("N", "numericMeas"), ("B", "booleanMeas"), ("S", "stringMeas")):
            for position, meas in enumerate(step.get(key) or ()):
                rows.measurements.append(_measurement(rid, step_id, position, kind, meas))
        attachment = step.get("attachment")
        if isinstance(attachment, dict):
            rows.attachments.append(_blob(rid, attachment, step_id=step_id))
        for position in range(len(children) - 1, -1, -1):
            child = children[position]
            child_path = f"{path}{PATH_SEPARATOR}{child.get('name')}" if path else str(child.get("name"))
            stack.append((child, step_id, position, depth + 1, child_path))
    found = caused or first_failed_leaf
    if found is not None and rows.header["result"] != "P":
        rows.header["caused_uut_failure"], rows.header["caused_uut_failure_path"] = found


def _measurement(rid: str, step_id: Any, position: int, kind: str, meas: dict[str, Any]) -> dict[str, Any]:
    row = {
        "report_id": rid,
        "step_id": step_id,
        "meas_index": position,
        "kind": kind,
        "name": meas.get("name"),
        "status": meas.get("status"),
        "comp_op": None,
        "value": None,
        "low_limit": None,
        "high_limit": None,
        "unit": None,
        "string_value": None,
        "string_limit": None,
    }
    if kind == "N":
        row |= {
            "comp_op": str(meas.get("compOp") or "LOG").upper(),
            "value": read_float(meas.get("value")),
            "low_limit": read_float(meas.get("lowLimit")),
            "high_limit": read_float(meas.get("highLimit")),
            "unit": meas.get("unit"),
        }
    elif kind == "S":
        row |= {
            "comp_op": str(meas.get("compOp") or "LOG").upper(),
            "string_value": meas.get("value"),
            "string_limit": meas.get("limit"),
        }
    return row
