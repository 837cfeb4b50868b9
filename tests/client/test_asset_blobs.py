"""Asset files (internal Blob API) over the wire, both twins: exact bytes, streaming sources, limits."""

from __future__ import annotations

import io
import os
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pywats import ConnectionError, ErrorMode, InvalidResponseError, NotFoundError, ValidationError
from pywats.testing import ServerControl

BLOB_PATH = "/api/internal/Blob/Asset"


def _asset_id(twin: Any) -> str:
    kind = twin.asset.create_asset_type("Fixture")
    return str(twin.asset.create_asset("FX-1", kind.type_id).asset_id)


def test_upload_and_download_exact_bytes(twin: Any, wats_control: ServerControl) -> None:
    asset_id = _asset_id(twin)
    content = bytes(range(256)) * 4096 + os.urandom(12345)  # every byte value, ~1 MB
    assert twin.asset.upload_blob(asset_id, "calibration report.pdf", content) is True
    assert twin.asset.download_blob(asset_id, "calibration report.pdf") == content
    assert twin.asset.list_blobs(asset_id) == ["calibration report.pdf"]
    upload = next(r for r in wats_control.requests() if r["method"] == "POST")
    assert upload["content_type"] == "application/octet-stream"
    assert upload["referer"]  # internal API calls carry Referer


def test_sources_path_file_object_and_replace(twin: Any, tmp_path: Path) -> None:
    asset_id = _asset_id(twin)
    source = tmp_path / "fixture.cfg"
    source.write_bytes(b"probe=3\n" * 1000)
    assert twin.asset.upload_blob(asset_id, "fixture.cfg", source) is True
    assert twin.asset.upload_blob(asset_id, "as-text-path.cfg", str(source)) is True
    with source.open("rb") as handle:
        handle.seek(8)  # a file object is read from where it stands
        twin.asset.upload_blob(asset_id, "tail.cfg", handle)
    twin.asset.upload_blob(asset_id, "buffer.bin", io.BytesIO(b"in memory"))
    assert twin.asset.download_blob(asset_id, "fixture.cfg") == source.read_bytes()
    assert twin.asset.download_blob(asset_id, "tail.cfg") == source.read_bytes()[8:]
    assert twin.asset.download_blob(asset_id, "buffer.bin") == b"in memory"

    twin.asset.upload_blob(asset_id, "fixture.cfg", b"replaced")  # same name replaces
    assert twin.asset.download_blob(asset_id, "fixture.cfg") == b"replaced"
    assert twin.asset.list_files(asset_id) == ["as-text-path.cfg", "buffer.bin", "fixture.cfg", "tail.cfg"]


def test_download_to_a_path(twin: Any, tmp_path: Path) -> None:
    asset_id = _asset_id(twin)
    content = os.urandom(3 * 1024 * 1024 + 7)
    twin.asset.upload_blob(asset_id, "image.bin", content)
    target = tmp_path / "out" / "image.bin"
    target.parent.mkdir()
    assert twin.asset.download_blob_to(asset_id, "image.bin", target) == len(content)
    assert target.read_bytes() == content
    assert sorted(p.name for p in target.parent.iterdir()) == ["image.bin"]  # no temporary left
    with pytest.raises(ValidationError) as info:
        twin.asset.download_blob_to(asset_id, "image.bin", target.parent)
    assert info.value.field == "destination"
    with pytest.raises(NotFoundError):
        twin.asset.download_blob_to(asset_id, "missing.bin", tmp_path / "missing.bin")
    assert not (tmp_path / "missing.bin").exists()


def test_delete_blobs(twin: Any, wats_control: ServerControl) -> None:
    asset_id = _asset_id(twin)
    for name in ("a.txt", "b.txt", "c.txt"):
        twin.asset.upload_blob(asset_id, name, name.encode())
    assert twin.asset.delete_blobs(asset_id, ["a.txt", "never-there.txt"]) is True
    assert twin.asset.delete_files(asset_id, ("c.txt",)) is True
    assert twin.asset.list_blobs(asset_id) == ["b.txt"]
    wats_control.clear_requests()
    assert twin.asset.delete_blobs(asset_id, []) is True  # nothing to do, nothing sent
    assert wats_control.requests() == []
    with pytest.raises(NotFoundError):
        twin.asset.download_blob(asset_id, "a.txt")
    with pytest.raises(ValidationError) as info:
        twin.asset.delete_blobs(asset_id, "b.txt")
    assert info.value.field == "filenames"


def test_deleting_the_asset_deletes_its_files(twin: Any) -> None:
    asset_id = _asset_id(twin)
    twin.asset.upload_blob(asset_id, "a.txt", b"a")
    twin.asset.delete_asset(asset_id)
    with pytest.raises(NotFoundError):
        twin.asset.list_blobs(asset_id)


