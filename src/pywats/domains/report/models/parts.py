"""Small objects of a report: misc info, sub-units, assets, attachments, additional data, charts, loops."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from pywats.core.exceptions import ValidationError
from pywats.domains.report.models._wire import Int, Text, WireList, WireObject

__all__ = [
    "AdditionalData",
    "Asset",
    "Attachment",
    "BinaryData",
    "Chart",
    "ChartSeries",
    "LoopInfo",
    "MiscInfo",
    "SeqCallInfo",
    "SubUnit",
]

DEFAULT_CONTENT_TYPE = "application/octet-stream"


class MiscInfo(WireObject):
    """A searchable key/value pair about the unit: ``description`` is the key, ``text`` the value.

    ``numeric`` is the legacy 16-bit numeric value; it round-trips but prefer ``text``.
    """

    __slots__ = ()
    description = Text("description")
    text = Text("text")
    numeric = Int("numeric")
    id = Text("id")
    typedef = Text("typedef")


class SubUnit(WireObject):
    """A component of the tested unit (UUT), or a unit involved in a repair (UUR, see UURSubUnit)."""

    __slots__ = ()
    part_type = Text("partType")
    pn = Text("pn")
    rev = Text("rev")
    sn = Text("sn")
    idx = Int("idx")
    position = Int("position")
    parent_idx = Int("parentIdx")
    replaced_idx = Int("replacedIdx")


class Asset(WireObject):
    """Test equipment used in the run. Reads the pyWATS spelling ``sn`` too; writes ``assetSN``."""

    __slots__ = ()
    asset_sn = Text("assetSN", also=("sn",))
    usage_count = Int("usageCount")
    usage_count_format = Text("usageCountFormat")


class _Blob(WireObject):
    __slots__ = ()
    name = Text("name")
    content_type = Text("contentType")
    data = Text("data")

    @classmethod
    def from_bytes(cls, name: str, content: bytes, content_type: str = DEFAULT_CONTENT_TYPE) -> Any:
        """A file attachment holding ``content`` (stored Base64-encoded)."""
        if not isinstance(content, bytes | bytearray | memoryview):
            raise ValidationError("content must be bytes", field="data", value=type(content).__name__)
        return cls(
            name=name, content_type=content_type, data=base64.b64encode(bytes(content)).decode("ascii")
        )

    @property
    def content(self) -> bytes:
        """The decoded file content."""
        try:
            return base64.b64decode(self.data or "", validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ValidationError(f"{self.name}: data is not valid Base64", field="data") from exc

    @property
    def size(self) -> int:
        """Size of the decoded content in bytes."""
        return len(self.content)


class BinaryData(_Blob):
    """A report-level file attachment (``binaryData[]``)."""

    __slots__ = ()


class Attachment(_Blob):
    """A file attached to one step (``attachment``) or to a UUR failure (``attachments[]``)."""

    __slots__ = ()


class AdditionalData(WireObject):
    """A TestStand-style property tree (``additionalData[]``, step ``additionalResults[]``).

    ``props`` is kept as the wire list of property objects (``name``, ``type``, ``value``,
    ``props``, ``array``…).
    """

    __slots__ = ()
    name = Text("name")
    _STRUCTURE = frozenset({"props"})

    @property
    def props(self) -> list[dict[str, Any]]:
        """The top-level properties, as wire objects."""
        props = self._d.get("props")
        if props is None:
            props = self._d["props"] = []
        return props


class SeqCallInfo(WireObject):
    """What a sequence-call step called: the sequence ``name``, its file ``path`` and ``version``."""

    __slots__ = ()
    path = Text("path")
    name = Text("name")
    version = Text("version")


class LoopInfo(WireObject):
    """Loop marker: a summary (``num``, ``passed``, ``failed``, ``ending_index``) or an iteration (``idx``).

    The pyWATS spelling ``i``/``n`` is read too.
    """

    __slots__ = ()
    idx = Int("idx", also=("i",))
    num = Int("num", also=("n",))
    ending_index = Int("endingIndex")
    passed = Int("passed")
    failed = Int("failed")

    @property
    def is_summary(self) -> bool:
        """True for the loop's summary step, False for an iteration."""
        return self.idx is None


class ChartSeries(WireObject):
    """One line of a chart: ``ydata`` (and optional ``xdata``) as ``;``-separated numbers."""

    __slots__ = ()
    data_type = Text("dataType")
    name = Text("name")
    xdata = Text("xdata")
    ydata = Text("ydata")

    @property
    def x_values(self) -> list[float]:
        """The X values (0, 1, 2… when ``xdata`` is empty)."""
        if not self.xdata:
            return [float(i) for i in range(len(self.y_values))]
        return _numbers(self.xdata, "xdata")

    @property
    def y_values(self) -> list[float]:
        """The Y values."""
        return _numbers(self.ydata or "", "ydata")


def _numbers(text: str, key: str) -> list[float]:
    if not text:
        return []
    try:
        return [float(token) for token in text.split(";")]
    except ValueError as exc:
        raise ValidationError(f"{key} holds something that is not a number", field=key, value=text) from exc


def format_series(values: Any, key: str) -> str:
    """Numbers as the chart wire text: ``;``-separated, shortest exact form."""
    parts = []
    for value in values:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValidationError(f"{key} must hold numbers, got {value!r}", field=key, value=value)
        parts.append(repr(float(value)) if isinstance(value, float) else str(value))
    return ";".join(parts)


class Chart(WireObject):
    """A chart on a step: axis labels and units, and its series."""

    __slots__ = ()
    chart_type = Text("chartType")
    label = Text("label")
    x_label = Text("xLabel")
    x_unit = Text("xUnit")
    y_label = Text("yLabel")
    y_unit = Text("yUnit")
    _STRUCTURE = frozenset({"series"})

    @property
    def series(self) -> WireList[ChartSeries]:
        """The data series."""
        return WireList(self._d, "series", ChartSeries.wrap)

    def add_series(
        self, name: str, y_data: Any, x_data: Any = None, *, data_type: str = "XYG"
    ) -> ChartSeries:
        """Add a series; ``y_data``/``x_data`` are sequences of numbers (or ready ``;``-text)."""
        ydata = y_data if isinstance(y_data, str) else format_series(y_data, "ydata")
        xdata = x_data if x_data is None or isinstance(x_data, str) else format_series(x_data, "xdata")
        series = ChartSeries(data_type=data_type, name=name, xdata=xdata, ydata=ydata)
        self.series.append(series)
        return series
