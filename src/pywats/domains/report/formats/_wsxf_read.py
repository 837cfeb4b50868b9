"""Reading WSXF into the WSJF document WATS would export for the same report (report-format §5)."""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from typing import Any

from pywats.domains.report.formats import _wsxf_map as M
from pywats.domains.report.formats._safe_xml import parse_xml
from pywats.domains.report.formats._wsxf_props import props_from_xml
from pywats.domains.report.models.errors import ReportParseError

__all__ = ["read_wsxf"]

_HEADER_ORDER = (
    "type",
    "id",
    "pn",
    "sn",
    "rev",
    "productName",
    "processCode",
    "processCodeFormat",
    "processName",
    "result",
    "machineName",
    "location",
    "purpose",
    "origin",
    "start",
    "startUTC",
)
_UUT_ORDER = (
    "execTime",
    "testSocketIndex",
    "batchSN",
    "comment",
    "errorCode",
    "errorMessage",
    "fixtureId",
    "user",
    "batchFailCount",
    "batchLoopIndex",
    "stepIdCausedUUTFailure",
)
_UUR_ORDER = (
    "comment",
    "user",
    "processCode",
    "processName",
    "refUUT",
    "confirmDate",
    "finalizeDate",
    "execTime",
    "active",
    "parent",
    "children",
)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: ET.Element, tag: str) -> list[ET.Element]:
    return [child for child in element if _local(child.tag) == tag]


def _fail(location: str, message: str, field: str | None = None) -> ReportParseError:
    return ReportParseError(message, location=location, field=field, operation="parse_wsxf")


def _convert(kind: str, text: str, location: str, attr: str) -> Any:
    try:
        if kind == "int":
            return int(text.strip())
        if kind == "float":
            return M.parse_number(text)
    except (ValueError, TypeError) as exc:
        raise _fail(f"{location}@{attr}", f"{attr} must be a number, got {text!r}", attr) from exc
    if kind == "bool":
        lowered = text.strip().lower()
        if lowered in ("true", "1"):
            return True
        if lowered in ("false", "0"):
            return False
        raise _fail(f"{location}@{attr}", f"{attr} must be true or false, got {text!r}", attr)
    if kind == "guid":
        return text.strip().lower()
    if kind in ("status", "result"):
        return M.STATUS_LETTERS.get(text, text)
    if kind == "group":
        return M.GROUP_LETTERS.get(text, text)
    if kind == "null":
        return text or None
    return text


def _read(rows: list[M.Row], element: ET.Element, location: str) -> dict[str, Any]:
    attrs = element.attrib
    out: dict[str, Any] = {}
    for attr, key, kind in rows:
        text = attrs.get(attr)
        if text is not None:
            out[key] = _convert(kind, text, location, attr)
    return out


def _ordered(data: dict[str, Any], order: tuple[str, ...]) -> dict[str, Any]:
    out = {key: data[key] for key in order if key in data}
    out.update((key, value) for key, value in data.items() if key not in out)
    return out


def read_wsxf(content: bytes | str) -> dict[str, Any]:
    """The WSJF object of the one report in a WSXF document."""
    document = parse_xml(content)
    tag = _local(document.tag)
    if tag == "Reports":
        reports = _children(document, "Report")
        if len(reports) != 1:
            raise _fail(
                "Reports",
                f"a WSXF document for one submission holds exactly one Report, found {len(reports)}",
            )
        element = reports[0]
    elif tag == "Report":
        element = document
    else:
        raise _fail(tag, f"the root element must be Reports, got {tag}")
    return _report(element)


