"""SCIM errors: RFC 7644 §3.12 error bodies instead of the WATS ``{"Message": ...}`` shape."""

from __future__ import annotations

from fastapi.responses import JSONResponse

from pywats_server.domains.scim.schemas import ERROR_SCHEMA, SCIM_MEDIA_TYPE
from pywats_server.errors import WatsHTTPError


class ScimProblem(WatsHTTPError):
    """An error answered as a SCIM error; ``scim_type`` is RFC 7644's detail code (``invalidValue``…)."""

    def __init__(self, status_code: int, detail: str, scim_type: str | None = None) -> None:
        super().__init__(detail)
        self.status_code = status_code
        self.scim_type = scim_type


def error_response(status_code: int, detail: str, scim_type: str | None = None) -> JSONResponse:
    """``{"schemas": [Error], "status": "<code>", "detail": ..., "scimType": ...}``."""
    body: dict[str, object] = {"schemas": [ERROR_SCHEMA], "status": str(status_code), "detail": detail}
    if scim_type:
        body["scimType"] = scim_type
    return JSONResponse(body, status_code=status_code, media_type=SCIM_MEDIA_TYPE)


def problem_response(error: WatsHTTPError) -> JSONResponse:
    """The SCIM error body for any server error (a backend's 404, a database conflict…)."""
    scim_type = getattr(error, "scim_type", None)
    if scim_type is None and error.status_code == 409:
        scim_type = "uniqueness"
    return error_response(error.status_code, error.message, scim_type)
