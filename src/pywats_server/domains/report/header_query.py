"""Report-header queries: OData ``$filter``/``$orderby`` over the ``report`` table, and the answer rows."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, not_, or_, select, true
from sqlalchemy.orm import InstrumentedAttribute, Session

from pywats_server.domains.report.odata import Any_, Call, Compare, Field, Literal, Logical, Not, ODataError
from pywats_server.domains.report.tables import (
    ReportAssetRow,
    ReportAttachmentRow,
    ReportMiscInfoRow,
    ReportRow,
    ReportSubUnitRow,
)

__all__ = ["RESULT_WORDS", "build_query", "header_rows", "parse_orderby"]

RESULT_WORDS = {"P": "Passed", "F": "Failed", "E": "Error", "T": "Terminated", "D": "Done"}
_RESULT_LETTERS = {word.lower(): letter for letter, word in RESULT_WORDS.items()} | {
    letter.lower(): letter for letter in RESULT_WORDS
}

# ReportHeader member → column (endpoints.md §6.3). Matching is case-insensitive.
HEADER_FIELDS: dict[str, InstrumentedAttribute[Any]] = {
    "uuid": ReportRow.id,
    "id": ReportRow.id,
    "serialNumber": ReportRow.serial_number,
    "partNumber": ReportRow.part_number,
    "revision": ReportRow.revision,
    "batchNumber": ReportRow.batch_number,
    "reportType": ReportRow.report_type,
    "stationName": ReportRow.station_name,
    "location": ReportRow.location,
    "purpose": ReportRow.purpose,
    "processCode": ReportRow.process_code,
    "processName": ReportRow.process_name,
    "testOperation": ReportRow.process_name,
    "result": ReportRow.result,
    "start": ReportRow.start_utc,
    "startUtc": ReportRow.start_utc,
    "operator": ReportRow.operator,
    "comment": ReportRow.comment,
    "executionTime": ReportRow.execution_time,
    "swFilename": ReportRow.sw_filename,
    "swVersion": ReportRow.sw_version,
    "testSocketIndex": ReportRow.test_socket_index,
    "fixtureId": ReportRow.fixture_id,
    "receiveCount": ReportRow.receive_count,
    "reportSize": ReportRow.report_size,
    "causedUutFailure": ReportRow.caused_uut_failure,
    "causedUutFailurePath": ReportRow.caused_uut_failure_path,
    "errorCode": ReportRow.error_code,
    "errorMessage": ReportRow.error_message,
    "referencedUut": ReportRow.referenced_uut,
    "rootNodeType": ReportRow.root_node_type,
    "origin": ReportRow.origin,
}
_HEADER_BY_FOLD = {name.casefold(): column for name, column in HEADER_FIELDS.items()}

_SUB_UNIT = {
    "serialnumber": ReportSubUnitRow.serial_number,
    "partnumber": ReportSubUnitRow.part_number,
    "revision": ReportSubUnitRow.revision,
    "parttype": ReportSubUnitRow.part_type,
}
_COLLECTIONS: dict[str, tuple[Any, dict[str, InstrumentedAttribute[Any]]]] = {
    "subunits": (ReportSubUnitRow, _SUB_UNIT),
    "uursubunits": (ReportSubUnitRow, _SUB_UNIT),
    "miscinfo": (
        ReportMiscInfoRow,
        {"description": ReportMiscInfoRow.description, "value": ReportMiscInfoRow.text},
    ),
    "uurmiscinfo": (
        ReportMiscInfoRow,
        {"description": ReportMiscInfoRow.description, "value": ReportMiscInfoRow.text},
    ),
    "assets": (ReportAssetRow, {"serialnumber": ReportAssetRow.serial_number}),
    "uurassets": (ReportAssetRow, {"serialnumber": ReportAssetRow.serial_number}),
}


class _Scope:
    """Which table a field path refers to: the header, or a lambda variable's collection."""

    def __init__(
        self, variable: str | None = None, fields: dict[str, InstrumentedAttribute[Any]] | None = None
    ):
        self.variable = variable
        self.fields = fields or {}

    def column(self, path: tuple[str, ...]) -> InstrumentedAttribute[Any]:
        if self.variable is not None and len(path) == 2 and path[0] == self.variable:
            column = self.fields.get(path[1].casefold())
            if column is None:
                raise ODataError(f"Could not find a property named '{path[1]}' on the collection item.")
            return column
        if len(path) == 1:
            column = _HEADER_BY_FOLD.get(path[0].casefold())
            if column is not None:
                return column
        raise ODataError(f"Could not find a property named '{'/'.join(path)}' on type 'ReportHeader'.")


