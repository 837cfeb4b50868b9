"""When does HTTP/2 help? The same client settings over HTTP/1.1 and HTTP/2, against one TLS server.

``pywats-server`` (uvicorn) speaks only HTTP/1.1, and over plain ``http://`` httpx never uses
HTTP/2 anyway (it needs TLS with ALPN, or prior knowledge). So this benchmark starts its own
small TLS server (a self-signed certificate made with the ``openssl`` command; h2 and h11, the
libraries httpx itself uses) that answers every request with a ~600-byte JSON body after an
optional delay, and drives it with ``httpx.AsyncClient`` configured as pyWATS configures it
(``http2=True``, 100 connections, 20 kept alive), once with ``http2=False`` for comparison.
Information only: the findings are summarised in ``docs/performance.md``.
Run alone: ``.venv/bin/python bench/bench_http2.py``.
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import shutil
import ssl
import statistics
import subprocess
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import h2.config
import h2.connection
import h2.events
import h11
import httpx

from _common import Result, print_summary, report
from pywats.core.config import MAX_CONNECTIONS, MAX_KEEPALIVE_CONNECTIONS

BODY = json.dumps(
    {"partNumber": "WIDGET-001", "revisions": [{"revision": str(i)} for i in range(30)]}
).encode()
ROUNDS = 3


# -- the server (runs in a child process) -------------------------------------------------------


async def _serve_h2(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, delay_s: float) -> None:
    conn = h2.connection.H2Connection(config=h2.config.H2Configuration(client_side=False))
    conn.initiate_connection()
    writer.write(conn.data_to_send())

    async def respond(stream_id: int) -> None:
        if delay_s:
            await asyncio.sleep(delay_s)
        headers = [
            (":status", "200"),
            ("content-type", "application/json"),
            ("content-length", str(len(BODY))),
        ]
        conn.send_headers(stream_id, headers)
        conn.send_data(stream_id, BODY, end_stream=True)
        writer.write(conn.data_to_send())

    tasks: set[asyncio.Task[None]] = set()
    while data := await reader.read(65536):
        for event in conn.receive_data(data):
            if isinstance(event, h2.events.StreamEnded):
                task = asyncio.create_task(respond(event.stream_id))
                tasks.add(task)
                task.add_done_callback(tasks.discard)
        writer.write(conn.data_to_send())
    writer.close()


async def _serve_h11(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, delay_s: float) -> None:
    conn = h11.Connection(h11.SERVER)
    while True:
        event = conn.next_event()
        if event is h11.NEED_DATA:
            data = await reader.read(65536)
            conn.receive_data(data)
            if not data:
                break
            continue
        if isinstance(event, h11.EndOfMessage):
            if delay_s:
                await asyncio.sleep(delay_s)
            headers = [("content-type", "application/json"), ("content-length", str(len(BODY)))]
            writer.write(conn.send(h11.Response(status_code=200, headers=headers)) or b"")
            writer.write(conn.send(h11.Data(data=BODY)) or b"")
            writer.write(conn.send(h11.EndOfMessage()) or b"")
            await writer.drain()
            conn.start_next_cycle()
        elif isinstance(event, h11.ConnectionClosed) or conn.our_state is h11.MUST_CLOSE:
            break
    writer.close()


def _server_main(cert: str, key: str, port_queue: multiprocessing.Queue[int]) -> None:
    connections = 0
    settings = {"delay_s": 0.0}

    async def main() -> None:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        context.set_alpn_protocols(["h2", "http/1.1"])

        async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            nonlocal connections
            connections += 1
            ssl_object = writer.get_extra_info("ssl_object")
            delay_s = settings["delay_s"]
            try:
                if ssl_object.selected_alpn_protocol() == "h2":
                    await _serve_h2(reader, writer, delay_s)
                else:
                    await _serve_h11(reader, writer, delay_s)
            except (ConnectionError, h11.RemoteProtocolError, ssl.SSLError):
                writer.close()

        async def control(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            # One line per command: "delay <seconds>" sets the delay; "count" returns and resets the counter.
            nonlocal connections
            while line := (await reader.readline()).decode().strip():
                if line.startswith("delay "):
                    settings["delay_s"] = float(line.split()[1])
                    writer.write(b"ok\n")
                elif line == "count":
                    writer.write(f"{connections}\n".encode())
                    connections = 0
                await writer.drain()
            writer.close()

        server = await asyncio.start_server(handle, "127.0.0.1", 0, ssl=context, backlog=512)
        ctl = await asyncio.start_server(control, "127.0.0.1", 0)
        port_queue.put(server.sockets[0].getsockname()[1])
        port_queue.put(ctl.sockets[0].getsockname()[1])
        await asyncio.Event().wait()

    asyncio.run(main())


# -- the client side ----------------------------------------------------------------------------


class TestServer:
    def __init__(self, tmp: Path) -> None:
        self.cert, self.key = str(tmp / "cert.pem"), str(tmp / "key.pem")
        request = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        subject = ["-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"]
        subprocess.run(
            ["openssl", *request, *subject, "-keyout", self.key, "-out", self.cert],
            check=True,
            capture_output=True,
        )
        ports: multiprocessing.Queue[int] = multiprocessing.Queue()
        self.process = multiprocessing.Process(
            target=_server_main, args=(self.cert, self.key, ports), daemon=True
        )
        self.process.start()
        self.url = f"https://127.0.0.1:{ports.get(timeout=30)}/api/Product/WIDGET-001"
        self.control_port = ports.get(timeout=30)

    async def command(self, text: str) -> str:
        reader, writer = await asyncio.open_connection("127.0.0.1", self.control_port)
        writer.write(text.encode() + b"\n\n")
        answer = (await reader.readline()).decode().strip()
        writer.close()
        return answer

    def stop(self) -> None:
        self.process.terminate()
        self.process.join(5)


def client(server: TestServer, http2: bool) -> httpx.AsyncClient:
    """An httpx client with pyWATS's pool settings."""
    limits = httpx.Limits(
        max_connections=MAX_CONNECTIONS, max_keepalive_connections=MAX_KEEPALIVE_CONNECTIONS
    )
    return httpx.AsyncClient(
        http2=http2, limits=limits, verify=ssl.create_default_context(cafile=server.cert)
    )


