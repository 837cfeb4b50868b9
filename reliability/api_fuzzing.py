"""Campaign 4 — API fuzzing: schemathesis against pywats-server's own OpenAPI schema.

Every operation in ``/openapi.json`` gets requests generated from its schema (path, query, headers
and bodies; valid and invalid) with valid credentials: no answer may be a 5xx, and the server must
stay up. The control plane (``/_control/...``) is left out of this part, since resetting the
database or injecting 5xx faults is what it is for. Then every operation, the control plane
included, is called without credentials and with a wrong password: each must answer 401.
"""

from __future__ import annotations

import base64
import time
from collections import Counter
from typing import Any

import httpx
import schemathesis
from hypothesis import HealthCheck, Phase, given, seed, settings
from schemathesis.core.result import Ok

from pywats.testing import LocalWATSServer
from reliability._common import Scale, server
from reliability._results import Row

__all__ = ["run"]

CAMPAIGN = "API fuzzing"
CONTROL_PREFIX = "/_control"
REQUEST_TIMEOUT_S = 30.0


def _operations(srv: LocalWATSServer) -> tuple[list[Any], list[str]]:
    schema = schemathesis.openapi.from_url(srv.url + "/openapi.json", headers=_auth(srv.token))
    operations, broken = [], []
    for result in schema.get_all_operations():
        if isinstance(result, Ok):
            operations.append(result.ok())
        else:  # an operation schemathesis cannot read: reported, not fuzzed
            broken.append(f"{type(result.err()).__name__}: {str(result.err())[:120]}")
    return operations, broken


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Basic {token}"}


def _fuzz_authenticated(
    srv: LocalWATSServer, operations: list[Any], examples: int, share: int, campaign_seed: int
) -> Row:
    """Fuzz every ``share``-th operation (all of them for 1) with ``examples`` requests each."""
    row = Row(
        CAMPAIGN,
        "every operation, generated requests with valid credentials: no 5xx",
        lost=None,
        duplicates=None,
    )
    statuses: Counter[int] = Counter()
    fuzzed = [op for op in operations if not op.path.startswith(CONTROL_PREFIX)][
        campaign_seed % share :: share
    ]
    headers = _auth(srv.token)
    for op in fuzzed:

        @seed(campaign_seed)
        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=op.as_strategy())
        def call(case: Any) -> None:
            try:
                response = case.call(base_url=srv.url, headers=headers, timeout=REQUEST_TIMEOUT_S)
            except Exception as exc:  # the server did not answer at all
                row.fail(f"{case.method} {case.formatted_path}: no answer: {type(exc).__name__}: {exc}")
                return
            statuses[response.status_code] += 1
            row.inputs += 1
            if response.status_code >= 500:
                body = "" if type(case.body).__name__ == "NotSet" else f" body={case.body!r:.120}"
                row.fail(
                    f"{case.method} {case.formatted_path} query={case.query}{body} answered "
                    f"{response.status_code}: {response.text[:120]}"
                )

        try:
            call()
        except Exception as exc:  # generation itself failed for this operation
            row.fail(
                f"{op.method.upper()} {op.path}: could not generate requests: {type(exc).__name__}: {exc}"
            )
    row.runs = len(fuzzed)
    alive = httpx.get(srv.url + "/api/App/Version", headers=headers, timeout=10).status_code == 200
    row.check(alive, "the server no longer answers after the campaign")
    common = ", ".join(f"{code}: {count}" for code, count in sorted(statuses.items()))
    row.note = f"{len(fuzzed)} operations x up to {examples} generated requests; answers {common}"
    return row


def _refused(http: httpx.Client, op: Any, wrong: str, row: Row) -> None:
    path = op.path
    for name in [p.name for p in op.iter_parameters() if p.location == "path"]:
        path = path.replace("{" + name + "}", "1")
    for label, headers in (("no credentials", {}), ("wrong password", _auth(wrong))):
        answer = http.request(op.method.upper(), path, headers=headers)
        row.inputs += 1
        row.check(
            answer.status_code == 401, f"{op.method.upper()} {op.path} with {label}: {answer.status_code}"
        )


def _unauthenticated(srv: LocalWATSServer, operations: list[Any]) -> Row:
    row = Row(
        CAMPAIGN,
        "every operation without credentials or with a wrong password: 401",
        lost=None,
        duplicates=None,
    )
    wrong = base64.b64encode(f"{srv.user}:not-the-password".encode()).decode()
    with httpx.Client(base_url=srv.url, timeout=REQUEST_TIMEOUT_S) as http:
        for op in operations:
            _refused(http, op, wrong, row)
    row.runs = len(operations)
    control = sum(1 for op in operations if op.path.startswith(CONTROL_PREFIX))
    row.note = f"{len(operations)} operations ({control} of the control plane) x 2: all 401"
    return row


def run(scale: Scale) -> list[Row]:
    """Fuzz every operation with ``scale.pick(1, 40)`` generated requests, then check the 401s."""
    began = time.monotonic()
    with server() as srv:
        operations, broken = _operations(srv)
        fuzz = _fuzz_authenticated(srv, operations, scale.pick(1, 40), 1, scale.seed)
        for problem in broken:
            fuzz.fail(f"schema operation not usable: {problem}")
        fuzz.seconds = time.monotonic() - began
        closed = _unauthenticated(srv, operations)
    return [fuzz, closed]
