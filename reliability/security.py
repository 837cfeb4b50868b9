"""Campaign 2a — secrets and access: the token stays secret, private files stay private, the API stays shut.

A station runs with ``--verbose`` against ``pywats-server --log-level debug`` while uploads meet
401s, 5xx answers and dropped connections; a second station uses a wrong token; the library is
driven into every kind of error with DEBUG logging captured. Then every log, every CLI and
management API answer and every file the stations wrote (except the configuration itself) is
searched for the token, the password, the wrong token and the management secret. Exceptions and
reprs are searched the same way. The configuration and secret files must be 0600, a readable one
is refused, and the management API must answer 401 to every route without the right secret and
listen on loopback only.
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import logging
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path
from typing import Any

import httpx

from pywats import AsyncWATS, PyWATSError, RetryConfig, pyWATS
from pywats.testing import LocalWATSServer
from reliability._common import Scale, make_report, server, wait_until
from reliability._results import Row
from reliability._station import Station

__all__ = ["run"]

CAMPAIGN = "security"
WRONG_PASSWORD = "wrong-password-do-not-log-7"
FAULTS = (
    {"status": 401, "count": 2},
    {"status": 503, "count": 2},
    {"drop": True, "count": 1},
)


def _find(text: str, secrets: dict[str, str]) -> list[str]:
    return [name for name, value in secrets.items() if value and value in text]


class _Scan:
    """Texts collected during the campaign, searched for secrets at the end."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}

    def add(self, name: str, text: str) -> None:
        self.texts[name] = self.texts.get(name, "") + text

    def add_files(self, root: Path, skip: set[Path]) -> None:
        for path in sorted(root.rglob("*")):
            if path.is_file() and path not in skip:
                self.add(str(path.relative_to(root.parent)), path.read_bytes().decode("utf-8", "replace"))

    def check(self, row: Row, secrets: dict[str, str]) -> None:
        for name, text in self.texts.items():
            for found in _find(text, secrets):
                row.fail(f"{found} appears in {name}")
        row.inputs += len(self.texts)


def _library_errors(srv: LocalWATSServer, capture: io.StringIO) -> list[BaseException]:
    """Drive the client into each kind of error with DEBUG logging captured; return the errors."""
    handler = logging.StreamHandler(capture)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
    # Captured, not shown: the library's loggers go to this handler only while the errors are provoked.
    loggers = [logging.getLogger(name) for name in ("pywats", "httpx", "httpcore")]
    saved = [(lg, lg.level, lg.propagate) for lg in loggers]
    for lg in loggers:
        lg.addHandler(handler)
        lg.setLevel(logging.DEBUG)
        lg.propagate = False
    wrong = base64.b64encode(f"{srv.user}:{WRONG_PASSWORD}".encode()).decode()
    fast = RetryConfig(max_attempts=2, base_delay=0.01, max_delay=0.05)
    errors: list[BaseException] = []
    control = srv.control
    attempts: list[tuple[str, Any]] = [
        ("wrong token", lambda api: api.get_version()),
        ("503", lambda api: api.get_version()),
        ("drop", lambda api: api.get_version()),
        ("slow", lambda api: api.get_version()),
        ("html 200", lambda api: api.get_version()),
        ("bad report", lambda api: api.report.submit_report(b"{not json")),
        ("missing report", lambda api: api.report.get_report("00000000-0000-4000-8000-000000000000")),
    ]
    faults: dict[str, dict[str, Any]] = {
        "503": {"status": 503, "count": 0},
        "drop": {"drop": True, "count": 0},
        "slow": {"delay_s": 1.0, "count": 0},
        "html 200": {"status": 200, "body": "<html>login</html>", "content_type": "text/html"},
    }
    try:
        for label, call in attempts:
            control.clear_faults()
            if label in faults:
                control.add_fault(path="/api/App/Version", **faults[label])
            token = wrong if label == "wrong token" else srv.token
            with pyWATS(base_url=srv.url, token=token, timeout=0.5, retry_config=fast) as api:
                try:
                    call(api)
                except PyWATSError as exc:
                    errors.append(exc)
        control.clear_faults()
        with pyWATS(base_url="http://127.0.0.1:9", token=srv.token, timeout=0.5, retry_config=fast) as api:
            try:
                api.get_version()
            except PyWATSError as exc:
                errors.append(exc)
    finally:
        for lg, level, propagate in saved:
            lg.removeHandler(handler)
            lg.setLevel(level)
            lg.propagate = propagate
    return errors