def _value(column: InstrumentedAttribute[Any], literal: Any) -> Any:
    value = literal.value
    if column is ReportRow.result and isinstance(value, str):
        letter = _RESULT_LETTERS.get(value.casefold())
        if letter is None:
            raise ODataError(f"'{value}' is not a report result (Passed, Failed, Error, Terminated).")
        return letter
    if column is ReportRow.start_utc:
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError as exc:
                raise ODataError(f"'{value}' is not a date/time.") from exc
        if isinstance(value, datetime):
            return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value
    if column is ReportRow.report_type and isinstance(value, str):
        return {"U": "T"}.get(value.upper(), value.upper())
    return value


def _compile(node: Any, scope: _Scope) -> ColumnElement[bool]:
    if isinstance(node, Logical):
        left, right = _compile(node.left, scope), _compile(node.right, scope)
        return and_(left, right) if node.op == "and" else or_(left, right)
    if isinstance(node, Not):
        return not_(_compile(node.operand, scope))
    if isinstance(node, Compare):
        return _compare(node, scope)
    if isinstance(node, Call):
        return _call(node, scope)
    if isinstance(node, Any_):
        entry = _COLLECTIONS.get(node.collection.casefold())
        if entry is None:
            raise ODataError(f"'{node.collection}' is not a collection of ReportHeader.")
        table, fields = entry
        inner = _compile(node.body, _Scope(node.variable, fields))
        return exists(select(table.row_id).where(table.report_id == ReportRow.id, inner))
    if isinstance(node, Literal) and isinstance(node.value, bool):
        return true() if node.value else not_(true())
    raise ODataError("The $filter expression does not evaluate to true or false.")


def _operand(node: Any, scope: _Scope) -> tuple[Any, bool]:
    """(SQL expression or Python value, is_column)."""
    if isinstance(node, Field):
        return scope.column(node.path), True
    if isinstance(node, Call) and node.name in ("tolower", "toupper"):
        inner, is_column = _operand(node.args[0], scope)
        if not is_column:
            return (str(inner).lower() if node.name == "tolower" else str(inner).upper()), False
        return (func.lower(inner) if node.name == "tolower" else func.upper(inner)), True
    if isinstance(node, Literal):
        return node, False
    raise ODataError("Unsupported operand in $filter.")


def _compare(node: Compare, scope: _Scope) -> ColumnElement[bool]:
    left, left_is_column = _operand(node.left, scope)
    right, right_is_column = _operand(node.right, scope)
    op = node.op
    if not left_is_column and right_is_column:
        left, right = right, left
        op = {"gt": "lt", "lt": "gt", "ge": "le", "le": "ge"}.get(op, op)
    elif not left_is_column:
        raise ODataError("A comparison in $filter needs a property on one side.")
    if isinstance(right, Literal):
        column = left if isinstance(left, InstrumentedAttribute) else None
        right = _value(column, right) if column is not None else right.value
    if right is None:
        if op == "eq":
            return left.is_(None)  # type: ignore[no-any-return]
        if op == "ne":
            return left.is_not(None)  # type: ignore[no-any-return]
        raise ODataError(f"'{op}' cannot compare with null.")
    if isinstance(right, str) and isinstance(left, InstrumentedAttribute) and op in ("eq", "ne"):
        # WATS runs on SQL Server with a case-insensitive collation: compare text the same way.
        left, right = func.lower(left), right.lower()
    operators = {
        "eq": "__eq__",
        "ne": "__ne__",
        "gt": "__gt__",
        "ge": "__ge__",
        "lt": "__lt__",
        "le": "__le__",
    }
    return getattr(left, operators[op])(right)  # type: ignore[no-any-return]


def _call(node: Call, scope: _Scope) -> ColumnElement[bool]:
    if node.name not in ("contains", "startswith", "endswith"):
        raise ODataError(f"{node.name}() does not return true or false.")
    column, is_column = _operand(node.args[0], scope)
    needle = node.args[1]
    if not is_column or not isinstance(needle, Literal) or not isinstance(needle.value, str):
        raise ODataError(f"{node.name}() takes a property and a string.")
    text = needle.value.lower()
    lowered = func.lower(column)
    if node.name == "contains":
        return lowered.contains(text, autoescape=True)
    if node.name == "startswith":
        return lowered.startswith(text, autoescape=True)
    return lowered.endswith(text, autoescape=True)


def parse_orderby(text: str | None) -> list[Any]:
    """ORDER BY clauses for ``$orderby`` (``start desc, serialNumber``); newest first by default."""
    if not text:
        return [ReportRow.start_utc.desc(), ReportRow.id]
    clauses: list[Any] = []
    for part in text.split(","):
        words = part.split()
        if not words or len(words) > 2 or (len(words) == 2 and words[1].lower() not in ("asc", "desc")):
            raise ODataError(f"Invalid $orderby clause {part.strip()!r}.")
        column = _Scope().column((words[0],))
        clauses.append(column.desc() if len(words) == 2 and words[1].lower() == "desc" else column.asc())
    clauses.append(ReportRow.id)  # a stable order for paging
    return clauses


