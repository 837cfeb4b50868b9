"""A form generated from a converter's parameter declarations (name, kind, default, description).

Text, numbers and time zones are line edits whose placeholder shows the default (left empty,
the default applies); booleans are check boxes, choices are drop-downs, lists and mappings are
JSON. :meth:`ParameterForm.options` turns the form back into the converter's ``options``,
typed and checked by the declarations themselves, so a bad value is reported with the
setting's name before anything is written.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from pywats_client.converters.parameters import Parameter, ParameterKind

__all__ = ["ParameterForm"]

_JSON_KINDS = (ParameterKind.LIST, ParameterKind.MAPPING)
_PICKED_KINDS = (ParameterKind.BOOLEAN, ParameterKind.CHOICE)


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


class ParameterForm(QWidget):
    """One row per declared parameter; ``widgets`` maps each name to its editor."""

    def __init__(
        self, parameters: Iterable[Parameter], values: Mapping[str, Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.parameters = list(parameters)
        self.widgets: dict[str, QWidget] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for param in self.parameters:
            widget = self._editor(param, values.get(param.name))
            widget.setObjectName(f"param_{param.name}")
            widget.setToolTip(param.description)
            self.widgets[param.name] = widget
            label = param.describe()["label"] + (" *" if param.required else "") + ":"
            form.addRow(label, self._with_note(widget, param.description))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if not self.parameters:
            layout.addWidget(QLabel("This converter has no settings."))
        layout.addLayout(form)

    @staticmethod
    def _with_note(widget: QWidget, description: str) -> QWidget:
        """The editor with its description in small print underneath."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        column.addWidget(widget)
        note = QLabel(description)
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(dark); font-size: 8pt;")
        column.addWidget(note)
        return box

    @staticmethod
    def _editor(param: Parameter, value: Any) -> QWidget:
        default = None if param.required else param.default
        if param.kind is ParameterKind.BOOLEAN:
            box = QCheckBox()
            box.setChecked(bool(default if value is None else param.coerce(value)))
            return box
        if param.kind is ParameterKind.CHOICE:
            combo = QComboBox()
            combo.addItems(list(param.choices))
            chosen = value if value is not None else default
            if chosen is not None:
                combo.setCurrentText(str(chosen))
            return combo
        if param.kind in _JSON_KINDS:
            text = QPlainTextEdit(_shown(value))
            text.setPlaceholderText(_shown(default) or ("[]" if param.kind is ParameterKind.LIST else "{}"))
            text.setFixedHeight(text.fontMetrics().lineSpacing() * 3 + 12)
            return text
        edit = QLineEdit(_shown(value))
        if param.required:
            edit.setPlaceholderText("required")
        elif default is not None:
            edit.setPlaceholderText(f"default: {_shown(default)}")
        return edit

    def _text(self, name: str) -> str:
        widget = self.widgets[name]
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText().strip()
        assert isinstance(widget, QLineEdit)
        return widget.text().strip()

    def options(self) -> dict[str, Any]:
        """The configured values (defaults left out), typed; raises ValidationError naming the setting."""
        options: dict[str, Any] = {}
        for param in self.parameters:
            widget = self.widgets[param.name]
            if param.kind in _PICKED_KINDS:
                if isinstance(widget, QCheckBox):
                    value: Any = widget.isChecked()
                else:
                    assert isinstance(widget, QComboBox)
                    value = widget.currentText()
                if value != param.default:
                    options[param.name] = param.coerce(value)
                continue
            text = self._text(param.name)
            if text:
                options[param.name] = param.coerce(text)
        return options

    def set_text(self, name: str, text: str) -> None:
        """Type ``text`` into a setting's editor (for line and JSON editors)."""
        widget = self.widgets[name]
        if isinstance(widget, QPlainTextEdit):
            widget.setPlainText(text)
        elif isinstance(widget, QLineEdit):
            widget.setText(text)
        elif isinstance(widget, QComboBox):
            widget.setCurrentText(text)
        elif isinstance(widget, QCheckBox):
            widget.setChecked(text.lower() in ("true", "yes", "1", "on"))
