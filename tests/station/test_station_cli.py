"""The operator's commands: convert (dry run and backfill), queue list/show/retry/rm/export,
converters list/enable/disable/add, test-connection. Run in-process against real files."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from station_helpers import wsjf_bytes, wstf_bytes, wsxf_bytes

from pywats.testing import LocalWATSServer, ServerControl
from pywats_client.cli import main
from pywats_client.queue import ReportQueue, State


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "client.json"
    settings = {
        "service_address": "http://127.0.0.1:9",
        "api_token": "dGVzdDp0ZXN0",
        "station_name": "CLI-STATION",
        "data_dir": str(tmp_path / "data"),
    }
    path.write_text(json.dumps(settings))
    path.chmod(0o600)  # a file holding a token must be private
    return path


def run(config: Path, *args: str) -> int:
    return main(["--config", str(config), *args])


def files(tmp_path: Path) -> Path:
    folder = tmp_path / "results"
    folder.mkdir()
    (folder / "a.json").write_bytes(wsjf_bytes("SN-A"))
    (folder / "b.xml").write_bytes(wsxf_bytes("SN-B"))
    (folder / "c.txt").write_bytes(wstf_bytes("SN-C"))
    return folder


def test_dry_run_converts_and_validates_without_queueing(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = files(tmp_path)
    assert run(config, "convert", str(folder / "a.json"), str(folder / "c.txt"), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "SN-A" in out and "SN-C" in out and "wsjf" in out and "wstf" in out
    assert "nothing queued" in out
    assert not (tmp_path / "data" / "queue" / "pending").exists() or not any(
        (tmp_path / "data" / "queue" / "pending").iterdir()
    )
    (folder / "bad.json").write_bytes(b'{"type": "T"')
    assert run(config, "convert", str(folder / "bad.json"), "--dry-run") == 1
    assert "bad.json" in capsys.readouterr().err


def test_backfill_queues_a_folder_and_the_queue_commands_manage_it(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = files(tmp_path)
    assert run(config, "convert", str(folder), "--priority", "10") == 0
    assert "Queued 3 report(s)" in capsys.readouterr().out
    assert sorted(p.name for p in folder.iterdir()) == ["a.json", "b.xml", "c.txt"]  # left in place
    queue = ReportQueue(tmp_path / "data" / "queue")
    metas = list(queue.iter_meta(State.PENDING))
    assert len(metas) == 3 and {m.priority for m in metas} == {10}
    assert run(config, "convert", str(folder)) == 0  # the same files again: nothing new
    assert "Queued 0 report(s)" in capsys.readouterr().out

    assert run(config, "queue", "list", "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert sorted(item["sn"] for item in listed) == ["SN-A", "SN-B", "SN-C"]
    entry_id = next(item["id"] for item in listed if item["sn"] == "SN-A")
    assert run(config, "queue", "list") == 0
    assert "pending: 3" in capsys.readouterr().out

    assert run(config, "queue", "show", entry_id, "--report") == 0
    shown = capsys.readouterr().out
    assert "pending" in shown and "SN-A" in shown and '"pn"' in shown
    assert run(config, "queue", "show", "no-such-id") == 1

    export = tmp_path / "export"
    assert run(config, "queue", "export", str(export)) == 0
    assert sorted(p.name for p in export.iterdir()) == sorted(f"{m.id}.json" for m in metas)
    assert json.loads((export / f"{entry_id}.json").read_text())["sn"] == "SN-A"
    assert "Wrote 3 report(s)" in capsys.readouterr().out

    # Park one (as a 4xx would) and bring it back; remove another.
    claimed = queue.claim(entry_id)
    assert claimed is not None
    queue.park(claimed, "ValidationError: Unknown part number (HTTP 400)")
    assert run(config, "queue", "list", "--state", "parked", "--json") == 0
    assert json.loads(capsys.readouterr().out)[0]["last_error"].startswith("ValidationError: Unknown part")
    assert run(config, "queue", "retry", "--all") == 0
    assert queue.locate(entry_id) is State.PENDING
    assert run(config, "queue", "retry", entry_id) == 1  # not parked any more
    assert run(config, "queue", "retry") == 2  # neither an id nor --all
    assert run(config, "queue", "rm", entry_id) == 0
    assert queue.locate(entry_id) is None and run(config, "queue", "rm", entry_id) == 1


def test_converters_can_be_listed_switched_and_added(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(config, "converters", "list") == 0
    out = capsys.readouterr().out
    assert "wsjf" in out and "wsxf" in out and "wstf" in out
    assert run(config, "converters", "disable", "wstf") == 0
    assert json.loads(config.read_text())["converters"]["wstf"]["enabled"] is False
    assert run(config, "converters", "enable", "wstf") == 0
    assert json.loads(config.read_text())["converters"]["wstf"]["enabled"] is True
    assert run(config, "converters", "enable", "no_such") == 2
    assert "no converter named 'no_such'" in capsys.readouterr().err
    assert (
        run(config, "converters", "add", "rec", "station_sample_converter:RecConverter", "--priority", "2")
        == 0
    )
    assert (
        json.loads(config.read_text())["converters"]["rec"]["class"]
        == "station_sample_converter:RecConverter"
    )
    assert run(config, "converters", "add", "broken", "no_such_module:Thing") == 1
    assert "cannot" in capsys.readouterr().err


def test_test_connection_reports_success_and_failure(
    tmp_path: Path,
    wats_server: LocalWATSServer,
    wats_control: ServerControl,
    capsys: pytest.CaptureFixture[str],
) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"service_address": wats_server.url, "api_token": wats_server.token}))
    good.chmod(0o600)
    assert main(["--config", str(good), "test-connection"]) == 0
    assert "Connected to" in capsys.readouterr().out
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"service_address": wats_server.url, "api_token": "dGVzdGVyOndyb25n"}))
    bad.chmod(0o600)
    began = time.monotonic()
    assert main(["--config", str(bad), "test-connection"]) == 1
    err = capsys.readouterr().err
    assert "AuthenticationError" in err and "dGVzdGVyOndyb25n" not in err
    assert time.monotonic() - began < 20


def test_status_of_a_station_that_is_not_running(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(config, "status") == 3
    assert "not running" in capsys.readouterr().out
    assert run(config, "stop") == 0


def test_removing_an_entry_moves_its_waiting_file_to_the_error_folder(
    config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pywats_client.queue import EntryMeta

    inbox = tmp_path / "in"
    inbox.mkdir()
    source = inbox / "r.json"
    source.write_bytes(wsjf_bytes("SN-RM"))
    info = source.stat()
    queue = ReportQueue(tmp_path / "data" / "queue")
    meta = EntryMeta(
        id="11111111-2222-3333-4444-555555555555",
        created=time.time(),
        source=str(source),
        source_size=info.st_size,
        source_mtime_ns=info.st_mtime_ns,
        post_action="move",
        error_dir=str(inbox / "error"),
    )
    queue.add([(meta, source.read_bytes())])
    assert run(config, "queue", "rm", meta.id) == 0
    assert not source.exists() and (inbox / "error" / "r.json").exists()
    assert "removed from the queue by the operator" in (inbox / "error" / "r.json.error.txt").read_text()
