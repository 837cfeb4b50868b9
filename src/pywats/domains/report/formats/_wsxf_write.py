"""Writing a report as WSXF (report-format §5)."""

from __future__ import annotations

import base64
import binascii
import xml.etree.ElementTree as ET
from typing import Any

from pywats.domains.report.formats import _wsxf_map as M
from pywats.domains.report.formats._wsxf_props import props_to_xml

__all__ = ["write_wsxf"]

_EMPTY_WHEN_NULL = "null"


def _value(kind: str, value: Any) -> str:
    if kind == "float":
        return M.format_number(value)
    if kind == "bool":
        return "true" if value else "false"
    if kind == "guid":
        return str(value).upper()
    if kind in ("status", "result"):
        return M.STATUS_WORDS.get(value, str(value))
    if kind == "group":
        return M.GROUP_WORDS.get(value, str(value))
    return str(value)


def _attrs(rows: list[M.Row], data: dict[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for attr, key, kind in rows:
        value = data.get(key)
        if value is None:
            if kind == _EMPTY_WHEN_NULL:
                out[attr] = ""
            continue
        out[attr] = _value(kind, value)
    return out


def write_wsxf(d: dict[str, Any], *, include_indexes: bool = False) -> bytes:
    """The WSXF document of the WSJF object ``d``."""
    document = ET.Element("Reports", {"xmlns": M.NAMESPACE})
    is_uur = d.get("type") == "R" or ("uur" in d and "root" not in d)
    report = ET.SubElement(document, "Report", {"type": "UUR" if is_uur else "UUT", **_attrs(M.REPORT, d)})
    if is_uur:
        _uur(report, d.get("uur") or {})
    else:
        info = d.get("uut") or {}
        element = ET.SubElement(report, "UUT", _attrs(M.UUT, info))
        if info.get("comment") is not None:
            ET.SubElement(element, "Comment").text = str(info["comment"])
    ET.SubElement(report, "Process", _attrs(M.PROCESS, d))
    for index, block in enumerate(d.get("additionalData") or ()):
        element = ET.SubElement(
            report, "AdditionalData", {"Name": str(block.get("name") or ""), "Idx": str(index)}
        )
        props_to_xml(element, block.get("props") or [])
    for asset in d.get("assets") or ():
        data = asset if "assetSN" in asset or "sn" not in asset else {**asset, "assetSN": asset["sn"]}
        ET.SubElement(report, "Asset", _attrs(M.ASSET, data))
    for index, info in enumerate(d.get("miscInfos") or ()):
        attrs = _attrs(M.MISC, info)
        if include_indexes:
            attrs |= {"idx": str(index), "order_no": str(index)}
        ET.SubElement(report, "MiscInfo", attrs).text = (
            None if info.get("text") is None else str(info["text"])
        )
    for unit in d.get("subUnits") or ():
        ET.SubElement(report, "ReportUnitHierarchy", _attrs(M.UNIT, unit))
    if is_uur:
        _failures(report, d)
    else:
        root = d.get("root")
        if isinstance(root, dict):
            counter = [-1]  # MeasOrderNumber runs report-wide from -1, as the reference export does
            _step(report, root, 0, counter, include_indexes)
    for index, blob in enumerate(d.get("binaryData") or ()):
        _binary(report, blob, index, None)
    ET.indent(document, space="  ")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(document, encoding="unicode").encode(
        "utf-8"
    )


def _uur(report: ET.Element, info: dict[str, Any]) -> None:
    element = ET.SubElement(report, "UUR", _attrs(M.UUR, info))
    if info.get("comment") is not None:
        ET.SubElement(element, "Comment").text = str(info["comment"])
    process = {"Code": str(info["processCode"])} if info.get("processCode") is not None else {}
    if info.get("processName") is not None:
        process["Name"] = str(info["processName"])
    ET.SubElement(element, "Process", process)
    for child in info.get("children") or ():
        ET.SubElement(element, "Children").text = str(child).upper()


def _failures(report: ET.Element, d: dict[str, Any]) -> None:
    number = 0
    binaries: list[tuple[dict[str, Any], int]] = []
    for unit in d.get("subUnits") or ():
        for failure in unit.get("failures") or ():
            attrs = _attrs(M.FAILURE, failure) | {"Idx": str(number)}
            if unit.get("idx") is not None:
                attrs["PartIdx"] = str(unit["idx"])
            element = ET.SubElement(report, "Failures", attrs)
            if failure.get("comment") is not None:
                ET.SubElement(element, "Comment").text = str(failure["comment"])
            binaries.extend((blob, number) for blob in failure.get("attachments") or ())
            number += 1
    offset = len(d.get("binaryData") or ())
    for index, (blob, fail_idx) in enumerate(binaries):
        _binary(report, blob, offset + index, fail_idx)


def _binary(report: ET.Element, blob: dict[str, Any], index: int, fail_idx: int | None) -> None:
    attrs = {"BinaryDataIndex": str(index)}
    if fail_idx is not None:
        attrs["FailIdx"] = str(fail_idx)
    element = ET.SubElement(report, "Binary", attrs)
    data = str(blob.get("data") or "")
    ET.SubElement(
        element,
        "Data",
        {
            "ContentType": str(blob.get("contentType") or ""),
            "FileName": str(blob.get("name") or ""),
            "size": str(_size(data)),
        },
    ).text = data


def _size(data: str) -> int:
    try:
        return len(base64.b64decode(data))
    except (binascii.Error, ValueError):
        return 0


def _step(parent: ET.Element, s: dict[str, Any], index: int, counter: list[int], indexes: bool) -> None:
    attrs = _attrs(M.STEP, s)
    if indexes:
        attrs["StepIndex"] = str(index)
    element = ET.SubElement(parent, "Step", attrs)
    loop = s.get("loop")
    if isinstance(loop, dict):
        loop_data = loop if "idx" in loop or "i" not in loop else {"idx": loop.get("i"), "num": loop.get("n")}
        ET.SubElement(element, "Loop", _attrs(M.LOOP, loop_data))
    if s.get("reportText") is not None:
        ET.SubElement(element, "ReportText").text = str(s["reportText"])
    seq = s.get("seqCall")
    if isinstance(seq, dict):
        attrs = _attrs(M.SEQ_CALL, seq)
        path = str(seq.get("path") or "")
        attrs["Filename"] = path.replace("\\", "/").rsplit("/", 1)[-1]
        ET.SubElement(element, "SequenceCall", attrs)
    for key, tag, rows in (
        ("numericMeas", "NumericLimit", M.NUMERIC),
        ("booleanMeas", "PassFail", M.PASS_FAIL),
        ("stringMeas", "StringValue", M.STRING),
    ):
        for position, meas in enumerate(s.get(key) or ()):
            attrs = _attrs(rows, meas)
            if indexes:
                attrs |= {"MeasIndex": str(position), "MeasOrderNumber": str(counter[0])}
            counter[0] += 1
            ET.SubElement(element, tag, attrs)
    if isinstance(s.get("callExe"), dict):
        ET.SubElement(element, "Callexe", _attrs(M.CALL_EXE, s["callExe"]))
    if isinstance(s.get("messagePopup"), dict):
        ET.SubElement(element, "MessagePopup", _attrs(M.POPUP, s["messagePopup"]))
    for position, block in enumerate(s.get("additionalResults") or ()):
        extra = ET.SubElement(
            element, "AdditionalResults", {"Name": str(block.get("name") or ""), "Idx": str(position)}
        )
        props_to_xml(extra, block.get("props") or [])
    chart = s.get("chart")
    if isinstance(chart, dict):
        chart_element = ET.SubElement(element, "Chart", {"idx": "0", **_attrs(M.CHART, chart)})
        for series in chart.get("series") or ():
            series_element = ET.SubElement(chart_element, "Series", _attrs(M.SERIES, series))
            ET.SubElement(series_element, "ydata").text = str(series.get("ydata") or "")
            if series.get("xdata") is not None:
                ET.SubElement(series_element, "xdata").text = str(series["xdata"])
    attachment = s.get("attachment")
    if isinstance(attachment, dict):
        data = str(attachment.get("data") or "")
        ET.SubElement(
            element, "Attachment", {**_attrs(M.ATTACHMENT, attachment), "Size": str(_size(data))}
        ).text = data
    for position, child in enumerate(s.get("steps") or ()):
        _step(element, child, position, counter, indexes)
