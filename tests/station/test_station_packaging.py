"""The service files shipped for systemd and launchd: they parse and start the real command."""

from __future__ import annotations

import configparser
import plistlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import pywats_client

PACKAGING = Path(pywats_client.__file__).parent / "service" / "packaging"
UNITS = ["pywats-client.service", "pywats-client@.service"]


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=True, interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # systemd keys are case-sensitive
    parser.read_string((PACKAGING / name).read_text())
    return parser


@pytest.mark.parametrize("name", UNITS)
def test_systemd_units_have_the_sections_and_keys_that_matter(name: str) -> None:
    parsed = unit(name)
    assert parsed.sections() == ["Unit", "Service", "Install"]
    service = parsed["Service"]
    assert service["Type"] == "notify" and service["NotifyAccess"] == "main"
    command = service["ExecStart"].split()
    assert command[0].startswith("/") and command[0].endswith("/pywats-client")
    assert "start" in command and "--daemon" not in command  # systemd supervises the foreground process
    assert (
        "--instance" not in command if "@" not in name else command[command.index("--instance") + 1] == "%i"
    )
    assert int(service["TimeoutStopSec"]) > 10  # the service exits within 10 s of SIGTERM
    assert service["KillSignal"] == "SIGTERM" and service["ExecReload"].endswith("-HUP $MAINPID")
    assert parsed["Install"]["WantedBy"] == "multi-user.target"
    assert "network-online.target" in parsed["Unit"]["After"]


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
@pytest.mark.parametrize(
    ("name", "as_name"), [(UNITS[0], UNITS[0]), (UNITS[1], "pywats-client@line2.service")]
)
def test_systemd_analyze_verifies_the_units(tmp_path: Path, name: str, as_name: str) -> None:
    """``systemd-analyze verify`` complains about unknown keys and bad values (the user and binary
    are swapped for ones that exist here)."""
    text = (PACKAGING / name).read_text().replace("/usr/local/bin/pywats-client", "/bin/true")
    target = tmp_path / as_name
    target.write_text(text.replace("User=pywats\n", "").replace("Group=pywats\n", ""))
    result = subprocess.run(["systemd-analyze", "verify", str(target)], capture_output=True, text=True)
    assert result.returncode == 0 and as_name not in result.stderr, result.stderr


def test_launchd_plist_parses_and_runs_the_foreground_service() -> None:
    with (PACKAGING / "com.pywats.client.plist").open("rb") as stream:
        plist = plistlib.load(stream)
    assert plist["Label"] == "com.pywats.client"
    arguments = plist["ProgramArguments"]
    assert arguments[0].endswith("/pywats-client") and arguments[1:] == ["start", "--api"]
    assert plist["RunAtLoad"] is True and plist["KeepAlive"] == {"SuccessfulExit": False}
    assert plist["ExitTimeOut"] > 10


def test_the_files_are_shipped_with_the_package() -> None:
    assert {p.name for p in PACKAGING.iterdir()} >= {*UNITS, "com.pywats.client.plist"}
    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text()
    assert '"service/packaging/*"' in pyproject


def test_the_headless_path_never_imports_qt(tmp_path: Path) -> None:
    """The CLI, service, converters and management API load without PySide6 (client-headless)."""
    config = tmp_path / "c.json"
    script = (
        "import sys\n"
        "from pywats_client.cli import main\n"
        "import pywats_client.service.runner, pywats_client.api.server, pywats_client.api.client\n"
        f"main(['--config', {str(config)!r}, 'config', 'init', '--server-url', 'http://x', "
        "'--api-token', 'dDp0', '--non-interactive'])\n"
        f"main(['--config', {str(config)!r}, 'converters', 'list'])\n"
        "qt = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt6'))\n"
        "assert not qt, qt\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
