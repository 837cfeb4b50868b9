"""pandas DataFrames of reports and analytics results (needs ``pip install pywats-api[pandas]``).

>>> from pywats.dataframes import to_dataframe
>>> headers = api.report.query_uut_headers(top=100)  # doctest: +SKIP
>>> frame = to_dataframe(headers)  # one row per report, typed columns  # doctest: +SKIP

* :func:`headers_to_dataframe` — report headers (``ReportHeader`` lists);
* :func:`steps_to_dataframe` / :func:`measurements_to_dataframe` — the steps or measurements of
  one or more full reports (from ``api.report.get_report``);
* :func:`models_to_dataframe` — any list of pyWATS models, e.g. analytics results, one column
  per field with its type;
* :func:`to_dataframe` — picks the right one for what you pass.

Columns have proper dtypes: ``string``, nullable ``Int64`` and ``boolean``, ``float64`` (NaN
kept as NaN) and ``datetime64[ns, UTC]``. Column names are those of the Parquet export
(:mod:`pywats.export`). pandas is imported when a function is called, not with this module.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from pywats.core.exceptions import ValidationError
from pywats.export._rows import HEADER_COLUMNS, MEASUREMENT_COLUMNS, STEP_COLUMNS, Columns

if TYPE_CHECKING:
    import pandas as pd
    from pydantic import BaseModel

    from pywats.domains.report.models import Report
    from pywats.domains.report.query import ReportHeader

__all__ = [
    "headers_to_dataframe",
    "measurements_to_dataframe",
    "models_to_dataframe",
    "steps_to_dataframe",
    "to_dataframe",
]

_DTYPES = {
    "string": "string",
    "int": "Int64",
    "float": "float64",
    "bool": "boolean",
    "timestamp": "datetime64[ns, UTC]",
}


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as exc:
        raise ImportError("DataFrames need pandas: pip install 'pywats-api[pandas]'", name=exc.name) from exc
    return pandas


def frame(rows: Sequence[dict[str, Any]], columns: Columns) -> pd.DataFrame:
    """A DataFrame of ``rows`` with exactly ``columns``, in their order and types."""
    pandas = _pandas()
    data = {name: [row.get(name) for row in rows] for name in columns}
    result = pandas.DataFrame(data, columns=list(columns))
    for name, kind in columns.items():
        result[name] = _convert(pandas, result[name], kind)
    return result


def _convert(pandas: Any, series: Any, kind: str) -> Any:
    if kind == "timestamp":
        return pandas.to_datetime(series, utc=True).astype(_DTYPES[kind])
    if kind == "float":
        return pandas.to_numeric(series, errors="coerce").astype("float64")
    if kind == "object":
        return series.infer_objects()  # extra fields: numbers become numeric columns
    return series.astype(_DTYPES[kind])


def headers_to_dataframe(headers: Iterable[ReportHeader]) -> pd.DataFrame:
    """One row per report header (``api.report.query_uut_headers`` and friends)."""
    from pywats.export._rows import header_row

    return frame([header_row(header) for header in headers], HEADER_COLUMNS)


def steps_to_dataframe(reports: Report | Iterable[Report]) -> pd.DataFrame:
    """One row per step of the given full report(s), depth first, with the report's keys."""
    from pywats.export._rows import step_rows

    return frame([row for report in _reports(reports) for row in step_rows(report)], STEP_COLUMNS)


def measurements_to_dataframe(reports: Report | Iterable[Report]) -> pd.DataFrame:
    """One row per measurement (numeric, string, pass/fail) of the given full report(s)."""
    from pywats.export._rows import measurement_rows

    return frame(
        [row for report in _reports(reports) for row in measurement_rows(report)], MEASUREMENT_COLUMNS
    )


def models_to_dataframe(models: Iterable[BaseModel]) -> pd.DataFrame:
    """One row per model (analytics results, products, units…), one column per field.

    Column types follow the fields' annotations; nested models and lists stay Python objects.
    Fields the server sent beyond the model's own are kept as extra columns.
    """
    items = list(models)
    if not items:
        return _pandas().DataFrame()
    model_type = type(items[0])
    columns: Columns = {name: _kind(field.annotation) for name, field in model_type.model_fields.items()}
    rows = []
    for item in items:
        row = {name: getattr(item, name, None) for name in columns}
        for key, value in (item.model_extra or {}).items():
            columns.setdefault(key, "object")
            row[key] = value
        rows.append(row)
    return frame(rows, columns)


def to_dataframe(data: Any) -> pd.DataFrame:
    """A DataFrame of ``data``: report headers, a full report (its measurements) or a list of models."""
    from pydantic import BaseModel

    from pywats.domains.report.models import Report
    from pywats.domains.report.query import ReportHeader

    if isinstance(data, Report):
        return measurements_to_dataframe(data)
    if isinstance(data, BaseModel):
        return models_to_dataframe([data])
    if not isinstance(data, Iterable) or isinstance(data, str | bytes | dict):
        raise ValidationError(
            f"to_dataframe takes report headers, reports or a list of models, got {type(data).__name__}",
            field="data",
            operation="to_dataframe",
        )
    items = list(data)
    if not items:
        return _pandas().DataFrame()
    if all(isinstance(item, ReportHeader) for item in items):
        return headers_to_dataframe(items)
    if all(isinstance(item, Report) for item in items):
        return measurements_to_dataframe(items)
    if all(isinstance(item, BaseModel) for item in items):
        return models_to_dataframe(items)
    raise ValidationError(
        "to_dataframe takes a list of one kind: report headers, reports or models",
        field="data",
        operation="to_dataframe",
    )


def _reports(reports: Report | Iterable[Report]) -> list[Report]:
    from pywats.domains.report.models import Report

    items = [reports] if isinstance(reports, Report) else list(reports)
    for item in items:
        if not isinstance(item, Report):
            raise ValidationError(
                f"expected reports (UUTReport/UURReport), got {type(item).__name__}",
                field="reports",
                operation="to_dataframe",
            )
    return items


def _kind(annotation: Any) -> str:
    """The column type of a field annotation (``int | None`` → int)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Union or origin is types.UnionType:
        options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return _kind(options[0]) if len(options) == 1 else "object"
    if annotation is bool:
        return "bool"
    if annotation is int:
        return "int"
    if annotation is float:
        return "float"
    if annotation is str:
        return "string"
    if annotation is datetime or annotation is date:
        return "timestamp"
    if isinstance(annotation, type) and issubclass(annotation, str):  # str enums
        return "string"
    if isinstance(annotation, type) and issubclass(annotation, int):  # int enums
        return "int"
    return "object"
