"""The SCIM domain: user provisioning (``/api/SCIM/v2``) and the provisioning token."""

from pywats.domains.scim.async_repository import AsyncScimRepository
from pywats.domains.scim.async_service import AsyncScimService
from pywats.domains.scim.models import (
    ScimListResponse,
    ScimPatchOperation,
    ScimPatchRequest,
    ScimToken,
    ScimUser,
    ScimUserEmail,
    ScimUserName,
)
from pywats.domains.scim.repository import ScimRepository
from pywats.domains.scim.service import ScimService

__all__ = [
    "AsyncScimRepository",
    "AsyncScimService",
    "ScimListResponse",
    "ScimPatchOperation",
    "ScimPatchRequest",
    "ScimRepository",
    "ScimService",
    "ScimToken",
    "ScimUser",
    "ScimUserEmail",
    "ScimUserName",
]
