"""Building the PascalCase request bodies of the manual-inspection service."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel
from pydantic.alias_generators import to_pascal
from pydantic_core import PydanticSerializationError, to_jsonable_python

from pywats.core.exceptions import ValidationError
from pywats.domains.manual_inspection.models import MiModel

__all__ = ["wire_fields", "wire_payload"]


def wire_fields(model: type[MiModel], fields: Mapping[str, Any], *, operation: str) -> dict[str, Any]:
    """``fields`` with their wire names: Python names of ``model`` become its aliases, other
    snake_case keys become PascalCase (the internal API's style), anything else is kept as given.

    ``update_definition(id, name="X")`` and ``update_definition(id, Name="X")`` send the same body.
    """
    by_name = {name: info.alias or name for name, info in model.model_fields.items()}
    body: dict[str, Any] = {}
    for key, value in fields.items():
        if not isinstance(key, str) or not key:
            raise ValidationError(
                f"payload keys must be member names, got {key!r}",
                field="payload",
                value=key,
                operation=operation,
            )
        wire = by_name.get(key) or (to_pascal(key) if key[0].islower() else key)
        body[wire] = _jsonable(key, value, operation)
    return body


def wire_payload(model: type[MiModel], payload: Any, *, operation: str) -> dict[str, Any]:
    """A body from a model instance or a mapping (Python or PascalCase keys)."""
    if isinstance(payload, BaseModel):
        if not isinstance(payload, model):
            raise ValidationError(
                f"payload must be a {model.__name__} or a dict, got {type(payload).__name__}",
                field="payload",
                value=payload,
                operation=operation,
            )
        return payload.to_dict()
    if isinstance(payload, Mapping):
        return wire_fields(model, payload, operation=operation)
    raise ValidationError(
        f"payload must be a {model.__name__} or a dict, got {type(payload).__name__}",
        field="payload",
        value=payload,
        operation=operation,
    )


def _jsonable(key: str, value: Any, operation: str) -> Any:
    try:
        return to_jsonable_python(value, by_alias=True, exclude_none=True)
    except PydanticSerializationError as exc:
        raise ValidationError(
            f"{key} cannot be sent as JSON: {type(value).__name__}",
            field=key,
            value=value,
            operation=operation,
            cause=exc,
        ) from exc
