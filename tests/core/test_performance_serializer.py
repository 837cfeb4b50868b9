"""Serializer (JSON / MessagePack), its fallback without msgpack, and benchmark_serialization."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from enum import Enum
from uuid import UUID

import msgpack
import pytest

from pywats import ValidationError
from pywats.core.model import WATSModel
from pywats.core.performance import Serializer, benchmark_serialization, format_bytes, msgpack_available

DATA = {"part_number": "WIDGET-001", "values": [1, 2, 3], "nested": {"ok": True, "x": 1.5, "none": None}}


@pytest.mark.parametrize("fmt", ["json", "msgpack"])
def test_round_trip(fmt: str) -> None:
    serializer = Serializer(format=fmt)  # type: ignore[arg-type]
    payload = serializer.serialize(DATA)
    assert isinstance(payload, bytes)
    assert serializer.deserialize(payload) == DATA
    assert serializer.format == fmt and not serializer.is_fallback


def test_the_bytes_are_the_real_formats() -> None:
    assert json.loads(Serializer(format="json").serialize(DATA)) == DATA
    assert msgpack.unpackb(Serializer(format="msgpack").serialize(DATA)) == DATA


def test_msgpack_is_smaller_for_this_sample() -> None:
    json_size = len(Serializer(format="json").serialize(DATA))
    msgpack_size = len(Serializer(format="msgpack").serialize(DATA))
    assert msgpack_size < json_size


def test_default_is_json_with_content_types() -> None:
    assert Serializer().format == "json"
    assert Serializer().content_type == "application/json"
    assert Serializer(format="msgpack").content_type == "application/msgpack"
    assert repr(Serializer(format="msgpack")) == "Serializer(format='msgpack')"


class Colour(Enum):
    RED = "red"


class Widget(WATSModel):
    part_number: str
    name: str | None = None


@pytest.mark.parametrize("fmt", ["json", "msgpack"])
def test_extra_types_become_plain_data(fmt: str) -> None:
    when = datetime(2024, 5, 1, 12, 30, tzinfo=UTC)
    uid = UUID("12345678-1234-5678-1234-567812345678")
    product = Widget(part_number="WIDGET-001", name="Widget")
    serializer = Serializer(format=fmt)  # type: ignore[arg-type]
    decoded = serializer.deserialize(
        serializer.serialize({"when": when, "id": uid, "colour": Colour.RED, "tags": ("a",), "p": product})
    )
    assert decoded["when"] == when.isoformat()
    assert decoded["id"] == str(uid)
    assert decoded["colour"] == "red"
    assert decoded["tags"] == ["a"]
    assert decoded["p"]["partNumber"] == "WIDGET-001"


def test_json_accepts_str_and_memoryview() -> None:
    serializer = Serializer()
    assert serializer.deserialize('{"a": 1}') == {"a": 1}
    assert serializer.deserialize(memoryview(b"[1]")) == [1]


@pytest.mark.parametrize("fmt", ["json", "msgpack"])
def test_unserializable_and_garbage_give_validation_errors(fmt: str) -> None:
    serializer = Serializer(format=fmt)  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as info:
        serializer.serialize({"x": object()})
    assert info.value.field == "data"
    with pytest.raises(ValidationError) as info:
        serializer.deserialize(b"\xc1\xff{not valid")
    assert info.value.field == "payload"


def test_msgpack_refuses_str_payloads() -> None:
    with pytest.raises(ValidationError):
        Serializer(format="msgpack").deserialize("text")


def test_unknown_format() -> None:
    with pytest.raises(ValidationError) as info:
        Serializer(format="yaml")  # type: ignore[arg-type]
    assert info.value.field == "format"


def test_benchmark_returns_the_documented_shape() -> None:
    results = benchmark_serialization(DATA, iterations=200)
    assert set(results) == {"json", "msgpack"}
    for metrics in results.values():
        assert metrics["ops_per_sec"] > 0
        assert metrics["serialize_ops_per_sec"] > metrics["ops_per_sec"]
        assert metrics["deserialize_ops_per_sec"] > metrics["ops_per_sec"]
    assert results["json"]["size_bytes"] == len(Serializer().serialize(DATA))
    assert results["msgpack"]["size_bytes"] < results["json"]["size_bytes"]


def test_benchmark_rejects_bad_iterations() -> None:
    with pytest.raises(ValidationError) as info:
        benchmark_serialization(DATA, iterations=0)
    assert info.value.field == "iterations"


def test_format_bytes() -> None:
    assert format_bytes(512) == "512 B"
    assert format_bytes(1536) == "1.5 KiB"
    assert format_bytes(3 * 1024**2) == "3.0 MiB"


def test_msgpack_available_here() -> None:
    assert msgpack_available()


FALLBACK_SCRIPT = textwrap.dedent(
    """
    import sys, warnings
    sys.modules["msgpack"] = None  # as if msgpack were not installed: importing it raises ImportError
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        from pywats.core.performance import Serializer, benchmark_serialization, msgpack_available
        first = Serializer(format="msgpack")
        second = Serializer(format="msgpack")
        data = {"a": [1, 2, 3]}
        assert first.deserialize(first.serialize(data)) == data
        assert first.serialize(data) == b'{"a":[1,2,3]}'
        results = benchmark_serialization(data, iterations=10)
    print(first.format, first.requested_format, first.is_fallback, second.format)
    print(sorted(results), msgpack_available())
    print(len(caught), caught[0].category.__name__, caught[0].filename.endswith("<string>"))
    print(caught[0].message)
    """
)


def test_without_msgpack_it_falls_back_to_json_with_one_warning() -> None:
    done = subprocess.run([sys.executable, "-c", FALLBACK_SCRIPT], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "json msgpack True json"
    assert lines[1] == "['json'] False"
    assert lines[2] == "1 RuntimeWarning True"  # one warning, pointing at the caller's line
    assert "pip install 'pywats-api[msgpack]'" in lines[3]
