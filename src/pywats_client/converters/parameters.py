"""Typed, self-describing converter settings.

A converter declares its settings as :class:`Parameter` objects (name, kind, default,
description). The GUI and the CLI render forms from :meth:`Parameter.describe`, configuration
files store plain JSON values, and :func:`resolve_parameters` turns what the user configured
into typed values — or raises :class:`pywats.ValidationError` naming the setting.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pywats.core.exceptions import ValidationError

__all__ = ["REQUIRED", "Parameter", "ParameterKind", "describe_parameters", "resolve_parameters"]


class _Required:
    """Marker default: the setting has no default and must be configured."""

    _instance: _Required | None = None

    def __new__(cls) -> _Required:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "REQUIRED"

    def __reduce__(self) -> str:
        return "REQUIRED"


REQUIRED: Any = _Required()
"""Default of a setting that must be configured (``process_code``, for example)."""


class ParameterKind(StrEnum):
    """What kind of value a setting holds, and so which form widget shows it."""

    TEXT = "text"
    INTEGER = "integer"
    NUMBER = "number"
    BOOLEAN = "boolean"
    CHOICE = "choice"
    TIMEZONE = "timezone"
    LIST = "list"
    MAPPING = "mapping"


_TRUE = frozenset({"true", "yes", "on", "1"})
_FALSE = frozenset({"false", "no", "off", "0"})


@dataclass(frozen=True)
class Parameter:
    """One setting of a converter.

    ``default`` is used when nothing is configured (``None`` is a valid default meaning
    "not set"; :data:`REQUIRED` means the user must give a value). ``choices`` lists the allowed
    values of a ``CHOICE``. ``minimum``/``maximum`` bound numbers.
    """

    name: str
    kind: ParameterKind
    default: Any
    description: str
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    label: str = field(default="")

    @property
    def required(self) -> bool:
        """True if the setting has no default."""
        return self.default is REQUIRED

    def describe(self) -> dict[str, Any]:
        """A JSON-ready description (name, label, kind, default, description…) for forms."""
        return {
            "name": self.name,
            "label": self.label or self.name.replace("_", " ").capitalize(),
            "kind": self.kind.value,
            "default": None if self.required else self.default,
            "required": self.required,
            "description": self.description,
            "choices": list(self.choices),
            "minimum": self.minimum,
            "maximum": self.maximum,
        }

    def coerce(self, value: Any) -> Any:
        """``value`` as this setting's type; text from a command line (``"12"``, ``"true"``,
        JSON for lists and mappings) is accepted. ``None`` stays ``None``."""
        if value is None:
            return None
        try:
            result = _COERCE[self.kind](self, value)
        except (TypeError, ValueError) as exc:
            if isinstance(exc, ValidationError):
                raise
            raise self._bad(value, str(exc)) from exc
        if self.kind in (ParameterKind.INTEGER, ParameterKind.NUMBER):
            if self.minimum is not None and result < self.minimum:
                raise self._bad(value, f"must be at least {self.minimum:g}")
            if self.maximum is not None and result > self.maximum:
                raise self._bad(value, f"must be at most {self.maximum:g}")
        return result

    def _bad(self, value: Any, why: str) -> ValidationError:
        return ValidationError(
            f"setting {self.name!r}: {why} (got {value!r})",
            field=self.name,
            value=value,
            operation="configure converter",
        )


def _text(param: Parameter, value: Any) -> str:
    if not isinstance(value, str):
        raise param._bad(value, "must be text")
    return value


def _integer(param: Parameter, value: Any) -> int:
    if isinstance(value, bool):
        raise param._bad(value, "must be an integer")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return int(value.strip())
    raise param._bad(value, "must be an integer")


def _number(param: Parameter, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise param._bad(value, "must be a number")
    return float(value.strip() if isinstance(value, str) else value)


def _boolean(param: Parameter, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise param._bad(value, "must be true or false")


def _choice(param: Parameter, value: Any) -> str:
    text = _text(param, value)
    if text not in param.choices:
        raise param._bad(value, f"must be one of {', '.join(param.choices)}")
    return text


def _timezone(param: Parameter, value: Any) -> str:
    text = _text(param, value).strip()
    if text.lower() == "local":
        return "local"
    try:
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise param._bad(value, "is not an IANA time zone name such as Europe/Oslo or UTC") from exc
    return text


def _json(param: Parameter, value: Any, kind: type) -> Any:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError as exc:
            raise param._bad(value, f"is not valid JSON ({exc.msg})") from exc
    if not isinstance(value, kind):
        raise param._bad(value, f"must be a {'list' if kind is list else 'mapping'}")
    return value


_COERCE: dict[ParameterKind, Any] = {
    ParameterKind.TEXT: _text,
    ParameterKind.INTEGER: _integer,
    ParameterKind.NUMBER: _number,
    ParameterKind.BOOLEAN: _boolean,
    ParameterKind.CHOICE: _choice,
    ParameterKind.TIMEZONE: _timezone,
    ParameterKind.LIST: lambda p, v: list(_json(p, v, list)),
    ParameterKind.MAPPING: lambda p, v: dict(_json(p, v, dict)),
}


def resolve_parameters(
    declared: Iterable[Parameter],
    configured: Mapping[str, Any] | None,
    *,
    owner: str = "converter",
    check_required: bool = True,
) -> dict[str, Any]:
    """Every declared setting with its typed value: configured, else the default.

    Raises :class:`pywats.ValidationError` for an unknown setting, a bad value, or (unless
    ``check_required`` is false, when it is left ``None``) a required setting that is missing.
    """
    params = {param.name: param for param in declared}
    given = dict(configured or {})
    unknown = sorted(set(given) - set(params))
    if unknown:
        raise ValidationError(
            f"{owner} has no setting {unknown[0]!r}; known settings: {', '.join(sorted(params))}",
            field=unknown[0],
            value=given[unknown[0]],
            operation="configure converter",
        )
    values: dict[str, Any] = {}
    for name, param in params.items():
        if name in given:
            values[name] = param.coerce(given[name])
        elif param.required and check_required:
            raise ValidationError(
                f"{owner} needs the setting {name!r}: {param.description}",
                field=name,
                operation="configure converter",
            )
        else:
            values[name] = None if param.required else param.default
    return values


def describe_parameters(declared: Iterable[Parameter]) -> list[dict[str, Any]]:
    """The descriptions of ``declared`` in declaration order (for forms and ``converters list``)."""
    return [param.describe() for param in declared]
