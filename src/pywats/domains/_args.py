"""Argument checks and model building shared by the domain services.

Bad input fails here, before anything is sent, with a :class:`~pywats.ValidationError` naming
the argument.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from pywats.core.exceptions import ValidationError

__all__ = ["build_model", "check_type", "models_from", "require_int", "require_text_list"]

M = TypeVar("M", bound=BaseModel)


def check_type(value: object, expected: type, field: str, operation: str) -> None:
    """A :class:`ValidationError` unless ``value`` is an instance of ``expected``."""
    if not isinstance(value, expected):
        raise ValidationError(
            f"{field} must be a {expected.__name__}, got {type(value).__name__}",
            field=field,
            value=value,
            operation=operation,
        )


def build_model(model: type[M], operation: str, **fields: object) -> M:
    """A model built from arguments (``None`` ones left out); :class:`ValidationError` if they do not fit."""
    return _validate(model, {k: v for k, v in fields.items() if v is not None}, operation, None)


def models_from(model: type[M], items: Iterable[object], field: str, operation: str) -> list[M]:
    """A list of ``model`` from instances of it or mappings of its fields (wire or Python names)."""
    if isinstance(items, str | bytes | Mapping) or not isinstance(items, Iterable):
        raise ValidationError(
            f"{field} must be a list of {model.__name__}, got {type(items).__name__}",
            field=field,
            value=items,
            operation=operation,
        )
    result: list[M] = []
    for index, item in enumerate(items):
        if isinstance(item, model):
            result.append(item)
        elif isinstance(item, Mapping):
            result.append(_validate(model, dict(item), operation, f"{field}[{index}]"))
        else:
            raise ValidationError(
                f"{field}[{index}] must be a {model.__name__} or a dict, got {type(item).__name__}",
                field=field,
                value=item,
                operation=operation,
            )
    return result


def require_int(field: str, value: Any, *, operation: str, minimum: int | None = None) -> int:
    """``value`` if it is an int (not a bool) of at least ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(
            f"{field} must be an integer, got {type(value).__name__}",
            field=field,
            value=value,
            operation=operation,
        )
    if minimum is not None and value < minimum:
        raise ValidationError(
            f"{field} must be at least {minimum}, got {value}", field=field, value=value, operation=operation
        )
    return value


def require_text_list(field: str, values: Any, *, operation: str) -> list[str]:
    """``values`` as a list of non-blank strings (a single string is refused: it is a common slip)."""
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise ValidationError(
            f"{field} must be a list of strings, got {type(values).__name__}",
            field=field,
            value=values,
            operation=operation,
        )
    result = list(values)
    for item in result:
        if not isinstance(item, str) or not item.strip():
            raise ValidationError(
                f"{field} must contain only non-empty strings, got {item!r}",
                field=field,
                value=item,
                operation=operation,
            )
    return result


def _validate(model: type[M], data: dict[str, Any], operation: str, where: str | None) -> M:
    try:
        return model.model_validate(data)
    except PydanticValidationError as exc:
        first = exc.errors(include_url=False)[0]
        field = str(first["loc"][0]) if first.get("loc") else None
        label = f"{where}.{field}" if where and field else (where or field)
        raise ValidationError(
            f"Invalid {label or 'value'}: {first.get('msg', 'invalid')}",
            field=field,
            value=first.get("input"),
            operation=operation,
            cause=exc,
        ) from exc
