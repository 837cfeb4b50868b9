"""Payload serialization (JSON or MessagePack) and a small benchmark to choose between them.

MessagePack is optional (``pip install 'pywats-api[msgpack]'``). Asking for it when it is not
installed gives a working JSON serializer and one ``RuntimeWarning`` per process, so code written
for MessagePack keeps running::

    serializer = Serializer(format="msgpack")
    payload = serializer.serialize({"part_number": "WIDGET-001", "values": [1, 2, 3]})
    assert serializer.deserialize(payload) == {"part_number": "WIDGET-001", "values": [1, 2, 3]}
    serializer.format        # "msgpack", or "json" after a fallback

Besides JSON's own types, both formats accept pydantic models (written in their wire form),
datetimes and dates (ISO 8601 text), UUIDs (text), enums (their value), sets and tuples (lists).
Decoding gives plain dicts, lists and scalars. How much smaller or faster MessagePack is depends
on the data: measure yours with :func:`benchmark_serialization` (``docs/performance.md`` has our
figures).
"""

from __future__ import annotations

import importlib
import json
import threading
import time
import warnings
from collections.abc import Iterable
from datetime import date, datetime
from datetime import time as dt_time
from enum import Enum
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel

from pywats.core.exceptions import ValidationError

__all__ = ["FORMATS", "Serializer", "benchmark_serialization", "format_bytes", "msgpack_available"]

SerializationFormat = Literal["json", "msgpack"]
FORMATS: tuple[SerializationFormat, ...] = ("json", "msgpack")

CONTENT_TYPES: dict[str, str] = {"json": "application/json", "msgpack": "application/msgpack"}

_msgpack_module: Any = None
_msgpack_checked = False
_fallback_warned = False
_state_lock = threading.Lock()


def _load_msgpack() -> Any:
    """The msgpack module, or None if it cannot be imported (looked up once per process)."""
    global _msgpack_module, _msgpack_checked
    if not _msgpack_checked:
        with _state_lock:
            if not _msgpack_checked:
                try:
                    _msgpack_module = importlib.import_module("msgpack")
                except ImportError:
                    _msgpack_module = None
                _msgpack_checked = True
    return _msgpack_module


def msgpack_available() -> bool:
    """True when the optional ``msgpack`` package can be imported."""
    return _load_msgpack() is not None


def _warn_fallback_once() -> None:
    global _fallback_warned
    with _state_lock:
        if _fallback_warned:
            return
        _fallback_warned = True
    warnings.warn(
        "msgpack is not installed, so Serializer(format='msgpack') uses JSON instead; "
        "install it with: pip install 'pywats-api[msgpack]'",
        RuntimeWarning,
        stacklevel=3,
    )


def _plain(value: Any) -> Any:
    """Turn what neither JSON nor MessagePack knows into something both do (their ``default`` hook)."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_none=True)
    if isinstance(value, (datetime, date, dt_time)):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"cannot serialize an object of type {type(value).__name__}")


class Serializer:
    """Encode and decode payloads as ``'json'`` (default) or ``'msgpack'``.

    :attr:`format` is the format actually used (``'json'`` after a fallback);
    :attr:`requested_format` what was asked for; :attr:`content_type` the matching media type.
    Instances hold no state between calls and may be shared between threads.
    """

    def __init__(self, format: SerializationFormat = "json") -> None:
        if format not in FORMATS:
            raise ValidationError(
                f"format must be one of {', '.join(FORMATS)}, got {format!r}",
                field="format",
                value=format,
                operation="Serializer",
            )
        self.requested_format: SerializationFormat = format
        self._msgpack = _load_msgpack() if format == "msgpack" else None
        if format == "msgpack" and self._msgpack is None:
            _warn_fallback_once()
        self.format: SerializationFormat = "msgpack" if self._msgpack is not None else "json"

    @property
    def content_type(self) -> str:
        """``application/json`` or ``application/msgpack``."""
        return CONTENT_TYPES[self.format]

    @property
    def is_fallback(self) -> bool:
        """True when MessagePack was asked for but JSON is used."""
        return self.format != self.requested_format

    def serialize(self, data: Any) -> bytes:
        """``data`` as bytes in this serializer's format."""
        try:
            if self._msgpack is not None:
                return bytes(self._msgpack.packb(data, default=_plain, use_bin_type=True))
            return json.dumps(data, default=_plain, separators=(",", ":"), ensure_ascii=False).encode()
        except (TypeError, ValueError, OverflowError) as exc:
            raise ValidationError(
                f"cannot serialize the data as {self.format}: {exc}",
                field="data",
                operation="serialize",
                cause=exc,
            ) from exc

    def deserialize(self, payload: bytes | bytearray | memoryview | str) -> Any:
        """The data encoded in ``payload`` (JSON may also be given as ``str``)."""
        try:
            if self._msgpack is not None:
                if isinstance(payload, str):
                    raise TypeError("a MessagePack payload is bytes, not str")
                return self._msgpack.unpackb(payload, raw=False, strict_map_key=False)
            return json.loads(payload if isinstance(payload, (str, bytes, bytearray)) else bytes(payload))
        except (TypeError, ValueError) as exc:  # msgpack's own errors subclass ValueError
            raise ValidationError(
                f"payload is not valid {self.format}: {exc}",
                field="payload",
                operation="deserialize",
                cause=exc,
            ) from exc

    def __repr__(self) -> str:
        fallback = ", fallback from msgpack" if self.is_fallback else ""
        return f"Serializer(format={self.format!r}{fallback})"


def benchmark_serialization(
    data: Any, iterations: int = 1000, formats: Iterable[SerializationFormat] = FORMATS
) -> dict[str, dict[str, float]]:
    """Time ``serialize`` and ``deserialize`` of ``data`` ``iterations`` times per format.

    Returns ``{format: {"ops_per_sec": ..., "serialize_ops_per_sec": ...,
    "deserialize_ops_per_sec": ..., "size_bytes": ...}}`` where one op is a full round trip
    (serialize then deserialize). Formats that are not installed are left out (after the usual
    one-time warning), so the result always reflects what really ran.
    """
    if isinstance(iterations, bool) or not isinstance(iterations, int) or iterations < 1:
        raise ValidationError(
            f"iterations must be a positive integer, got {iterations!r}",
            field="iterations",
            value=iterations,
            operation="benchmark_serialization",
        )
    results: dict[str, dict[str, float]] = {}
    for name in formats:
        serializer = Serializer(format=name)
        if serializer.is_fallback:
            continue
        payload = serializer.serialize(data)
        start = time.perf_counter()
        for _ in range(iterations):
            serializer.serialize(data)
        encode_s = time.perf_counter() - start
        start = time.perf_counter()
        for _ in range(iterations):
            serializer.deserialize(payload)
        decode_s = time.perf_counter() - start
        results[name] = {
            "ops_per_sec": iterations / max(encode_s + decode_s, 1e-9),
            "serialize_ops_per_sec": iterations / max(encode_s, 1e-9),
            "deserialize_ops_per_sec": iterations / max(decode_s, 1e-9),
            "size_bytes": len(payload),
        }
    return results


def format_bytes(size: float) -> str:
    """A byte count for people: ``format_bytes(1536)`` → ``'1.5 KiB'``."""
    for unit in ("B", "KiB", "MiB", "GiB"):
        if abs(size) < 1024 or unit == "GiB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    raise AssertionError("unreachable")  # pragma: no cover