Scenario = Callable[[httpx.AsyncClient, str], Awaitable[None]]


def sequential(n: int) -> Scenario:
    async def run(c: httpx.AsyncClient, url: str) -> None:
        for _ in range(n):
            (await c.get(url)).raise_for_status()

    return run


def bursts(n_bursts: int, size: int) -> Scenario:
    async def run(c: httpx.AsyncClient, url: str) -> None:
        for _ in range(n_bursts):
            for r in await asyncio.gather(*(c.get(url) for _ in range(size))):
                r.raise_for_status()

    return run


async def compare(server: TestServer, name: str, scenario: Scenario, delay_s: float, requests: int) -> Result:
    await server.command(f"delay {delay_s}")
    times: dict[bool, list[float]] = {False: [], True: []}
    conns: dict[bool, int] = {}
    versions: dict[bool, str] = {}
    for r in range(ROUNDS):
        for http2 in (r % 2 == 0, r % 2 != 0):  # alternate which goes first
            async with client(server, http2) as c:
                versions[http2] = (await c.get(server.url)).http_version  # also opens the first connection
                await server.command("count")
                start = time.perf_counter()
                await scenario(c, server.url)
                times[http2].append(time.perf_counter() - start)
                conns[http2] = int(await server.command("count"))
    h1, h2_ = statistics.median(times[False]), statistics.median(times[True])
    return Result(
        name=f"HTTP/2 vs HTTP/1.1: {name}",
        measured=f"{versions[True]} {h2_ * 1000 / requests:.2f} ms/request ({conns[True]} new connections), "
        f"{versions[False]} {h1 * 1000 / requests:.2f} ms/request ({conns[False]} new connections)",
        metric="speed-up",
        value=h1 / h2_,
        unit="x",
        note=f"TLS on loopback, server delay {delay_s * 1000:.0f} ms, {requests} requests, "
        f"median of {ROUNDS} rounds; new connections counted in the last round",
    )


async def measure_all(server: TestServer) -> list[Result]:
    return [
        report(await compare(server, "one at a time", sequential(300), 0.0, 300)),
        report(await compare(server, "10 bursts of 10, 5 ms server time", bursts(10, 10), 0.005, 100)),
        report(await compare(server, "10 bursts of 100, 5 ms server time", bursts(10, 100), 0.005, 1000)),
        report(await compare(server, "10 bursts of 100, no server time", bursts(10, 100), 0.0, 1000)),
    ]


async def plain_http_version(url: str, token: str) -> str:
    async with httpx.AsyncClient(http2=True) as c:
        return (
            await c.get(url + "/api/App/Version", headers={"Authorization": f"Basic {token}"})
        ).http_version


def run(url: str = "", token: str = "") -> list[Result]:
    results: list[Result] = []
    if url:
        version = asyncio.run(plain_http_version(url, token))
        print(f"pywats-server over plain http with http2=True negotiates {version}")
    if shutil.which("openssl") is None:
        print("skipped: the openssl command is needed to make a test certificate")
        return results
    with tempfile.TemporaryDirectory() as tmp:
        server = TestServer(Path(tmp))
        try:
            results += asyncio.run(measure_all(server))
        finally:
            server.stop()
    return results


if __name__ == "__main__":
    start = time.perf_counter()
    print_summary(run(), time.perf_counter() - start)
