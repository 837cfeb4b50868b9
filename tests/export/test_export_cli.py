"""``pywats export`` from a shell: output, exit codes, the console script."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pyarrow.dataset as pads
from export_seed import Seeded

from pywats.testing import LocalWATSServer


def pywats(server: LocalWATSServer, *args: str, token: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "WATS_BASE_URL": server.url, "WATS_AUTH_TOKEN": token or server.token}
    return subprocess.run(
        [sys.executable, "-m", "pywats._cli.main", *args], env=env, capture_output=True, text=True, timeout=60
    )


def test_console_script_is_declared() -> None:
    scripts = {ep.name: ep.value for ep in entry_points(group="console_scripts")}
    assert scripts["pywats"] == "pywats._cli.main:main"


def test_export_measurements_from_the_shell(
    wats_server: LocalWATSServer, seeded: Seeded, tmp_path: Path
) -> None:
    out = tmp_path / "warehouse"
    done = pywats(
        wats_server, "export", "measurements", "--from", "2026-03-02", "--to", "2026-03-03",
        "--part-number", "BOARD-A", "--out", str(out), "--page-size", "3",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Exported 8 reports, 32 rows in ")
    assert "measurements: 3 reports, 12 rows" in done.stderr  # plain progress lines (not a terminal)
    table = pads.dataset(out / "measurements", format="parquet", partitioning="hive").to_table()
    assert table.num_rows == 32 and set(table.column("part_number").to_pylist()) == {"BOARD-A"}

    again = pywats(wats_server, "export", "measurements", "--from", "2026-03-02", "--to", "2026-03-03",
                   "--part-number", "BOARD-A", "--out", str(out), "--quiet")  # fmt: skip
    assert again.returncode == 0 and again.stderr == ""
    assert again.stdout.startswith("Exported 0 reports") and "continued after 2026-03-02" in again.stdout


def test_errors(wats_server: LocalWATSServer, tmp_path: Path) -> None:
    bad_date = pywats(wats_server, "export", "reports", "--from", "March", "--out", str(tmp_path))
    assert bad_date.returncode == 2 and "not an ISO date or time: 'March'" in bad_date.stderr
    refused = pywats(wats_server, "export", "reports", "--out", str(tmp_path), token="bm9ib2R5Om5vcGU=")
    assert refused.returncode == 1 and refused.stderr.startswith("pywats export: ")
    assert "nope" not in refused.stderr
