"""``pywats-client convert FILE --dry-run [--converter NAME]`` and ``converters list|show``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from pywats_client.converters.samples import samples


def _client(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pywats_client", "--config", str(config), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "220"},
    )


def _config(tmp_path: Path, converters: dict[str, object]) -> Path:
    path = tmp_path / "client.json"
    settings = {
        "station_name": "CLI-1",
        "location": "Lab",
        "data_dir": str(tmp_path / "data"),
        "converters": converters,
    }
    path.write_text(json.dumps(settings))
    path.chmod(0o600)
    return path


def test_dry_run_prints_the_report_tree_and_problems(tmp_path: Path) -> None:
    sample = next(s for s in samples("keysight_3070") if s.name == "i3070_spec")
    config = _config(
        tmp_path, {"keysight_3070": {"options": {"process_code": 10, "timezone": "Europe/Oslo"}}}
    )
    done = _client(
        config, "convert", "--dry-run", "--converter", "keysight_3070", str(sample.write(tmp_path))
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for text in (
        "sn=DEMO-0004-D",
        "Capacitors [SequenceCall] F",
        "c12 [ET_NLT] F",
        "f1 [ET_NLT] P",
        "GE low=0",
    ):
        assert text in out, (text, out)
    assert "└──" in out or "├──" in out, "a tree, not a flat list"
    assert "Dry run: 1 report(s)" in out and not (tmp_path / "data" / "queue" / "pending").exists()


def test_dry_run_without_a_process_code_says_so_and_shows_validation(tmp_path: Path) -> None:
    sample = next(s for s in samples("junit") if s.name == "junit_pytest_modern")
    config = _config(tmp_path, {})
    done = _client(config, "convert", "--dry-run", str(sample.write(tmp_path)))
    assert done.returncode == 0, done.stderr
    assert "the dry run uses 10" in done.stderr
    assert "test_rail_3v3 [ET_NLT] P" in done.stdout


def test_dry_run_of_a_broken_file_names_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.log"
    bad.write_text("{@BATCH|p|c|3|1|3070|ict|L|k|c|t|1||\n{@BTEST|SN1|00|notatime|1|0|all||n|n|x||1\n}\n}\n")
    config = _config(tmp_path, {"keysight_3070": {"options": {"process_code": 10}}})
    done = _client(config, "convert", "--dry-run", str(bad))
    assert done.returncode == 1
    assert "line 2" in done.stderr and "yyMMddHHmmss" in done.stderr


def test_converters_list_and_show(tmp_path: Path) -> None:
    config = _config(tmp_path, {"junit": {"options": {"process_code": 10}}})
    listed = _client(config, "converters", "list")
    assert listed.returncode == 0, listed.stderr
    for name in (
        "junit",
        "generic_csv",
        "atml",
        "keysight_3070",
        "teradyne_ict",
        "spea",
        "xjtag",
        "testexec_sl",
    ):
        assert name in listed.stdout
    shown = _client(config, "converters", "show", "junit")
    assert shown.returncode == 0, shown.stderr
    assert "process_code" in shown.stdout and "nest_by_classname" in shown.stdout and "10" in shown.stdout
    missing = _client(config, "converters", "show", "nope")
    assert missing.returncode == 2 and "no converter named" in missing.stderr
