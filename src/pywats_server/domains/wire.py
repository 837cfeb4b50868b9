"""Base of the wire models shared by every domain.

WATS speaks camelCase JSON. Like the real server (ASP.NET with Json.NET), these models read member names
case-insensitively and ignore members they do not know; when answering they emit the exact camelCase names and
leave out members that are null.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, model_validator
from pydantic.alias_generators import to_camel


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


NonBlankStr = Annotated[str, AfterValidator(_not_blank)]
"""A string that must contain something other than whitespace."""


class WireModel(BaseModel):
    """A JSON object of the WATS API (camelCase members, unknown members ignored)."""

    model_config = ConfigDict(
        alias_generator=to_camel, validate_by_name=True, validate_by_alias=True, extra="ignore"
    )

    @model_validator(mode="before")
    @classmethod
    def _member_names_case_insensitive(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        canonical = {
            (field.alias or name).casefold(): field.alias or name for name, field in cls.model_fields.items()
        }
        renamed: dict[Any, Any] = {}
        for key, value in data.items():
            target = canonical.get(key.casefold(), key) if isinstance(key, str) else key
            # An exact spelling wins over a differently-cased duplicate.
            if target in renamed and key != target:
                continue
            renamed[target] = value
        return renamed
