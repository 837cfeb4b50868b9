"""The **Converters** tab: switch converters on and off, set priority, watched folder and settings.

The list comes from the configuration (built-in, installed and configured converters, as the
service builds them); each converter's settings form is generated from its parameter
declarations. Save writes the configuration file and asks a running service to reload it.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pywats.core.exceptions import ValidationError
from pywats_client.config import LoadedConfig, save_config
from pywats_client.converters.parameters import Parameter, resolve_parameters
from pywats_client.converters.registry import ConverterInfo, ConverterSet, load_converter_class
from pywats_client.gui.link import ServiceLink
from pywats_client.gui.views.param_form import ParameterForm
from pywats_client.gui.words import explain

__all__ = ["ConvertersView", "declared_parameters", "own_folder", "with_converter_settings"]

logger = logging.getLogger("pywats_client.gui")


def declared_parameters(info: ConverterInfo) -> list[Parameter]:
    """The converter's parameter declarations (also when its current settings are rejected)."""
    cls: Any = type(info.converter) if info.converter is not None else None
    if cls is None and info.import_path:
        try:
            cls = load_converter_class(info.import_path)
        except Exception:  # cannot be imported: there is no form to show
            return []
    return [p for p in getattr(cls, "parameters", ()) if isinstance(p, Parameter)]


def own_folder(raw: dict[str, Any], name: str) -> str:
    """The path of the folder watched for this converter alone (``"converters": [name]``), or ``""``."""
    for folder in raw.get("folders") or []:
        if isinstance(folder, dict) and folder.get("converters") == [name]:
            return str(folder.get("path", ""))
    return ""


def with_converter_settings(
    raw: dict[str, Any],
    name: str,
    *,
    enabled: bool,
    priority: int | None,
    options: dict[str, Any],
    folder: str,
) -> dict[str, Any]:
    """A copy of the configuration with one converter's settings and own watched folder changed.

    ``priority`` None means the converter's own default; an empty ``folder`` removes the
    converter's own folder (folders shared with other converters are never touched).
    """
    updated = dict(raw)
    converters = {k: dict(v) for k, v in (raw.get("converters") or {}).items()}
    setting = converters.get(name, {})
    setting["enabled"] = enabled
    if priority is None:
        setting.pop("priority", None)
    else:
        setting["priority"] = priority
    if options:
        setting["options"] = options
    else:
        setting.pop("options", None)
    converters[name] = setting
    updated["converters"] = converters
    folders = [dict(f) for f in raw.get("folders") or []]
    mine = next((f for f in folders if f.get("converters") == [name]), None)
    if mine is not None and not folder:
        folders.remove(mine)
    elif mine is not None:
        mine["path"] = folder
    elif folder:
        folders.append({"path": folder, "converters": [name]})
    updated["folders"] = folders
    return updated


def _status(info: ConverterInfo) -> str:
    if info.error:
        return "error"
    if info.warning:
        return "needs settings"
    return "ready" if info.enabled else "off"