def _report(el: ET.Element) -> dict[str, Any]:
    kind = {"UUT": "T", "UUR": "R"}.get(el.get("type", ""))
    if kind is None:
        raise _fail("Report@type", f"type must be UUT or UUR, got {el.get('type')!r}", "type")
    header = _read(M.REPORT, el, "Report")
    header["type"] = kind
    header.setdefault("id", str(uuid.uuid4()))  # WATS gives a report without ID a new one
    processes = _children(el, "Process")
    if processes:
        header |= _read(M.PROCESS, processes[0], "Report/Process")
    d = _ordered(header, _HEADER_ORDER)
    if kind == "T":
        steps = _children(el, "Step")
        if len(steps) > 1:
            raise _fail("Report/Step", "a UUT report has exactly one root Step")
        if steps:
            d["root"] = _step(steps[0], "Report/Step")
        uut = _children(el, "UUT")
        if uut:
            info = _read(M.UUT, uut[0], "Report/UUT")
            comment = _children(uut[0], "Comment")
            if comment:
                info["comment"] = comment[0].text or ""
            d["uut"] = _ordered(info, _UUT_ORDER)
    else:
        uur = _children(el, "UUR")
        if uur:
            d["uur"] = _uur(uur[0])
    d["miscInfos"] = [
        _misc(child, f"Report/MiscInfo[{i}]") for i, child in enumerate(_children(el, "MiscInfo"))
    ]
    d["subUnits"] = [
        _read(M.UNIT, child, f"Report/ReportUnitHierarchy[{i}]")
        for i, child in enumerate(_children(el, "ReportUnitHierarchy"))
    ]
    d["assets"] = [
        _read(M.ASSET, child, f"Report/Asset[{i}]") for i, child in enumerate(_children(el, "Asset"))
    ]
    d["assetStats"] = []  # computed by the server; exported empty
    d["additionalData"] = [
        {"name": child.get("Name", ""), "props": props_from_xml(child)}
        for child in _children(el, "AdditionalData")
    ]
    binaries = _children(el, "Binary")
    if kind == "R":
        _failures(d, el, binaries)
        binaries = [b for b in binaries if b.get("FailIdx") is None]
    if binaries:
        d["binaryData"] = [_blob(b) for b in binaries]
    return d


def _uur(element: ET.Element) -> dict[str, Any]:
    info = _read(M.UUR, element, "Report/UUR")
    comment = _children(element, "Comment")
    if comment:
        info["comment"] = comment[0].text or ""
    process = _children(element, "Process")
    if process:
        test_operation = _read(M.PROCESS, process[0], "Report/UUR/Process")
        info |= {k: v for k, v in test_operation.items() if k != "processCodeFormat"}
    children = _children(element, "Children")
    if children:
        info["children"] = [(child.text or "").strip().lower() for child in children]
    return _ordered(info, _UUR_ORDER)


def _failures(d: dict[str, Any], el: ET.Element, binaries: list[ET.Element]) -> None:
    units = {unit.get("idx", 0): unit for unit in d["subUnits"]}
    by_number: dict[str, dict[str, Any]] = {}
    for i, element in enumerate(_children(el, "Failures")):
        failure = _read(M.FAILURE, element, f"Report/Failures[{i}]")
        comments = _children(element, "Comment")
        if comments:
            failure["comment"] = "\n".join(c.text or "" for c in comments)
        order = (
            "artNumber",
            "artRev",
            "artVendor",
            "artDescription",
            "category",
            "code",
            "comment",
            "comRef",
            "funcBlock",
            "refStepId",
            "refStepName",
        )
        failure = _ordered(failure, order)
        part = _convert("int", element.get("PartIdx") or "0", f"Report/Failures[{i}]", "PartIdx")
        unit = units.get(part)
        if unit is None:
            raise _fail(
                f"Report/Failures[{i}]@PartIdx", f"PartIdx {part} names no ReportUnitHierarchy", "PartIdx"
            )
        unit.setdefault("failures", []).append(failure)
        by_number[element.get("Idx", str(i))] = failure
    for binary in binaries:
        fail_idx = binary.get("FailIdx")
        if fail_idx is not None and fail_idx in by_number:
            by_number[fail_idx].setdefault("attachments", []).append(_blob(binary))


def _blob(binary: ET.Element) -> dict[str, Any]:
    data = _children(binary, "Data")
    element = data[0] if data else binary
    return {
        "name": element.get("FileName", ""),
        "contentType": element.get("ContentType", "application/octet-stream"),
        "data": (element.text or "").strip(),
    }


def _misc(element: ET.Element, location: str) -> dict[str, Any]:
    info = _read(M.MISC, element, location)
    info = _ordered(
        {"description": info.pop("description", ""), "text": element.text or None, **info},
        ("description", "text", "numeric"),
    )
    info.setdefault("numeric", None)
    return info


