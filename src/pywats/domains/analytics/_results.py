"""List results of analytics calls: plain lists that can also become a pandas DataFrame."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel

__all__ = ["ResultList"]

M = TypeVar("M", bound=BaseModel)


class ResultList(list[M], Generic[M]):
    """A list of result models; :meth:`to_dataframe` turns it into a pandas DataFrame.

    pandas is not a dependency of pyWATS: :meth:`to_dataframe` works when it is installed.
    """

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per row, Python member names as keys."""
        return [item.model_dump() for item in self]

    def to_dataframe(self) -> Any:
        """A ``pandas.DataFrame`` with one row per item and one column per member (Python names)."""
        try:
            import pandas
        except ImportError as exc:
            raise ImportError("to_dataframe() needs pandas: pip install pandas") from exc
        return pandas.DataFrame.from_records(self.to_records())
