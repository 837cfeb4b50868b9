"""A small bar chart of uploads (green) and failed uploads (red) per hour, drawn with QPainter."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

__all__ = ["UploadChart", "nice_maximum"]

UPLOAD_COLOR = QColor("#2e9d58")
FAILURE_COLOR = QColor("#d0453a")
AXIS_COLOR = QColor("#8a8a8a")


def nice_maximum(value: int) -> int:
    """The top of the scale: ``value`` rounded up to 1, 2 or 5 × a power of ten (at least 1)."""
    if value <= 1:
        return 1
    scale = 1
    while True:
        for step in (1, 2, 5):
            if step * scale >= value:
                return step * scale
        scale *= 10


class UploadChart(QWidget):
    """Bars per time slot from the management API's ``history`` answer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buckets: list[dict[str, Any]] = []
        self.bucket_s = 3600
        self.setMinimumHeight(160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Uploads and failures per hour")

    def sizeHint(self) -> QSize:
        return QSize(520, 200)

    def set_history(self, history: dict[str, Any]) -> None:
        self.buckets = list(history.get("buckets", []))
        self.bucket_s = int(history.get("bucket_s", 3600))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        metrics = painter.fontMetrics()
        text_h = metrics.height()
        left, right, top, bottom = metrics.horizontalAdvance("0000") + 8, 8, text_h + 6, text_h + 6
        area = QRectF(left, top, max(self.width() - left - right, 10), max(self.height() - top - bottom, 10))
        painter.setPen(self.palette().text().color())
        painter.drawText(QRectF(0, 0, self.width(), text_h), Qt.AlignmentFlag.AlignLeft, "Uploads per hour")
        self._legend(painter, text_h)
        if not self.buckets:
            painter.setPen(AXIS_COLOR)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, "No data: the service is not running")
            return
        top_value = nice_maximum(max(max(b["uploaded"], b["failed"]) for b in self.buckets))
        painter.setPen(AXIS_COLOR)
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        painter.drawText(
            QRectF(0, area.top() - text_h / 2, left - 4, text_h), Qt.AlignmentFlag.AlignRight, str(top_value)
        )
        painter.drawText(
            QRectF(0, area.bottom() - text_h / 2, left - 4, text_h), Qt.AlignmentFlag.AlignRight, "0"
        )
        slot = area.width() / len(self.buckets)
        bar = max(slot * 0.35, 1.0)
        label_every = max(
            1, int(len(self.buckets) / max(area.width() / (metrics.horizontalAdvance("00:00") + 6), 1)) + 1
        )
        for index, bucket in enumerate(self.buckets):
            x = area.left() + index * slot + slot / 2
            for offset, value, color in (
                (-bar, bucket["uploaded"], UPLOAD_COLOR),
                (0.0, bucket["failed"], FAILURE_COLOR),
            ):
                height = area.height() * value / top_value
                if height > 0:
                    painter.fillRect(QRectF(x + offset, area.bottom() - height, bar, height), color)
            if index % label_every == 0 or index == len(self.buckets) - 1:
                label = datetime.fromtimestamp(bucket["start"]).strftime("%H:%M")
                painter.setPen(AXIS_COLOR)
                painter.drawText(
                    QRectF(x - slot, area.bottom() + 2, 2 * slot, text_h),
                    Qt.AlignmentFlag.AlignHCenter,
                    label,
                )

    def _legend(self, painter: QPainter, text_h: int) -> None:
        metrics = painter.fontMetrics()
        x = float(self.width() - 8)
        for name, color in (("failed", FAILURE_COLOR), ("uploaded", UPLOAD_COLOR)):
            width = metrics.horizontalAdvance(name)
            x -= width
            painter.setPen(self.palette().text().color())
            painter.drawText(QRectF(x, 0, width, text_h), Qt.AlignmentFlag.AlignLeft, name)
            x -= text_h * 0.7 + 4
            painter.fillRect(QRectF(x, text_h * 0.2, text_h * 0.7, text_h * 0.6), color)
            x -= 12
