"""A loopback TCP proxy that counts HTTP requests on the wire and can cut connections mid-request.

The server's fault injection acts once a request has arrived; a connection that breaks while the
client is still sending never reaches it. This proxy sits between client and server, forwards
bytes both ways, counts every request the client starts (so retries are counted where they
happen, on the wire), and on demand closes the next connections after part of the request:

* ``"request-line"``: after the first 20 bytes (the server never sees the request);
* ``"body"``: 32 bytes into the body (the server sees the headers, then a broken body).
"""

from __future__ import annotations

import contextlib
import re
import socket
import threading
from types import TracebackType
from typing import Literal, Self

__all__ = ["CutPoint", "CuttingProxy"]

CutPoint = Literal["request-line", "body"]

# A request starts at the beginning of a connection's stream or right after the previous message.
# Report bodies are compact JSON on one line, so "\n<METHOD> /" does not occur inside them.
_REQUEST_START = re.compile(rb"(?:^|\n)(?:GET|POST|PUT|DELETE|HEAD|OPTIONS|PATCH) /")
_CHUNK = 65536
_REQUEST_LINE_CUT = 20
_BODY_CUT = 32


class CuttingProxy:
    """Forward 127.0.0.1:<port> to ``upstream`` (host, port); ``url`` is the proxy's base URL."""

    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._listener.getsockname()[1])
        self.url = f"http://127.0.0.1:{self.port}"
        self._lock = threading.Lock()
        self._cuts: list[CutPoint] = []
        self._streams: list[bytearray] = []
        self._sockets: set[socket.socket] = set()
        self._closed = False
        self.cut_connections = 0
        self._thread = threading.Thread(target=self._accept_loop, name="cutting-proxy", daemon=True)

    # -- control -------------------------------------------------------------------------------

    def cut_next(self, connections: int, where: CutPoint) -> None:
        """Cut the next ``connections`` new connections at ``where``."""
        with self._lock:
            self._cuts.extend([where] * connections)

    def clear_cuts(self) -> None:
        with self._lock:
            self._cuts.clear()

    def requests_seen(self) -> int:
        """Requests the client started since the last :meth:`reset_count`, complete or not."""
        with self._lock:
            return sum(len(_REQUEST_START.findall(bytes(stream))) for stream in self._streams)

    def reset_count(self) -> None:
        with self._lock:
            for stream in self._streams:
                stream.clear()

    # -- life ----------------------------------------------------------------------------------

    def start(self) -> Self:
        self._thread.start()
        return self

    def close(self) -> None:
        self._closed = True
        with contextlib.suppress(OSError):
            self._listener.close()
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            _close(sock)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- forwarding ----------------------------------------------------------------------------

    def _accept_loop(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                cut = self._cuts.pop(0) if self._cuts else None
                stream = bytearray()
                self._streams.append(stream)
                self._sockets.add(client)
            threading.Thread(target=self._serve, args=(client, stream, cut), daemon=True).start()

    def _serve(self, client: socket.socket, stream: bytearray, cut: CutPoint | None) -> None:
        try:
            upstream = socket.create_connection(self.upstream)
        except OSError:
            _close(client)
            return
        with self._lock:
            self._sockets.add(upstream)
        threading.Thread(target=_pump, args=(upstream, client), daemon=True).start()
        try:
            while True:
                data = client.recv(_CHUNK)
                if not data:
                    break
                with self._lock:
                    start = len(stream)
                    stream.extend(data)
                    limit = _cut_offset(bytes(stream), cut) if cut else None
                if limit is not None:
                    if limit > start:
                        upstream.sendall(data[: limit - start])
                    with self._lock:
                        self.cut_connections += 1
                    break
                upstream.sendall(data)
        except OSError:
            pass
        finally:
            _close(client)
            _close(upstream)
            with self._lock:
                self._sockets.discard(client)
                self._sockets.discard(upstream)


def _cut_offset(stream: bytes, cut: CutPoint) -> int | None:
    """Where to cut a connection's client stream, once enough of it has arrived (else None)."""
    if cut == "request-line":
        return _REQUEST_LINE_CUT if len(stream) >= _REQUEST_LINE_CUT else None
    end = stream.find(b"\r\n\r\n")
    if end < 0 or len(stream) < end + 4 + _BODY_CUT:
        return None
    return end + 4 + _BODY_CUT


def _pump(source: socket.socket, sink: socket.socket) -> None:
    try:
        while data := source.recv(_CHUNK):
            sink.sendall(data)
    except OSError:
        pass
    finally:
        _close(sink)


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()
