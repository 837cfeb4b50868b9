"""The machinery under every report object: a typed view over one JSON object of the document.

A report is kept as the JSON-shaped tree it travels as (dicts, lists, strings, numbers). Model
objects are thin views over its dicts: reading ``step.name`` reads ``dict["name"]``, setting it
writes there. That is what makes the model lossless — members and step types this library does
not know, explicit ``null`` members and the key order of the input all stay exactly where they
were — and what makes serializing a 10,000-step report one call into a compiled JSON encoder.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, MutableSequence
from datetime import UTC, datetime
from typing import Any, ClassVar, Generic, Self, TypeVar, overload

from pywats.core.exceptions import ValidationError

__all__ = [
    "INT16_MAX",
    "INT16_MIN",
    "WireList",
    "WireObject",
    "format_datetime",
    "format_utc",
    "parse_datetime",
    "read_float",
]

INT16_MIN = -32768
INT16_MAX = 32767

G = TypeVar("G")
S = TypeVar("S")
W = TypeVar("W", bound="WireObject")

_SPECIAL_FLOATS = {
    "nan": math.nan,
    "infinity": math.inf,
    "+infinity": math.inf,
    "-infinity": -math.inf,
    "inf": math.inf,
    "+inf": math.inf,
    "-inf": -math.inf,
}


def read_float(raw: Any, key: str = "value") -> float | None:
    """A wire number as a float: numbers, ``"NaN"``, ``"Infinity"``, ``"INF"`` (any case), numeric text."""
    if raw is None:
        return None
    if isinstance(raw, float):
        return raw
    if isinstance(raw, int) and not isinstance(raw, bool):
        return float(raw)
    if isinstance(raw, str):
        special = _SPECIAL_FLOATS.get(raw.strip().lower())
        if special is not None:
            return special
        try:
            return float(raw)
        except ValueError:
            pass
    raise ValidationError(f"{key} must be a number, got {raw!r}", field=key, value=raw)


def check_number(value: Any, key: str) -> float | int | None:
    """``value`` if it is a number (not a bool) or None; what setters store."""
    if value is None or (isinstance(value, int | float) and not isinstance(value, bool)):
        return value
    raise ValidationError(f"{key} must be a number, got {type(value).__name__}", field=key, value=value)


def parse_datetime(text: str, key: str = "start") -> datetime:
    """An ISO-8601 timestamp of the wire (up to 7 fractional digits, ``Z`` or ``±HH:MM``)."""
    try:
        return datetime.fromisoformat(text)
    except (TypeError, ValueError) as exc:
        raise ValidationError(f"{key} is not an ISO-8601 timestamp: {text!r}", field=key, value=text) from exc


def format_datetime(value: datetime) -> str:
    """The wire form of a timestamp with its UTC offset; a naive one is taken as local time."""
    if value.tzinfo is None:
        value = value.astimezone()
    return value.isoformat()


def format_utc(value: datetime) -> str:
    """The wire form of the same instant in UTC, written with ``Z``."""
    if value.tzinfo is None:
        value = value.astimezone()
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


class WireObject:
    """A view over one JSON object of a report document.

    ``raw`` is the live dict: members this class does not model are read and written there.
    Two objects are equal when their documents are.
    """

    __slots__ = ("_d",)
    _d: dict[str, Any]
    _FIELDS: ClassVar[tuple[str, ...]] = ()
    # Wire keys modelled by something other than a Field (child arrays, payload objects).
    _STRUCTURE: ClassVar[frozenset[str]] = frozenset()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        names = [n for base in reversed(cls.__mro__) for n, v in vars(base).items() if isinstance(v, Field)]
        cls._FIELDS = tuple(dict.fromkeys(names))

    def __init__(self, **fields: Any) -> None:
        self._d = {}
        for name in self._FIELDS:
            if name in fields:
                setattr(self, name, fields.pop(name))
        if fields:
            unknown = ", ".join(sorted(fields))
            raise ValidationError(f"{type(self).__name__} has no field {unknown}", field=next(iter(fields)))

    @classmethod
    def wrap(cls, data: dict[str, Any]) -> Self:
        """A view over ``data`` (not copied: changes through the view change ``data``)."""
        obj = cls.__new__(cls)
        obj._d = data
        return obj

    @property
    def raw(self) -> dict[str, Any]:
        """The wire object itself (camelCase keys), including members this class does not model."""
        return self._d

    @property
    def extra(self) -> dict[str, Any]:
        """The members this class does not model (a copy)."""
        fields = [getattr(type(self), name) for name in self._FIELDS]
        known = {f.key for f in fields} | {alias for f in fields for alias in f.also} | self._STRUCTURE
        return {k: v for k, v in self._d.items() if k not in known}

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other._d == self._d

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shown = [f"{name}={getattr(self, name)!r}" for name in self._FIELDS[:4]]
        return f"{type(self).__name__}({', '.join(shown)})"


class Field(Generic[G, S]):
    """A member of the wire object: read converts the stored value, write checks and stores it."""

    __slots__ = ("also", "attr", "key")

    def __init__(self, key: str, *, also: tuple[str, ...] = ()) -> None:
        self.key = key
        self.attr = key
        self.also = also  # other spellings read (and kept) when ``key`` is absent

    def __set_name__(self, owner: type, name: str) -> None:
        self.attr = name

    @overload
    def __get__(self, obj: None, owner: type) -> Self: ...
    @overload
    def __get__(self, obj: WireObject, owner: type) -> G: ...
    def __get__(self, obj: WireObject | None, owner: type) -> Self | G:
        if obj is None:
            return self
        return self.read(obj._d.get(self._key_in(obj._d)))

    def __set__(self, obj: WireObject, value: S) -> None:
        obj._d[self._key_in(obj._d)] = self.write(value)

    def _key_in(self, data: dict[str, Any]) -> str:
        if self.also and self.key not in data:
            return next((alias for alias in self.also if alias in data), self.key)
        return self.key

    def read(self, raw: Any) -> G:
        return raw  # type: ignore[no-any-return]

    def write(self, value: S) -> Any:
        return value


class Text(Field[str | None, str | None]):
    """A string member (``None`` when absent or null)."""

    __slots__ = ()

    def read(self, raw: Any) -> str | None:
        if raw is None or isinstance(raw, str):
            return raw
        raise ValidationError(f"{self.key} must be text, got {raw!r}", field=self.key, value=raw)

    def write(self, value: str | None) -> Any:
        if value is None or isinstance(value, str):
            return value
        raise ValidationError(
            f"{self.attr} must be a string, got {type(value).__name__}", field=self.key, value=value
        )


class Int(Field[int | None, int | None]):
    """An integer member."""

    __slots__ = ()

    def read(self, raw: Any) -> int | None:
        if raw is None or (isinstance(raw, int) and not isinstance(raw, bool)):
            return raw
        if isinstance(raw, float) and raw.is_integer():
            return int(raw)
        raise ValidationError(f"{self.key} must be an integer, got {raw!r}", field=self.key, value=raw)

    def write(self, value: int | None) -> Any:
        if value is None or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        raise ValidationError(f"{self.attr} must be an integer, got {value!r}", field=self.key, value=value)


class Number(Field[float | None, float | None]):
    """A double member; NaN and ±infinity travel as ``"NaN"``/``"Infinity"``/``"-Infinity"``."""

    __slots__ = ()

    def read(self, raw: Any) -> float | None:
        return read_float(raw, self.key)

    def write(self, value: float | None) -> Any:
        return check_number(value, self.key)


class Flag(Field[bool | None, bool | None]):
    """A boolean member."""

    __slots__ = ()

    def read(self, raw: Any) -> bool | None:
        if raw is None or isinstance(raw, bool):
            return raw
        raise ValidationError(f"{self.key} must be true or false, got {raw!r}", field=self.key, value=raw)

    def write(self, value: bool | None) -> Any:
        if value is None or isinstance(value, bool):
            return value
        raise ValidationError(f"{self.attr} must be True or False", field=self.key, value=value)


class Timestamp(Field[datetime | None, datetime | str | None]):
    """A timestamp member, kept on the wire exactly as written (7-digit fractions survive)."""

    __slots__ = ()

    def read(self, raw: Any) -> datetime | None:
        if raw is None:
            return None
        if not isinstance(raw, str):
            raise ValidationError(f"{self.key} must be a timestamp string", field=self.key, value=raw)
        return parse_datetime(raw, self.key)

    def write(self, value: datetime | str | None) -> Any:
        if value is None:
            return None
        if isinstance(value, datetime):
            return format_datetime(value)
        if isinstance(value, str):
            parse_datetime(value, self.key)
            return value
        raise ValidationError(f"{self.attr} must be a datetime", field=self.key, value=value)


class Child(Field[W | None, W | None]):
    """A nested object member, read as a view of class ``cls``."""

    __slots__ = ("cls",)

    def __init__(self, key: str, cls: type[W]) -> None:
        super().__init__(key, also=())
        self.cls = cls

    def read(self, raw: Any) -> W | None:
        if raw is None:
            return None
        if not isinstance(raw, dict):
            raise ValidationError(f"{self.key} must be an object", field=self.key, value=raw)
        return self.cls.wrap(raw)

    def write(self, value: W | None) -> Any:
        if value is None:
            return None
        if not isinstance(value, self.cls):
            raise ValidationError(f"{self.attr} must be a {self.cls.__name__}", field=self.key, value=value)
        return value._d


class WireList(MutableSequence[W]):
    """A live list view over an array member: items are views, changes go to the document.

    The array is created in the document only when the first item is added, so reading an
    absent list does not change what is serialized.
    """

    __slots__ = ("_key", "_owner", "_wrap")

    def __init__(self, owner: dict[str, Any], key: str, wrap: Callable[[dict[str, Any]], W]) -> None:
        self._owner = owner
        self._key = key
        self._wrap = wrap

    def _items(self) -> list[Any]:
        items = self._owner.get(self._key)
        return items if isinstance(items, list) else []

    def _target(self) -> list[Any]:
        items = self._owner.get(self._key)
        if not isinstance(items, list):
            items = self._owner[self._key] = []
        return items

    def __len__(self) -> int:
        return len(self._items())

    @overload
    def __getitem__(self, index: int) -> W: ...
    @overload
    def __getitem__(self, index: slice) -> list[W]: ...
    def __getitem__(self, index: int | slice) -> W | list[W]:
        items = self._items()
        if isinstance(index, slice):
            return [self._wrap(item) for item in items[index]]
        return self._wrap(items[index])

    def __iter__(self) -> Iterator[W]:
        wrap = self._wrap
        for item in self._items():
            yield wrap(item)

    @overload
    def __setitem__(self, index: int, value: W) -> None: ...
    @overload
    def __setitem__(self, index: slice, value: Any) -> None: ...
    def __setitem__(self, index: int | slice, value: Any) -> None:
        if isinstance(index, slice):
            self._target()[index] = [self._check(v)._d for v in value]
        else:
            self._target()[index] = self._check(value)._d

    def __delitem__(self, index: int | slice) -> None:
        del self._target()[index]

    def insert(self, index: int, value: W) -> None:
        self._target().insert(index, self._check(value)._d)

    def _check(self, value: Any) -> W:
        if not isinstance(value, WireObject):
            raise ValidationError(
                f"{self._key} holds report objects, not {type(value).__name__}", field=self._key
            )
        return value  # type: ignore[return-value]

    def __repr__(self) -> str:
        return f"[{', '.join(repr(item) for item in self)}]"