def _reprs(srv: LocalWATSServer, station: Station) -> dict[str, str]:
    """Reprs of every object that holds a token."""
    from pywats_client.config import load_config
    from pywats_client.paths import resolve_paths

    found: dict[str, str] = {}
    with pyWATS(base_url=srv.url, token=srv.token) as api:
        found["pyWATS"] = repr(api) + str(api)
        found["pywats ClientConfig"] = repr(api._config) + str(api._config)
    async_api = AsyncWATS(base_url=srv.url, token=srv.token)
    found["AsyncWATS"] = repr(async_api)
    loaded = load_config(resolve_paths(station.config_file))
    found["station ClientConfig"] = repr(loaded.config) + str(loaded.config)
    found["station config as dict"] = json.dumps(loaded.config.masked())
    return found


def _error_texts(errors: list[BaseException]) -> dict[str, str]:
    texts = {}
    for index, exc in enumerate(errors):
        parts = [str(exc), repr(exc), "".join(traceback.format_exception(exc))]
        if isinstance(exc, PyWATSError):
            parts.append(repr(exc.details))
        texts[f"error {index} ({type(exc).__name__})"] = "\n".join(parts)
    return texts


def _tokens_row(srv: LocalWATSServer, root: Path, files: int) -> tuple[Row, Row, Station]:
    logs = Row(CAMPAIGN, "token never in logs, CLI output, API answers or station files")
    errors_row = Row(
        CAMPAIGN, "token never in exception messages, tracebacks or reprs", lost=None, duplicates=None
    )
    scan = _Scan()
    control = srv.control
    station = Station(root / "station-a", srv.url, srv.token)
    wrong = base64.b64encode(f"{srv.user}:{WRONG_PASSWORD}".encode()).decode()
    other = Station(root / "station-b", srv.url, wrong, name="REL-WRONG-TOKEN")
    for fault in FAULTS:
        control.add_fault(path="/api/Report/*", method="POST", **fault)
    station.start("--verbose", "--api", "--api-port", "0")
    for index in range(files):
        station.drop(f"sec-{index:04d}.json", make_report(f"SEC-{index:05d}", index=index).to_wsjf())
    drained = station.wait_drained(files, timeout_s=120)
    logs.check(drained, f"station A did not upload its {files} files: {station.queue_counts()}")
    other.start()
    other.drop("wrong-token.json", make_report("SEC-WRONG").to_wsjf())
    wait_until(lambda: "401" in other.log() or "Authentication" in other.log(), 20)
    other.kill()
    for args in (
        ("config", "show"),
        ("config", "show", "--json"),
        ("config", "get", "api_token"),
        ("status", "--json"),
        ("queue", "list", "--json", "--state", "done"),
        ("test-connection",),
        ("converters", "list"),
    ):
        done = station.cli(*args)
        scan.add("pywats-client " + " ".join(args), done.stdout + done.stderr)
    port, secret = station.info().get("api_port"), _secret(station)
    headers = {"Authorization": f"Bearer {secret}"}
    for path in (
        "/api/config",
        "/api/status",
        "/api/log?limit=5000",
        "/api/queue?state=done",
        "/api/history",
    ):
        answer = httpx.get(f"http://127.0.0.1:{port}{path}", headers=headers, timeout=10)
        scan.add(f"management API {path}", answer.text)
    capture = io.StringIO()
    errors = _library_errors(srv, capture)
    scan.add("library DEBUG log", capture.getvalue())
    station.kill()
    scan.add("pywats-server output (--log-level debug)", srv.output)
    scan.add_files(station.root, skip={station.config_file, station.config_file.with_suffix(".api_secret")})
    scan.add_files(other.root, skip={other.config_file})
    secrets = {
        "the token": srv.token,
        "the password": srv.password,
        "the wrong token": wrong,
        "the wrong password": WRONG_PASSWORD,
        "the management secret": secret,
    }
    scan.check(logs, secrets)
    # The search must be able to find something: the texts are not empty and the secret is where it belongs.
    station_log = scan.texts.get("station-a/station.log", "")
    logs.check(station_log.count("Uploaded report") >= files, "the station log lacks its upload lines")
    logs.check("HTTP 401" in station_log and "HTTP 503" in station_log, "the faults left no trace in the log")
    logs.check("/api/App/Version" in capture.getvalue(), "the library DEBUG log is empty")
    logs.check(srv.token in station.config_file.read_text(), "the token is not even in the config file")
    logs.runs = 1
    size = sum(len(t) for t in scan.texts.values())
    logs.note = (
        f"{files} uploads through 401/503/drop faults, a station with a wrong token, library errors at "
        f"DEBUG; {len(scan.texts)} texts ({size / 1e6:.1f} MB) searched for 5 secrets"
    )
    texts = {**_error_texts(errors), **_reprs(srv, station)}
    for name, text in texts.items():
        for found in _find(text, secrets):
            errors_row.fail(f"{found} appears in {name}")
    errors_row.runs, errors_row.inputs = 1, len(texts)
    kinds = sorted({type(e).__name__ for e in errors})
    errors_row.note = f"{len(errors)} errors ({', '.join(kinds)}) and {len(texts) - len(errors)} reprs"
    errors_row.check(len(errors) >= 7, f"only {len(errors)} of 8 provoked errors were raised")
    logs.lost = len(srv_missing(srv, files))
    logs.duplicates = 0
    return logs, errors_row, station


