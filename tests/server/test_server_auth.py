"""HTTP Basic authentication on every endpoint."""

from __future__ import annotations

import base64

import httpx
import pytest
from server_helpers import PASSWORD, SECOND_PASSWORD, SECOND_USER, USER, basic, token

DENIED = {"Message": "Authorization has been denied for this request."}

# Every kind of endpoint: WATS API, parameterised route, unknown route, OpenAPI schema, control plane.
PROTECTED = [
    ("GET", "/api/App/Version"),
    ("GET", "/api/Product/Query"),
    ("GET", "/api/Product/SOME-PN"),
    ("PUT", "/api/Product"),
    ("GET", "/api/does/not/exist"),
    ("GET", "/openapi.json"),
    ("POST", "/_control/reset"),
    ("GET", "/_control/requests"),
]


def assert_denied(response: httpx.Response) -> None:
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Basic realm="WATS"'
    assert response.json() == DENIED


@pytest.mark.parametrize(("method", "path"), PROTECTED)
def test_no_credentials_is_401_everywhere(anonymous: httpx.Client, method: str, path: str) -> None:
    assert_denied(anonymous.request(method, path, json={"partNumber": "X"} if method == "PUT" else None))


@pytest.mark.parametrize(
    "authorization",
    [
        f"Basic {token(USER, 'wrong')}",
        f"Basic {token('nobody', PASSWORD)}",
        f"Basic {token(USER, PASSWORD + 'x')}",
        f"Basic {token(USER, PASSWORD[:-1])}",
        f"Basic {token(USER, SECOND_PASSWORD)}",  # another user's password
        "Basic",
        "Basic =",
        "Basic not-base64!!",
        "Basic " + base64.b64encode(b"no-colon-here").decode(),
        "Basic " + base64.b64encode(b"\xff\xfe:\xfd").decode(),  # not UTF-8
        f"Bearer {token(USER, PASSWORD)}",
        token(USER, PASSWORD),  # no scheme
    ],
)
def test_bad_or_malformed_credentials_are_401(anonymous: httpx.Client, authorization: str) -> None:
    assert_denied(anonymous.get("/api/App/Version", headers={"Authorization": authorization}))


@pytest.mark.parametrize(("user", "password"), [(USER, PASSWORD), (SECOND_USER, SECOND_PASSWORD)])
def test_each_configured_user_is_accepted(anonymous: httpx.Client, user: str, password: str) -> None:
    response = anonymous.get("/api/App/Version", headers=basic(user, password))
    assert response.status_code == 200
    assert response.json() == "25.3.0"


def test_scheme_is_case_insensitive(anonymous: httpx.Client) -> None:
    response = anonymous.get("/api/App/Version", headers={"Authorization": f"basic {token(USER, PASSWORD)}"})
    assert response.status_code == 200


def test_rejected_request_has_no_side_effect(client: httpx.Client, anonymous: httpx.Client) -> None:
    response = anonymous.put("/api/Product", json={"partNumber": "SNEAKY"})
    assert_denied(response)
    assert client.get("/api/Product/Query").json() == []


def test_openapi_schema_is_served_to_authenticated_clients(client: httpx.Client) -> None:
    schema = client.get("/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/Product/{partNumber}" in schema["paths"]
    assert "/_control/faults" in schema["paths"]