class ConvertersView(QWidget):
    """A list of converters on the left, the chosen one's settings on the right."""

    def __init__(self, link: ServiceLink, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.link = link
        self.infos: list[ConverterInfo] = []
        self.form: ParameterForm | None = None
        self.current: ConverterInfo | None = None

        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Converter", "On", "Priority", "Status"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selected)

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.about = QLabel(wordWrap=True)
        self.problem = QLabel(wordWrap=True)
        self.problem.setStyleSheet("color: #b3261e;")
        self.enabled = QCheckBox("Enabled")
        self.priority = QSpinBox(minimum=1, maximum=10)
        self.priority.setToolTip("1 is tried first and uploaded first; 10 last")
        self.folder = QLineEdit(placeholderText="(none: only the shared watched folders)")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.shared = QLabel(wordWrap=True)
        self.shared.setStyleSheet("color: palette(dark); font-size: 8pt;")
        basics = QFormLayout()
        basics.addRow("", self.enabled)
        basics.addRow("Priority:", self.priority)
        basics.addRow("Watched folder:", folder_row)
        basics.addRow("", self.shared)
        self.settings_box = QGroupBox("Settings")
        self.settings_layout = QVBoxLayout(self.settings_box)
        self.save_button = QPushButton("Save")
        self.save_button.clicked.connect(self.save)
        self.message = QLabel(wordWrap=True)

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        for widget in (self.title, self.about, self.problem):
            detail_layout.addWidget(widget)
        detail_layout.addLayout(basics)
        detail_layout.addWidget(self.settings_box)
        detail_layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignLeft)
        detail_layout.addWidget(self.message)
        detail_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(detail)

        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([340, 620])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        link.config_changed.connect(self.load)

    # -- showing ----------------------------------------------------------------------------------------

    def load(self, loaded: LoadedConfig | None) -> None:
        """Build the converters as the service would from this configuration, and list them."""
        keep = self.current.name if self.current is not None else None
        self.infos = ConverterSet.from_config(loaded.config).infos if loaded is not None else []
        self.table.setRowCount(len(self.infos))
        for row, info in enumerate(self.infos):
            cells = [info.name, "yes" if info.enabled else "no", str(info.priority), _status(info)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(info.error or info.warning or info.description)
                self.table.setItem(row, column, item)
        names = [i.name for i in self.infos]
        if names:
            self.select(keep if keep in names else names[0])

    def select(self, name: str) -> None:
        """Show one converter's settings."""
        row = next(i for i, info in enumerate(self.infos) if info.name == name)
        self.table.selectRow(row)  # shows it through _selected, unless it was selected already
        if self.current is not self.infos[row]:
            self._show(self.infos[row])

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows and rows[0].row() < len(self.infos):
            info = self.infos[rows[0].row()]
            if info is not self.current:
                self._show(info)

    def _show(self, info: ConverterInfo) -> None:
        self.current = info
        raw = self.link.loaded.raw if self.link.loaded is not None else {}
        self.title.setText(info.name)
        patterns = ", ".join(info.patterns) or "any file"
        self.about.setText(
            f"{info.description or info.import_path}\nFiles: {patterns} · Source: {info.source}"
        )
        self.problem.setText(info.error or info.warning or "")
        self.enabled.setChecked(info.enabled)
        self.priority.setValue(info.priority)
        self.folder.setText(own_folder(raw, info.name))
        shared = [
            str(f.get("path"))
            for f in raw.get("folders") or []
            if isinstance(f, dict)
            and (f.get("converters") is None or (info.name in f["converters"] and len(f["converters"]) > 1))
        ]
        self.shared.setText(("Also offered files from: " + ", ".join(shared)) if shared else "")
        if self.form is not None:
            self.form.setParent(None)
            self.form.deleteLater()
        options = dict((raw.get("converters") or {}).get(info.name, {}).get("options") or {})
        self.form = ParameterForm(declared_parameters(info), options)
        self.settings_layout.addWidget(self.form)
        self.message.clear()

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Watched folder", self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    # -- Save -------------------------------------------------------------------------------------------

    def save(self) -> bool:
        """Write the shown converter's settings to the configuration; True if saved."""
        info, loaded = self.current, self.link.loaded
        if info is None or self.form is None or loaded is None:
            return False
        try:
            options = self.form.options()
            resolve_parameters(
                self.form.parameters, options, owner=f"converter {info.name!r}", check_required=False
            )
            default = _class_priority(info)
            chosen = self.priority.value()
            raw = with_converter_settings(
                loaded.raw,
                info.name,
                enabled=self.enabled.isChecked(),
                priority=None if chosen == default else chosen,
                options=options,
                folder=self.folder.text().strip(),
            )
            save_config(self.link.paths, raw)
        except (ValidationError, OSError) as exc:
            self._say(explain(exc), ok=False)
            return False
        logger.info("Converter %s saved to %s", info.name, self.link.paths.config_file)
        self.link.reload_config()
        if self.link.connected:
            self.link.call(
                self,
                lambda client: client.reload(),
                lambda _: self._say(f"Saved {info.name}; the service reloaded its configuration.", ok=True),
                lambda exc: self._say(
                    f"Saved {info.name}, but the service did not reload: {explain(exc)}", ok=False
                ),
            )
        else:
            self._say(f"Saved {info.name}; the service uses it when it starts.", ok=True)
        return True

    def _say(self, text: str, *, ok: bool) -> None:
        self.message.setStyleSheet("color: #1b7f3b;" if ok else "color: #b3261e;")
        self.message.setText(text)


def _class_priority(info: ConverterInfo) -> int | None:
    converter = info.converter
    return min(max(int(converter.priority), 1), 10) if converter is not None else None
