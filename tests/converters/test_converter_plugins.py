"""A user's converter package plugs in through the ``pywats.converters`` entry point.

The package is the complete example of ``docs/converters.md``, extracted from the page, installed
into the test venv for this module only (a ``.pth`` file naming a temporary folder that holds the
package and its ``dist-info`` with the entry point), then removed. It is found by the registry,
listed by ``pywats-client converters list``, and used — in its worker process — by a running
``pywats-client`` service that uploads the report to the local server.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import subprocess
import sys
import sysconfig
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from pywats import pyWATS
from pywats.core.station import StationConfig
from pywats.testing import LocalWATSServer, ServerControl
from pywats_client.config import ClientConfig
from pywats_client.converters.registry import ConverterSet, installed_converters
from pywats_client.converters.source import SourceFile

DOC = Path(__file__).resolve().parents[2] / "docs" / "converters.md"
PACKAGE = "acme_station_plugin"
DIST = "acme-station-plugin"
RIG_LOG = (
    "# ACME RIG LOG v2\nserial: {sn}\npart: PCB-4711\noperator: kari\nstarted: 2025-03-14 09:00:00\n"
    "step;value;low;high;unit\nVcc;3.31;3.2;3.4;V\nIcc;0.118;;0.15;A\nFirmware;2.4.1;;;\nresult: PASS\n"
)


def doc_example() -> str:
    """The python block of docs/converters.md that starts with ``# acme_converter.py``."""
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    found = [b for b in blocks if b.startswith("# acme_converter.py")]
    assert len(found) == 1, "docs/converters.md must hold exactly one '# acme_converter.py' block"
    return found[0]


@pytest.fixture(scope="module")
def plugin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The doc's converter installed as package ``acme-station-plugin`` with an entry point."""
    root = tmp_path_factory.mktemp("plugin")
    package = root / PACKAGE
    package.mkdir()
    (package / "__init__.py").write_text(doc_example(), encoding="utf-8")
    info = root / f"{PACKAGE}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {DIST}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[pywats.converters]\nacme_rig = {PACKAGE}:AcmeRigConverter\n")
    pth = Path(sysconfig.get_paths()["purelib"]) / f"_pywats_test_plugin_{uuid.uuid4().hex[:8]}.pth"
    pth.write_text(str(root) + "\n")
    sys.path.insert(0, str(root))
    importlib.invalidate_caches()
    try:
        yield root
    finally:
        pth.unlink(missing_ok=True)
        sys.path.remove(str(root))
        sys.modules.pop(PACKAGE, None)
        importlib.invalidate_caches()


def _config(**extra: object) -> ClientConfig:
    return ClientConfig.model_validate({"station_name": "PLUG-1", "location": "Lab", **extra})


def test_the_installed_converter_is_discovered(plugin: Path) -> None:
    assert installed_converters()["acme_rig"] == (f"{PACKAGE}:AcmeRigConverter", DIST)
    converters = ConverterSet.from_config(_config())
    info = converters.get("acme_rig")
    assert info is not None and info.error is None
    assert (info.builtin, info.source, info.priority) == (False, f"installed ({DIST})", 3)
    assert info.isolated is not None, "a converter that is not built in runs in a worker process"
    assert info.warning is not None and "process_code" in info.warning


def test_it_is_chosen_for_its_files_and_converts_in_its_worker(plugin: Path, tmp_path: Path) -> None:
    log = tmp_path / "rig.log"
    log.write_text(RIG_LOG.format(sn="DEMO-0042-Z"))
    converters = ConverterSet.from_config(_config(converters={"acme_rig": {"options": {"process_code": 10}}}))
    try:
        selection = converters.select(SourceFile(log))
        assert selection.info is not None and selection.info.name == "acme_rig"
        assert selection.score == pytest.approx(0.95)
        assert selection.info.isolated is not None
        (report,) = selection.info.isolated.convert(log, StationConfig("PLUG-1", "Lab"))
    finally:
        converters.close()
    assert (report.sn, report.pn, report.operator, report.result) == ("DEMO-0042-Z", "PCB-4711", "kari", "P")
    assert [s.name for s in report.root.steps] == ["Vcc", "Icc", "Firmware"]
    icc = report.root.steps[1].raw["numericMeas"][0]
    assert (icc["compOp"], icc["lowLimit"], icc["highLimit"]) == ("LE", 0.15, None)
    assert report.validate() == []


def _client(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pywats_client", "--config", str(config), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "200"},
    )


def test_a_running_service_uses_the_installed_converter(
    plugin: Path, tmp_path: Path, wats_server: LocalWATSServer, wats_control: ServerControl
) -> None:
    inbox, data = tmp_path / "in", tmp_path / "data"
    inbox.mkdir()
    config = tmp_path / "client.json"
    config.write_text(
        json.dumps(
            {
                "service_address": wats_server.url,
                "api_token": wats_server.token,
                "station_name": "PLUG-1",
                "location": "Lab",
                "folders": [{"path": str(inbox)}],
                "data_dir": str(data),
                "file_stable_s": 0.2,
                "scan_interval_s": 1,
                "converters": {"acme_rig": {"options": {"process_code": 10, "timezone": "Europe/Oslo"}}},
            }
        )
    )
    config.chmod(0o600)
    listed = _client(config, "converters", "list")
    assert listed.returncode == 0, listed.stderr
    assert re.search(r"acme_rig\s.*installed", listed.stdout), listed.stdout
    sn = f"DEMO-PLUG-{uuid.uuid4().hex[:6]}"
    log_file = (tmp_path / "client.log").open("wb")
    service = subprocess.Popen(
        [sys.executable, "-m", "pywats_client", "--config", str(config), "start"],
        stdout=log_file,
        stderr=log_file,
        stdin=subprocess.DEVNULL,
    )
    log_file.close()
    try:
        staged = tmp_path / "rig.tmp"
        staged.write_text(RIG_LOG.format(sn=sn))
        os.replace(staged, inbox / "rig-0042.log")
        headers: list[object] = []
        deadline = time.monotonic() + 90
        with pyWATS(base_url=wats_server.url, token=wats_server.token) as api:
            while not headers and time.monotonic() < deadline and service.poll() is None:
                time.sleep(0.5)
                headers = list(api.report.query_uut_headers(odata_filter=f"serialNumber eq '{sn}'"))
    finally:
        service.terminate()
        service.wait(timeout=30)
    log = (tmp_path / "client.log").read_text(errors="replace")
    assert len(headers) == 1, f"the service did not upload the report:\n{log}"
