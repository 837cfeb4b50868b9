"""SCIM PATCH (RFC 7644 §3.5.2) and the ``eq`` filter, applied to a user held as a plain dict.

The user dict uses the wire names ``userName``, ``displayName``, ``externalId``, ``active``,
``name`` ({``formatted``, ``givenName``, ``familyName``}) and ``emails`` (a list). Attribute names
are matched case-insensitively, as SCIM requires. Supported paths: an attribute
(``displayName``), a sub-attribute (``name.givenName``), and a filtered e-mail
(``emails[type eq "work"]`` or ``emails[type eq "work"].value``). Without a path, ``value`` is an
object of attributes to set (dotted keys such as ``name.familyName`` allowed), as Entra ID sends.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from pywats_server.domains.scim.problems import ScimProblem

SIMPLE = {
    "username": "userName",
    "displayname": "displayName",
    "externalid": "externalId",
    "active": "active",
}
NAME_PARTS = {"formatted": "formatted", "givenname": "givenName", "familyname": "familyName"}
READ_ONLY = {"id", "meta", "schemas"}
_EMAIL_FILTER = re.compile(r'^emails\[\s*(\w+)\s+eq\s+"([^"]*)"\s*\](?:\.(\w+))?$', re.IGNORECASE)
_EQ_FILTER = re.compile(r'^\s*([\w.]+)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$', re.IGNORECASE)
FILTERABLE = {"username": "userName", "externalid": "externalId", "id": "id", "displayname": "displayName"}


def _bad(detail: str, scim_type: str = "invalidValue") -> ScimProblem:
    return ScimProblem(400, detail, scim_type)


def apply_operations(user: dict[str, Any], operations: list[tuple[str, str | None, Any]]) -> dict[str, Any]:
    """The user after ``(op, path, value)`` operations, in order; the input is not changed."""
    result = copy.deepcopy(user)
    for op, path, value in operations:
        kind = op.strip().lower()
        if kind not in ("add", "replace", "remove"):
            raise _bad(f"Unsupported patch op '{op}'; use add, replace or remove.", "invalidSyntax")
        if path is None or not path.strip():
            if kind == "remove":
                raise _bad("A remove operation needs a path.", "noTarget")
            if not isinstance(value, dict):
                raise _bad("Without a path, value must be an object of attributes.", "invalidSyntax")
            for key, item in value.items():
                _set(result, str(key), item)
        elif kind == "remove":
            _set(result, path.strip(), None)
        else:
            _set(result, path.strip(), value)
    if not isinstance(result.get("userName"), str) or not result["userName"].strip():
        raise _bad("userName is required and cannot be removed.")
    return result


def _set(user: dict[str, Any], path: str, value: Any) -> None:
    email = _EMAIL_FILTER.match(path)
    if email:
        _set_email(user, email.group(1), email.group(2), email.group(3), value)
        return
    head, _, sub = path.partition(".")
    key = head.lower()
    if key in READ_ONLY:
        raise _bad(f"'{head}' is read-only.", "mutability")
    if key in SIMPLE and not sub:
        user[SIMPLE[key]] = _simple_value(SIMPLE[key], value)
    elif key == "name":
        user["name"] = _name_value(user.get("name"), sub, value)
    elif key == "emails" and not sub:
        user["emails"] = _emails_value(value)
    else:
        raise _bad(f"Unknown or unsupported attribute path '{path}'.", "invalidPath")


def _simple_value(attribute: str, value: Any) -> Any:
    if value is None:
        return None
    if attribute == "active":
        if isinstance(value, str) and value.strip().lower() in ("true", "false"):
            return value.strip().lower() == "true"  # Entra ID sends "True"/"False" strings
        if not isinstance(value, bool):
            raise _bad("active must be true or false.")
        return value
    if not isinstance(value, str):
        raise _bad(f"{attribute} must be a string.")
    return value


def _name_value(current: Any, sub: str, value: Any) -> dict[str, Any] | None:
    name = dict(current or {})
    if not sub:
        if value is None:
            return None
        if not isinstance(value, dict):
            raise _bad("name must be an object.")
        for key, item in value.items():
            name[_name_part(str(key))] = _optional_text(item, "name")
        return name
    name[_name_part(sub)] = _optional_text(value, f"name.{sub}")
    return {k: v for k, v in name.items() if v is not None} or None


def _name_part(key: str) -> str:
    part = NAME_PARTS.get(key.lower())
    if part is None:
        raise _bad(f"Unknown name attribute '{key}'.", "invalidPath")
    return part


def _optional_text(value: Any, what: str) -> str | None:
    if value is not None and not isinstance(value, str):
        raise _bad(f"{what} must be a string.")
    return value


def _emails_value(value: Any) -> list[dict[str, Any]] | None:
    if value is None:
        return None
    items = value if isinstance(value, list) else [value]
    emails = []
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("value"), str):
            raise _bad("emails must be objects with a string value.")
        emails.append({k: item[k] for k in ("value", "type", "primary") if k in item})
    return emails


def _set_email(user: dict[str, Any], attribute: str, match: str, sub: str | None, value: Any) -> None:
    if attribute.lower() != "type":
        raise _bad('Only emails[type eq "..."] filters are supported.', "invalidFilter")
    emails = [dict(e) for e in user.get("emails") or []]
    target = next((e for e in emails if str(e.get("type", "")).lower() == match.lower()), None)
    if value is None:  # remove
        emails = [e for e in emails if e is not target] if sub is None else emails
        if sub is not None and target is not None:
            target.pop(sub, None)
    else:
        if target is None:
            target = {"type": match}
            emails.append(target)
        if sub is None:
            if not isinstance(value, dict):
                raise _bad("An email must be an object.")
            target.update({k: value[k] for k in ("value", "primary") if k in value})
        elif sub.lower() in ("value", "primary"):
            target[sub.lower()] = value
        else:
            raise _bad(f"Unknown email attribute '{sub}'.", "invalidPath")
    user["emails"] = emails or None


def parse_filter(text: str) -> tuple[str, str]:
    """``userName eq "x"`` → ("userName", "x"); the only filter form this server understands."""
    match = _EQ_FILTER.match(text)
    if not match or match.group(1).lower() not in FILTERABLE:
        raise _bad(
            'Only filters of the form <attribute> eq "<value>" on userName, externalId, id or displayName '
            "are supported.",
            "invalidFilter",
        )
    return FILTERABLE[match.group(1).lower()], re.sub(r"\\(.)", r"\1", match.group(2))