def srv_missing(srv: LocalWATSServer, files: int) -> set[str]:
    from reliability._common import stored_reports

    stored = stored_reports(srv.url, srv.token)
    return stored.lost({f"SEC-{index:05d}" for index in range(files)})


def _secret(station: Station) -> str:
    path = station.config_file.with_name(station.config_file.stem + ".api_secret")
    with contextlib.suppress(FileNotFoundError):
        return path.read_text().strip()
    return ""


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def _files_row(srv: LocalWATSServer, root: Path, station: Station) -> Row:
    row = Row(CAMPAIGN, "config/secret 0600; refused when others may read them", lost=None, duplicates=None)
    home = root / "init"
    config = home / "conf" / "config.json"
    done = _cli(
        "--config", str(config), "config", "init", "--non-interactive", "--server-url", srv.url,
        "--api-token", srv.token, "--station-name", "REL-INIT", "--data-dir", str(home / "data"),
    )  # fmt: skip
    row.check(done.returncode == 0, f"config init failed: {done.stdout}{done.stderr}")
    secret = config.with_name("config.api_secret")
    checked = {config: 0o600, secret: 0o600, config.parent: 0o700}
    queue = station.data / "queue"
    for entry in sorted(queue.rglob("*.entry"))[:50]:
        checked[entry] = 0o600
    checked[station.data / "queue" / "pending"] = 0o700
    for path, wanted in checked.items():
        got = _mode(path) if path.exists() else None
        row.check(
            got == wanted,
            f"{path.name}: mode {oct(got) if got is not None else 'missing'}, expected {oct(wanted)}",
        )
    config.chmod(0o644)
    for args in (("start",), ("config", "show"), ("test-connection",)):
        done = _cli("--config", str(config), *args)
        output = done.stdout + done.stderr
        row.check(
            done.returncode != 0 and "chmod 600" in output,
            f"{' '.join(args)} accepted a 0644 config: {output[-200:]}",
        )
        row.check(srv.token not in output, f"{' '.join(args)} printed the token")
    config.chmod(0o600)
    old_secret = secret.read_text().strip()
    secret.chmod(0o644)
    service = Station(home / "svc", srv.url, srv.token)
    replaced = service.config_file.with_name(service.config_file.stem + ".api_secret")
    replaced.write_text(old_secret + "\n")
    replaced.chmod(0o644)
    service.start("--api", "--api-port", "0")
    port = service.info().get("api_port")
    new_secret = replaced.read_text().strip()
    row.check(
        _mode(replaced) == 0o600 and new_secret != old_secret, "a 0644 secret file was used, not replaced"
    )
    old_answer = httpx.get(
        f"http://127.0.0.1:{port}/api/status", headers={"Authorization": f"Bearer {old_secret}"}
    )
    row.check(old_answer.status_code == 401, f"the exposed secret still works ({old_answer.status_code})")
    service.kill()
    row.runs, row.inputs = 1, len(checked) + 5
    row.note = (
        f"{len(checked)} files and directories checked (config, secret, queue entries); a 0644 config is "
        "refused by start/config show/test-connection; a 0644 secret is replaced by a new 0600 one"
    )
    return row


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pywats_client", *args], capture_output=True, text=True, timeout=60
    )


