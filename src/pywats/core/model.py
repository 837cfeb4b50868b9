"""The base of every wire model: snake_case in Python, camelCase on the wire, nothing lost."""

from __future__ import annotations

from typing import Any, Self

from pydantic import BaseModel, ConfigDict
from pydantic import ValidationError as PydanticValidationError
from pydantic.alias_generators import to_camel

from pywats.core.exceptions import InvalidResponseError

__all__ = ["WATSModel"]


class WATSModel(BaseModel):
    """A WATS object.

    Fields are read by their Python name or their wire (camelCase) name. Members the model does
    not know are kept and written back unchanged, so a newer server's data survives a
    read → modify → save round trip.
    """

    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        extra="allow",
        validate_assignment=True,
        use_enum_values=False,
    )

    def to_wire(self, *, exclude: set[str] | None = None) -> bytes:
        """The JSON the server expects: wire names, ``None`` members (and ``exclude``) left out."""
        return self.model_dump_json(by_alias=True, exclude_none=True, exclude=exclude).encode()

    def to_dict(self) -> dict[str, Any]:
        """The wire form as a plain dict."""
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)

    @classmethod
    def from_wire(cls, data: Any, *, operation: str | None = None) -> Self:
        """Build the model from server data, raising :class:`InvalidResponseError` if it does not fit."""
        try:
            return cls.model_validate(data)
        except PydanticValidationError as exc:
            raise InvalidResponseError(
                f"The server's answer is not a valid {cls.__name__}: {_first_problem(exc)}",
                operation=operation,
                details={"errors": exc.errors(include_url=False, include_input=False)},
                cause=exc,
            ) from exc


def _first_problem(exc: PydanticValidationError) -> str:
    errors = exc.errors(include_url=False)
    if not errors:
        return str(exc)
    first = errors[0]
    where = ".".join(str(part) for part in first.get("loc", ())) or "(root)"
    return f"{where}: {first.get('msg', 'invalid')}"
