"""Package content over the wire, both twins: zip upload/download, files, attributes, folders."""

from __future__ import annotations

import io
import os
import uuid
import zipfile
from pathlib import Path
from typing import Any

import pytest

from pywats import ConflictError, ErrorMode, NotFoundError, ValidationError
from pywats.domains.software import ROOT_FOLDER_ID, PackageFolder
from pywats.testing import ServerControl


def make_zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


CONTENT = {
    "setup.exe": os.urandom(50_000),
    "config/station.ini": b"[station]\nname=ICT-1\n",
    "config/limits/board.csv": b"step,low,high\n",
}


def test_upload_and_download_zip(twin: Any, tmp_path: Path, wats_control: ServerControl) -> None:
    package = twin.software.create_package("Sequencer")
    assert twin.software.upload_zip(package.package_id, make_zip(CONTENT)) is True
    upload = next(r for r in wats_control.requests() if "UploadZip" in r["path"])
    assert upload["content_type"] == "application/zip"
    files = twin.software.get_package_files(package.package_id)
    assert sorted(f.path for f in files) == sorted(CONTENT)
    setup = next(f for f in files if f.path == "setup.exe")
    assert setup.size == 50_000 and setup.filename == "setup.exe" and len(setup.checksum) == 40
    assert unzip(twin.software.download_zip(package.package_id)) == CONTENT
    target = tmp_path / "sequencer.zip"
    size = twin.software.download_zip_to(package.package_id, target)
    assert size == target.stat().st_size and unzip(target.read_bytes()) == CONTENT
    assert twin.software.get_package(package.package_id).files == files


def test_zip_from_path_merge_and_clean_install(twin: Any, tmp_path: Path) -> None:
    package = twin.software.create_package("Sequencer")
    archive = tmp_path / "first.zip"
    archive.write_bytes(make_zip(CONTENT))
    twin.software.upload_zip(package.package_id, archive)
    # Merging: a file of the same path (any case) is replaced, taking the new spelling; others are added.
    twin.software.upload_zip(package.package_id, make_zip({"SETUP.EXE": b"v2", "notes.txt": b"n"}))
    files = {f.path: f.size for f in twin.software.get_package_files(package.package_id)}
    assert files == {
        "config/limits/board.csv": len(CONTENT["config/limits/board.csv"]),
        "config/station.ini": len(CONTENT["config/station.ini"]),
        "notes.txt": 1,
        "SETUP.EXE": 2,
    }
    with archive.open("rb") as handle:  # an open file works too
        twin.software.upload_zip(package.package_id, handle, clean_install=True)
    assert sorted(f.path for f in twin.software.get_package_files(package.package_id)) == sorted(CONTENT)


def test_unsafe_or_invalid_zips_are_refused(twin: Any) -> None:
    package = twin.software.create_package("Evil")
    for name in ("../outside.txt", "/etc/passwd", "C:/Windows/x.dll", "a/../../b", "bad|name.txt"):
        with pytest.raises(ValidationError):
            twin.software.upload_zip(package.package_id, make_zip({name: b"x"}))
    with pytest.raises(ValidationError, match="twice"):
        twin.software.upload_zip(package.package_id, make_zip({"A.txt": b"1", "a.TXT": b"2"}))
    with pytest.raises(ValidationError, match="not a valid zip"):
        twin.software.upload_zip(package.package_id, b"this is not a zip")
    assert twin.software.get_package_files(package.package_id) == []  # nothing was stored
    with pytest.raises(ValidationError) as info:
        twin.software.upload_zip(package.package_id, make_zip(CONTENT), max_size=10)
    assert info.value.field == "zip_content"
    with pytest.raises(ValidationError) as info:
        twin.software.upload_zip(package.package_id, 3.5)
    assert info.value.field == "zip_content"


def test_content_of_a_released_package_cannot_change(twin: Any) -> None:
    package = twin.software.create_package("Frozen")
    twin.software.upload_zip(package.package_id, make_zip({"a.txt": b"a"}))
    file = twin.software.get_package_files(package.package_id)[0]
    twin.software.submit_for_review(package.package_id)
    with pytest.raises(ConflictError):
        twin.software.upload_zip(package.package_id, make_zip({"b.txt": b"b"}))
    with pytest.raises(ConflictError):
        twin.software.update_file_attribute(file.file_id, "readonly")
    with pytest.raises(NotFoundError):
        twin.software.upload_zip(uuid.uuid4(), make_zip({"b.txt": b"b"}))
    with pytest.raises(NotFoundError):
        twin.software.download_zip(uuid.uuid4())


