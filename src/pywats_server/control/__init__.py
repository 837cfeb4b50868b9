"""The control plane under ``/_control``: reset, fault injection and the request log (for tests, benchmarks).

It is not part of the WATS API. Its pieces:

* :mod:`.faults` — fault rules and the order in which requests consume them (pure, no I/O);
* :mod:`.request_log` — the bounded log of requests the server received;
* :mod:`.middleware` — ASGI middleware that records requests and applies faults to every WATS route, so new
  domains get both without doing anything;
* :mod:`.routes` — the HTTP endpoints that drive them.
"""