ROUTES = (
    ("GET", "/api/status"),
    ("GET", "/api/queue"),
    ("GET", "/api/queue/00000000-0000-4000-8000-000000000000"),
    ("DELETE", "/api/queue/00000000-0000-4000-8000-000000000000"),
    ("POST", "/api/queue/00000000-0000-4000-8000-000000000000/retry"),
    ("GET", "/api/converters"),
    ("GET", "/api/config"),
    ("GET", "/api/log"),
    ("GET", "/api/history"),
    ("POST", "/api/reload"),
    ("POST", "/api/stop"),
    ("GET", "/api/nonexistent"),
)


def _bad_credentials(secret: str) -> dict[str, tuple[dict[str, str], dict[str, str]]]:
    """Ways of asking without the right ``Authorization: Bearer <secret>``: label → (headers, query)."""
    basic = "Basic " + base64.b64encode(f"x:{secret}".encode()).decode()
    return {
        "none": ({}, {}),
        "bearer, no secret": ({"Authorization": "Bearer"}, {}),
        "wrong secret": ({"Authorization": "Bearer not-the-secret"}, {}),
        "secret + 1 char": ({"Authorization": f"Bearer {secret}x"}, {}),
        "secret - 1 char": ({"Authorization": f"Bearer {secret[:-1]}"}, {}),
        "basic scheme": ({"Authorization": basic}, {}),
        "secret in another header": ({"X-Api-Secret": secret}, {}),
        "secret in the query": ({}, {"secret": secret, "token": secret}),
    }


def _listening_addresses(port: int) -> set[str]:
    """Local addresses with a listening TCP socket on ``port`` (Linux /proc/net/tcp and tcp6)."""
    found: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError), open(table, encoding="ascii") as lines:
            for line in list(lines)[1:]:
                fields = line.split()
                address, _, hex_port = fields[1].partition(":")
                if int(hex_port, 16) == port and fields[3] == "0A":  # 0A: LISTEN
                    found.add(address)
    return found


def _api_row(srv: LocalWATSServer, station: Station) -> Row:
    row = Row(
        CAMPAIGN,
        "management API: 401 without the secret on every route; loopback only",
        lost=None,
        duplicates=None,
    )
    station.start("--api", "--api-port", "0")
    port = int(station.info()["api_port"])
    secret = _secret(station)
    base = f"http://127.0.0.1:{port}"
    sent = 0
    for method, path in ROUTES:
        for label, (headers, query) in _bad_credentials(secret).items():
            answer = httpx.request(method, base + path, headers=headers, params=query)
            sent += 1
            row.check(answer.status_code == 401, f"{method} {path} with {label}: {answer.status_code}")
            row.check(set(answer.json()) == {"error"}, f"{method} {path} with {label} answered data")
    good = {"Authorization": f"Bearer {secret}"}
    for path in ("/api/status", "/api/config", "/api/queue"):
        answer = httpx.get(base + path, headers=good)
        sent += 1
        row.check(answer.status_code == 200, f"GET {path} with the secret: {answer.status_code}")
    for hostile in ("..%2F..%2Fstation", "..\\..\\station", ".hidden"):
        answer = httpx.get(f"{base}/api/queue/{hostile}", headers=good)
        sent += 1
        row.check(answer.status_code in (400, 404), f"GET /api/queue/{hostile}: {answer.status_code}")
    row.check(station.running, "the service stopped: a request without the secret reached /api/stop")
    addresses = _listening_addresses(port)
    loopback = {"0100007F"}  # 127.0.0.1 in /proc/net/tcp's byte order
    row.check(
        addresses == loopback, f"management API listens on {sorted(addresses)}, expected 127.0.0.1 only"
    )
    station.kill()
    row.runs, row.inputs = 1, sent
    row.note = (
        f"{len(ROUTES)} routes x {len(_bad_credentials(secret))} kinds of missing/wrong credentials, all 401 "
        f"with no data; listening sockets on the port: {sorted(addresses)} (127.0.0.1)"
    )
    return row


def run(scale: Scale) -> list[Row]:
    """Run the secrets-and-access scenarios once (more uploads at full scale)."""
    files = scale.pick(8, 100)
    with tempfile.TemporaryDirectory(prefix="pywats-security-") as tmp, server(log_level="debug") as srv:
        root = Path(tmp)
        logs, errors, station = _tokens_row(srv, root, files)
        files_row = _files_row(srv, root, station)
        api_row = _api_row(srv, station)
    return [logs, errors, files_row, api_row]