def test_file_attributes_and_file_metadata(twin: Any, make_twin: Any) -> None:
    package = twin.software.create_package("Attr")
    twin.software.upload_zip(package.package_id, make_zip({"bin/run.exe": b"MZ"}))
    file = twin.software.get_package_files(package.package_id)[0]
    assert twin.software.update_file_attribute(file.file_id, "hidden;readonly") is True
    metadata = twin.software.get_file(file.file_id)
    assert (metadata.attributes, metadata.path, metadata.package_id) == (
        "hidden;readonly",
        "bin/run.exe",
        package.package_id,
    )
    with pytest.raises(NotFoundError):
        twin.software.update_file_attribute(uuid.uuid4(), "x")
    with pytest.raises(NotFoundError):
        twin.software.get_file(uuid.uuid4())
    lenient = make_twin(error_mode=ErrorMode.LENIENT)
    assert lenient.software.update_file_attribute(uuid.uuid4(), "x") is False
    assert lenient.software.get_file(uuid.uuid4()) is None


def test_virtual_folders_and_package_folders(twin: Any) -> None:
    virtual = twin.software.get_virtual_folders()
    assert "TestStand Public" in [v.name for v in virtual] and all(v.folder_id for v in virtual)
    package = twin.software.create_package("Layout")
    top = twin.software.create_package_folder(
        package.package_id, {"name": "TestStand", "virtualFolderId": str(virtual[0].folder_id)}
    )
    assert isinstance(top, PackageFolder) and top.virtual_folder_id == virtual[0].folder_id
    sub = twin.software.create_package_folder(
        package.package_id, PackageFolder(name="Sequences", parent_folder_id=top.package_folder_id)
    )
    assert sub.path == "TestStand/Sequences"
    renamed = twin.software.update_package_folder(
        {"packageFolderId": str(top.package_folder_id), "name": "TS"}
    )
    assert renamed.path == "TS"
    twin.software.upload_zip(
        package.package_id, make_zip({"TS/Sequences/main.seq": b"seq", "TS/a.txt": b"a"})
    )
    details = twin.software.get_software_entity_details(package.package_id)
    assert [f.path for f in details.folders] == ["TS", "TS/Sequences"]  # the zip reused the folders
    assert details.total_size == 4 and details.package.name == "Layout"

    with pytest.raises(ConflictError):
        twin.software.create_package_folder(package.package_id, {"name": "ts"})
    with pytest.raises(ValidationError):
        twin.software.create_package_folder(
            package.package_id, {"name": "x", "virtualFolderId": str(uuid.uuid4())}
        )
    with pytest.raises(ValidationError) as info:
        twin.software.create_package_folder(package.package_id, {"description": "no name"})
    assert info.value.field == "name"
    with pytest.raises(ValidationError) as info:
        twin.software.update_package_folder({"name": "x"})
    assert info.value.field == "package_folder_id"

    files = twin.software.get_package_files(package.package_id)
    a_txt = next(f for f in files if f.path == "TS/a.txt")
    assert twin.software.delete_package_folder_files([a_txt.file_id]) == {"deletedFiles": 1}
    assert twin.software.delete_package_folder(top.package_folder_id) == {
        "deletedFolders": 2,
        "deletedFiles": 1,
    }
    assert twin.software.get_package_files(package.package_id) == []
    with pytest.raises(NotFoundError):
        twin.software.delete_package_folder(top.package_folder_id)
    with pytest.raises(ValidationError) as info:
        twin.software.delete_package_folder_files([])
    assert info.value.field == "file_ids"


def test_check_file(twin: Any) -> None:
    import hashlib

    package = twin.software.create_package("Check")
    data = b"calibration table"
    twin.software.upload_zip(package.package_id, make_zip({"tables/cal.csv": data}))
    sha1, md5 = hashlib.sha1(data).hexdigest(), hashlib.md5(data).hexdigest()
    found = twin.software.check_file(package.package_id, ROOT_FOLDER_ID, "tables/cal.csv", sha1, 0)
    assert found.exists and found.checksum_matches and found.file_id is not None
    assert twin.software.check_file(
        package.package_id, ROOT_FOLDER_ID, "TABLES\\cal.csv", md5.upper(), 0
    ).exists
    changed = twin.software.check_file(package.package_id, ROOT_FOLDER_ID, "tables/cal.csv", "0" * 40, 0)
    assert not changed.exists and changed.file_id == found.file_id
    assert not twin.software.check_file(package.package_id, ROOT_FOLDER_ID, "other.csv", sha1, 0).exists
    with pytest.raises(ValidationError):  # the server wants SHA-1 or MD5
        twin.software.check_file(package.package_id, ROOT_FOLDER_ID, "tables/cal.csv", "abc", 0)
    with pytest.raises(ValidationError) as info:
        twin.software.check_file(package.package_id, "root", "a", sha1, 0)
    assert info.value.field == "parent_folder_id"
    with pytest.raises(ValidationError) as info:
        twin.software.check_file(package.package_id, ROOT_FOLDER_ID, "a", sha1, -1)
    assert info.value.field == "file_date_epoch"
