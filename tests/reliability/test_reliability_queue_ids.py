"""Queue ids from the command line or the management API never name a file outside the queue."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pywats import ValidationError
from pywats_client.queue.store import ReportQueue, State

HOSTILE = ["../../victim", "..", "a/b", "a\\..\\..\\b", ".hidden", "", "x" * 200, "/etc/passwd", "a\x00b"]


@pytest.mark.parametrize("entry_id", HOSTILE)
def test_hostile_ids_are_refused_by_the_queue(tmp_path: Path, entry_id: str) -> None:
    queue = ReportQueue(tmp_path / "queue")
    with pytest.raises(ValidationError) as refused:
        queue.path(State.PENDING, entry_id)
    assert refused.value.field == "id"
    for call in (queue.read, queue.remove, queue.retry, queue.claim, queue.locate):
        with pytest.raises(ValidationError):
            call(entry_id)


def test_odd_file_names_in_a_state_directory_are_not_listed(tmp_path: Path) -> None:
    queue = ReportQueue(tmp_path / "queue")
    for name in ("..entry", "...entry", ".x.entry", "ok-1.entry"):
        (queue.root / "pending" / name).write_bytes(b"{}\n")
    assert queue.ids(State.PENDING) == ["ok-1"]


def test_the_cli_refuses_a_traversing_id_and_deletes_nothing(tmp_path: Path) -> None:
    config = tmp_path / "station.json"
    config.write_text(json.dumps({"data_dir": str(tmp_path / "data")}))
    ReportQueue(tmp_path / "data" / "queue")
    victim = tmp_path / "data" / "victim.entry"
    victim.write_text("keep me")
    for action in ("rm", "show", "retry"):
        done = subprocess.run(
            [sys.executable, "-m", "pywats_client", "--config", str(config), "queue", action, "../../victim"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 2, (action, done.stdout, done.stderr)
        assert "not a queue entry id" in done.stdout + done.stderr
    assert victim.read_text() == "keep me"