def test_argument_errors_are_caught_before_sending(
    twin: Any, wats_control: ServerControl, tmp_path: Path
) -> None:
    asset_id = _asset_id(twin)
    wats_control.clear_requests()
    cases: list[tuple[Callable[[], Any], str]] = [
        (lambda: twin.asset.upload_blob("FX-1", "a.txt", b"x"), "asset_id"),
        (lambda: twin.asset.upload_blob(asset_id, "dir/a.txt", b"x"), "filename"),
        (lambda: twin.asset.upload_blob(asset_id, "..", b"x"), "filename"),
        (lambda: twin.asset.upload_blob(asset_id, "a.txt", 42), "content"),
        (lambda: twin.asset.upload_blob(asset_id, "a.txt", tmp_path / "no-such-file"), "content"),
        (lambda: twin.asset.upload_blob(asset_id, "a.txt", io.StringIO("text")), "content"),
        (lambda: twin.asset.upload_blob(asset_id, "a.txt", b"12345", max_size=4), "content"),
        (lambda: twin.asset.upload_blob(asset_id, "a.txt", b"x", max_size=-1), "max_size"),
        (lambda: twin.asset.download_blob(asset_id, "a\x00b"), "filename"),
        (lambda: twin.asset.list_blobs("nope"), "asset_id"),
    ]
    for call, field in cases:
        with pytest.raises(ValidationError) as info:
            call()
        assert info.value.field == field
    assert wats_control.requests() == []


def test_size_limits(twin: Any, wats_control: ServerControl, tmp_path: Path) -> None:
    asset_id = _asset_id(twin)
    twin.asset.upload_blob(asset_id, "big.bin", b"x" * 5000)
    with pytest.raises(ValidationError) as info:
        twin.asset.download_blob(asset_id, "big.bin", max_size=4999)
    assert info.value.field == "max_size"
    with pytest.raises(ValidationError):
        twin.asset.download_blob_to(asset_id, "big.bin", tmp_path / "big.bin", max_size=100)
    assert list(tmp_path.iterdir()) == []
    # The server's own limit (413) is a ValidationError too.
    wats_control.add_fault(path=BLOB_PATH, method="POST", status=413, body='{"Message": "Too large."}')
    with pytest.raises(ValidationError, match="larger than the server accepts"):
        twin.asset.upload_blob(asset_id, "big.bin", b"y" * 10)


def test_unknown_asset_or_file(twin: Any, make_twin: Callable[..., Any]) -> None:
    asset_id = _asset_id(twin)
    missing = str(uuid.uuid4())
    with pytest.raises(NotFoundError):
        twin.asset.upload_blob(missing, "a.txt", b"x")
    with pytest.raises(NotFoundError) as info:
        twin.asset.download_blob(asset_id, "a.txt")
    assert info.value.resource_type == "AssetFile"
    with pytest.raises(NotFoundError):
        twin.asset.delete_blobs(missing, ["a.txt"])
    lenient = make_twin(error_mode=ErrorMode.LENIENT)
    assert lenient.asset.upload_blob(missing, "a.txt", b"x") is False
    assert lenient.asset.download_blob(asset_id, "a.txt") is None
    assert lenient.asset.download_blob_to(asset_id, "a.txt", os.devnull + "-unused") is None
    assert lenient.asset.delete_blobs(missing, ["a.txt"]) is False


def test_older_json_download_form_is_understood(
    twin: Any, wats_control: ServerControl, tmp_path: Path
) -> None:
    asset_id = _asset_id(twin)
    body = '{"content": "aGVsbG8gd29ybGQ="}'
    wats_control.add_fault(path=BLOB_PATH, method="GET", status=200, body=body, count=2)
    assert twin.asset.download_blob(asset_id, "old.txt") == b"hello world"
    assert twin.asset.download_blob_to(asset_id, "old.txt", tmp_path / "old.txt") == 11
    assert (tmp_path / "old.txt").read_bytes() == b"hello world"
    wats_control.add_fault(path=BLOB_PATH, method="GET", status=200, body='{"other": 1}')
    with pytest.raises(InvalidResponseError):
        twin.asset.download_blob(asset_id, "old.txt")


def test_downloads_retry_only_before_the_first_byte(
    twin: Any, wats_control: ServerControl, tmp_path: Path
) -> None:
    asset_id = _asset_id(twin)
    twin.asset.upload_blob(asset_id, "data.bin", b"payload")
    wats_control.add_fault(path=BLOB_PATH, method="GET", status=503, count=1)
    assert twin.asset.download_blob(asset_id, "data.bin") == b"payload"  # retried: nothing written yet

    wats_control.add_fault(path=BLOB_PATH, method="GET", drop=True, count=1)  # breaks off mid-answer
    target = tmp_path / "data.bin"
    with pytest.raises(ConnectionError) as info:
        twin.asset.download_blob_to(asset_id, "data.bin", target)
    assert info.value.details["bytes_written"] > 0
    assert "attempts" not in info.value.details
    assert list(tmp_path.iterdir()) == []  # neither the file nor a partial one

    wats_control.add_fault(path=BLOB_PATH, method="POST", status=503, count=1)
    with pytest.raises(Exception, match="503"):  # an upload is a POST: never repeated
        twin.asset.upload_blob(asset_id, "data.bin", b"again")
    assert twin.asset.download_blob(asset_id, "data.bin") == b"payload"
