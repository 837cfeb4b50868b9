"""Argument checks and query building of the asset services (pure; shared by both twins)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypeVar
from uuid import UUID

from pydantic import ValidationError as PydanticValidationError

from pywats.core._checks import require_guid, require_text
from pywats.core.exceptions import ValidationError
from pywats.core.model import WATSModel
from pywats.domains.asset.models import Asset, AssetState

__all__ = [
    "asset_body",
    "asset_state",
    "build_model",
    "check_type",
    "external_window",
    "ident",
    "iso",
    "non_negative",
    "odata",
    "positive",
    "require_filename",
]

M = TypeVar("M", bound=WATSModel)

# Characters a blob file name may not contain: separators, and what Windows forbids.
_BAD_FILENAME_CHARS = frozenset('/\\:*?"<>|')
MAX_FILENAME_CHARS = 255


def ident(asset_id: str | UUID | None, serial_number: str | None, operation: str) -> dict[str, Any]:
    """The ``id``/``serialNumber`` query of a call addressing one asset; at least one is required."""
    if asset_id is None and serial_number is None:
        raise ValidationError(
            "Name the asset: pass asset_id or serial_number",
            field="asset_id",
            value=None,
            operation=operation,
        )
    query: dict[str, Any] = {}
    if asset_id is not None:
        query["id"] = require_guid("asset_id", asset_id, operation=operation)
    if serial_number is not None:
        query["serialNumber"] = require_text("serial_number", serial_number, operation=operation)
    return query


def odata(
    operation: str,
    filter_str: str | None = None,
    orderby: str | None = None,
    top: int | None = None,
    skip: int | None = None,
) -> dict[str, Any]:
    """OData system query options; ``None`` ones are left out."""
    if filter_str is not None:
        require_text("filter_str", filter_str, operation=operation)
    if orderby is not None:
        require_text("orderby", orderby, operation=operation)
    if top is not None:
        non_negative("top", top, operation)
    if skip is not None:
        non_negative("skip", skip, operation)
    options = {"$filter": filter_str, "$orderby": orderby, "$top": top, "$skip": skip}
    return {key: value for key, value in options.items() if value is not None}


def non_negative(field: str, value: Any, operation: str) -> int:
    """``value`` if it is a whole number >= 0."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValidationError(
            f"{field} must be a whole number >= 0, got {value!r}",
            field=field,
            value=value,
            operation=operation,
        )
    return value


def positive(field: str, value: Any, operation: str) -> int:
    """``value`` if it is a whole number >= 1."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValidationError(
            f"{field} must be a whole number >= 1, got {value!r}",
            field=field,
            value=value,
            operation=operation,
        )
    return value


def iso(field: str, value: Any, operation: str) -> str | None:
    """An aware ISO-8601 timestamp for the query string; a naive datetime is taken as local time."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        raise ValidationError(
            f"{field} must be a datetime, got {type(value).__name__}",
            field=field,
            value=value,
            operation=operation,
        )
    return (value if value.tzinfo is not None else value.astimezone()).isoformat()


def require_filename(field: str, value: Any, operation: str) -> str:
    """A plain file name: no directory part, nothing a file system would reject."""
    name = require_text(field, value, operation=operation)
    bad = sorted(set(name) & _BAD_FILENAME_CHARS) or [c for c in name if ord(c) < 32]
    if bad or name in (".", "..") or len(name) > MAX_FILENAME_CHARS:
        reason = (
            f"contains {''.join(bad)!r}"
            if bad
            else (f"is longer than {MAX_FILENAME_CHARS} characters" if len(name) > MAX_FILENAME_CHARS else "")
        )
        raise ValidationError(
            f"{field} must be a plain file name{' (it ' + reason + ')' if reason else ''}: {name!r}",
            field=field,
            value=value,
            operation=operation,
        )
    return name


def build_model(model: type[M], operation: str, **fields: Any) -> M:
    """Construct a model from arguments, turning pydantic's complaint into our ValidationError."""
    try:
        return model.model_validate({k: v for k, v in fields.items() if v is not None})
    except PydanticValidationError as exc:
        first = exc.errors(include_url=False)[0]
        field = str(first["loc"][0]) if first.get("loc") else None
        raise ValidationError(
            f"Invalid {field or 'value'}: {first.get('msg', 'invalid')}",
            field=field,
            value=first.get("input"),
            operation=operation,
            cause=exc,
        ) from exc


def asset_state(state: AssetState | int, operation: str) -> AssetState:
    """``state`` as an :class:`AssetState`."""
    try:
        return AssetState(state)
    except ValueError:
        raise ValidationError(
            f"state must be an AssetState (0-6), got {state!r}",
            field="state",
            value=state,
            operation=operation,
        ) from None


def external_window(
    asset_id: str | UUID | None,
    serial_number: str | None,
    from_date: datetime | None,
    to_date: datetime | None,
    operation: str,
) -> dict[str, object]:
    """The query of an external calibration/maintenance: the asset and its validity window."""
    query: dict[str, object] = ident(asset_id, serial_number, operation)
    start, end = iso("from_date", from_date, operation), iso("to_date", to_date, operation)
    if from_date is None or to_date is None:
        field = "from_date" if from_date is None else "to_date"
        raise ValidationError(f"{field} is required", field=field, value=None, operation=operation)
    if from_date.astimezone() > to_date.astimezone():
        raise ValidationError(
            "to_date must not be before from_date", field="to_date", value=to_date, operation=operation
        )
    query.update(fromDate=start, toDate=end)
    return query


def asset_body(asset: Asset) -> bytes:
    """The JSON of an asset to save."""
    # Embedded children, type and log are read-only views: the asset is saved without them, and
    # an untouched empty tag list must not wipe tags that were never loaded.
    exclude = {"asset_children", "asset_type", "asset_log"}
    if not asset.tags and "tags" not in asset.model_fields_set:
        exclude.add("tags")
    return asset.to_wire(exclude=exclude)


def check_type(value: object, expected: type, field: str, operation: str) -> None:
    """A :class:`ValidationError` unless ``value`` is an ``expected``."""
    if not isinstance(value, expected):
        raise ValidationError(
            f"{field} must be a {expected.__name__}, got {type(value).__name__}",
            field=field,
            value=value,
            operation=operation,
        )