def _step(el: ET.Element, location: str) -> dict[str, Any]:
    step = _read(M.STEP, el, location)
    loops = _children(el, "Loop")
    if loops:
        loop = _read(M.LOOP, loops[0], location + "/Loop")
        step["loop"] = {key: loop.get(key) for key in ("idx", "num", "endingIndex", "passed", "failed")}
    text = _children(el, "ReportText")
    if text:
        step["reportText"] = text[0].text or ""
    step = _ordered(step, M.STEP_KEY_ORDER)
    payload = [
        (key, tag, rows)
        for key, tag, rows in (
            ("numericMeas", "NumericLimit", M.NUMERIC),
            ("booleanMeas", "PassFail", M.PASS_FAIL),
            ("stringMeas", "StringValue", M.STRING),
        )
    ]
    for key, tag, rows in payload:
        elements = _children(el, tag)
        if elements:
            step[key] = [
                _measurement(key, _read(rows, child, f"{location}/{tag}[{i}]"))
                for i, child in enumerate(elements)
            ]
    for tag, key, rows in (("Callexe", "callExe", M.CALL_EXE), ("MessagePopup", "messagePopup", M.POPUP)):
        elements = _children(el, tag)
        if len(elements) > 1:
            raise _fail(f"{location}/{tag}", f"a step holds at most one {tag}")
        if elements:
            step[key] = _read(rows, elements[0], f"{location}/{tag}")
    extras = _children(el, "AdditionalResults")
    if extras:
        step["additionalResults"] = [{"name": e.get("Name", ""), "props": props_from_xml(e)} for e in extras]
    charts = _children(el, "Chart")
    if len(charts) > 1:
        raise _fail(f"{location}/Chart", "a step holds at most one Chart")
    if charts:
        chart = _read(M.CHART, charts[0], f"{location}/Chart")
        chart["series"] = [
            _series(s, f"{location}/Chart/Series[{i}]") for i, s in enumerate(_children(charts[0], "Series"))
        ]
        step["chart"] = chart
    attachments = _children(el, "Attachment")
    if attachments:
        step["attachment"] = _read(M.ATTACHMENT, attachments[0], f"{location}/Attachment") | {
            "data": (attachments[0].text or "").strip()
        }
    children = _children(el, "Step")
    sequence = _children(el, "SequenceCall")
    if len(sequence) > 1:
        raise _fail(f"{location}/SequenceCall", "a step holds at most one SequenceCall")
    if children or sequence:
        step["steps"] = [_step(child, f"{location}/Step[{i}]") for i, child in enumerate(children)]
    if sequence:
        seq = _read(M.SEQ_CALL, sequence[0], f"{location}/SequenceCall")
        step["seqCall"] = {
            "path": seq.get("path") or None,
            "name": seq.get("name"),
            "version": seq.get("version"),
        }
    return step


def _measurement(key: str, data: dict[str, Any]) -> dict[str, Any]:
    if key == "booleanMeas":
        return {"name": data.get("name"), "status": data.get("status")}
    op = data.get("compOp") or "LOG"
    if key == "stringMeas":
        return {
            "compOp": op,
            "name": data.get("name"),
            "status": data.get("status"),
            "value": data.get("value"),
            "limit": data.get("limit"),
        }
    base = {
        "compOp": op,
        "name": data.get("name"),
        "status": data.get("status"),
        "unit": data.get("unit"),
        "value": data.get("value"),
        "highLimit": data.get("highLimit"),
        "lowLimit": data.get("lowLimit"),
    }
    base.update((k, v) for k, v in data.items() if k not in base)
    return base


def _series(element: ET.Element, location: str) -> dict[str, Any]:
    series = _read(M.SERIES, element, location)
    out = {"dataType": series.get("dataType", "XYG"), "name": series.get("name")}
    x = _children(element, "xdata")
    y = _children(element, "ydata")
    out["xdata"] = (x[0].text or None) if x else None
    out["ydata"] = (y[0].text or "") if y else ""
    return out