def build_query(report_type: str, odata_filter: str | None, orderby: str | None) -> Select[Any]:
    """The SELECT for one header query (quarantined, future-dated reports are left out)."""
    from pywats_server.domains.report.odata import parse_filter

    query = select(ReportRow).where(ReportRow.report_type == report_type, ReportRow.quarantined.is_(False))
    if odata_filter:
        query = query.where(_compile(parse_filter(odata_filter), _Scope()))
    return query.order_by(*parse_orderby(orderby))


def header_rows(session: Session, rows: list[ReportRow], expand: set[str]) -> list[dict[str, Any]]:
    """The ReportHeader objects of ``rows`` with the ``$expand``-ed collections."""
    ids = [row.id for row in rows]
    extra: dict[str, dict[str, list[dict[str, Any]]]] = {}
    if ids and expand & {"subunits", "uursubunits"}:
        for unit in session.scalars(
            select(ReportSubUnitRow)
            .where(ReportSubUnitRow.report_id.in_(ids))
            .order_by(ReportSubUnitRow.row_id)
        ):
            extra.setdefault(unit.report_id, {}).setdefault("units", []).append(
                _clean(
                    {
                        "serialNumber": unit.serial_number,
                        "partNumber": unit.part_number,
                        "revision": unit.revision,
                        "partType": unit.part_type,
                    }
                )
            )
    if ids and expand & {"miscinfo", "uurmiscinfo"}:
        for misc in session.scalars(
            select(ReportMiscInfoRow)
            .where(ReportMiscInfoRow.report_id.in_(ids))
            .order_by(ReportMiscInfoRow.row_id)
        ):
            extra.setdefault(misc.report_id, {}).setdefault("misc", []).append(
                _clean({"description": misc.description, "value": misc.text})
            )
    if ids and expand & {"assets", "uurassets"}:
        for asset in session.scalars(select(ReportAssetRow).where(ReportAssetRow.report_id.in_(ids))):
            extra.setdefault(asset.report_id, {}).setdefault("assets", []).append(
                _clean({"serialNumber": asset.serial_number, "totalCount": asset.usage_count})
            )
    if ids and expand & {"attachments", "uurattachments"}:
        query = select(
            ReportAttachmentRow.attachment_id,
            ReportAttachmentRow.report_id,
            ReportAttachmentRow.file_name,
            ReportAttachmentRow.mime_type,
            ReportAttachmentRow.size,
            ReportAttachmentRow.step_id,
        )
        for attachment_id, report_id, name, mime, size, step_id in session.execute(
            query.where(ReportAttachmentRow.report_id.in_(ids)).order_by(ReportAttachmentRow.attachment_id)
        ):
            extra.setdefault(report_id, {}).setdefault("attachments", []).append(
                _clean(
                    {
                        "attachmentId": attachment_id,
                        "fileName": name,
                        "mimeType": mime,
                        "size": size,
                        "stepId": step_id,
                    }
                )
            )
    out = []
    for row in rows:
        header = _header(row)
        more = extra.get(row.id, {})
        uur = row.report_type == "R"
        if expand & {"subunits", "uursubunits"}:
            header["uurSubUnits" if uur else "subUnits"] = more.get("units", [])
        if expand & {"miscinfo", "uurmiscinfo"}:
            header["uurMiscInfo" if uur else "miscInfo"] = more.get("misc", [])
        if expand & {"assets", "uurassets"}:
            header["uurAssets" if uur else "assets"] = more.get("assets", [])
        if expand & {"attachments", "uurattachments"}:
            header["uurAttachments" if uur else "attachments"] = more.get("attachments", [])
        out.append(header)
    return out


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value is not None}


def _header(row: ReportRow) -> dict[str, Any]:
    start = row.start_utc.replace(tzinfo=UTC).isoformat().replace("+00:00", "Z")
    return _clean(
        {
            "uuid": row.id,
            "serialNumber": row.serial_number,
            "partNumber": row.part_number,
            "revision": row.revision,
            "batchNumber": row.batch_number,
            "reportType": row.report_type,
            "stationName": row.station_name,
            "location": row.location,
            "purpose": row.purpose,
            "processCode": row.process_code,
            "processName": row.process_name,
            "result": RESULT_WORDS.get(row.result, row.result),
            "startUtc": start,
            "operator": row.operator,
            "comment": row.comment,
            "executionTime": row.execution_time,
            "swFilename": row.sw_filename,
            "swVersion": row.sw_version,
            "testSocketIndex": row.test_socket_index,
            "fixtureId": row.fixture_id,
            "receiveCount": row.receive_count,
            "reportSize": row.report_size,
            "causedUutFailure": row.caused_uut_failure,
            "causedUutFailurePath": row.caused_uut_failure_path,
            "errorCode": row.error_code,
            "errorMessage": row.error_message,
            "referencedUut": row.referenced_uut,
            "testOperation": row.process_name,
            "rootNodeType": row.root_node_type,
            "origin": row.origin,
        }
    )
