"""The **Setup** tab: server URL, API token, station name, location, purpose; Save; Test Connection."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pywats.core.exceptions import ValidationError
from pywats_client.config import ConfigError, LoadedConfig, save_config, validate_config
from pywats_client.gui.link import ServiceLink
from pywats_client.gui.tasks import run_task
from pywats_client.gui.words import FIELD_LABELS, explain

__all__ = ["SetupView", "check_connection"]

logger = logging.getLogger("pywats_client.gui")

TEST_TIMEOUT_S = 15.0
_OK = "color: #1b7f3b;"
_BAD = "color: #b3261e;"


def check_connection(url: str, token: str, timeout_s: float = TEST_TIMEOUT_S) -> str:
    """The server's version (blocking; runs on a pool thread). Raises the library's typed errors."""
    from pywats import pyWATS

    with pyWATS(base_url=url, token=token, timeout=timeout_s) as api:
        return api.get_version()


class SetupView(QWidget):
    """Edits the five keys of the guide's first-time setup; other keys of the file are kept."""

    def __init__(self, link: ServiceLink, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.link = link
        self.url = QLineEdit(placeholderText="https://your-wats-server.com")
        self.token = QLineEdit(placeholderText="Base64 of user:password")
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.show_token = QToolButton()
        self.show_token.setText("Show")
        self.show_token.setCheckable(True)
        self.show_token.setToolTip("Show or hide the API token")
        self.show_token.toggled.connect(self._toggle_token)
        self.station = QLineEdit(placeholderText="YOUR-STATION-01 (default: this computer's name)")
        self.location = QLineEdit()
        self.purpose = QLineEdit()
        self.fields = {
            "service_address": self.url,
            "api_token": self.token,
            "station_name": self.station,
            "location": self.location,
            "purpose": self.purpose,
        }
        for key, edit in self.fields.items():
            edit.setObjectName(key)
            edit.setAccessibleName(FIELD_LABELS[key])

        token_row = QHBoxLayout()
        token_row.setContentsMargins(0, 0, 0, 0)
        token_row.addWidget(self.token)
        token_row.addWidget(self.show_token)
        form = QFormLayout()
        form.addRow("Server URL:", self.url)
        form.addRow("API Token:", token_row)
        form.addRow("Station Name:", self.station)
        form.addRow("Location:", self.location)
        form.addRow("Purpose:", self.purpose)

        self.save_button = QPushButton("Save")
        self.save_button.clicked.connect(self.save)
        self.test_button = QPushButton("Test Connection")
        self.test_button.clicked.connect(self.test_connection)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.test_button)
        buttons.addStretch(1)

        self.message = QLabel(wordWrap=True)
        self.message.setObjectName("setup_message")
        self.file_label = QLabel(wordWrap=True)
        self.file_label.setStyleSheet("color: palette(dark);")

        layout = QVBoxLayout(self)
        intro = QLabel(
            "Connect this station to your WATS server. Save writes the configuration file the service reads."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.file_label)
        link.config_changed.connect(self.load)

    # -- showing ----------------------------------------------------------------------------------------

    def load(self, loaded: LoadedConfig | None) -> None:
        """Fill the form from the configuration file (called when it was loaded or reloaded)."""
        self.file_label.setText(f"Configuration file: {self.link.paths.config_file}")
        if loaded is None:
            self._say(self.link.config_problem, ok=False)
            return
        raw = loaded.raw
        defaults = loaded.config.model_dump()
        for key, edit in self.fields.items():
            value = raw.get(key, defaults[key])
            edit.setText("" if value is None else str(value))
        if loaded.env_keys:
            self._say(
                "Set by environment variables (they win over the file): " + ", ".join(loaded.env_keys),
                ok=True,
            )
        else:
            self.message.clear()

    def _toggle_token(self, shown: bool) -> None:
        self.token.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        self.show_token.setText("Hide" if shown else "Show")

    def _say(self, text: str, *, ok: bool) -> None:
        self.message.setStyleSheet(_OK if ok else _BAD)
        self.message.setText(text)

    def values(self) -> dict[str, str]:
        return {key: edit.text().strip() for key, edit in self.fields.items()}

    # -- Save -------------------------------------------------------------------------------------------

    def _check(self, values: dict[str, str]) -> dict[str, Any]:
        """The configuration to write, validated; raises ValidationError naming the field."""
        for key in ("service_address", "api_token"):
            if not values[key]:
                raise ValidationError(f"{FIELD_LABELS[key]} is required", field=key, operation="save setup")
        raw = dict(self.link.loaded.raw) if self.link.loaded is not None else {}
        raw.update(values)
        config = validate_config(raw, "Setup")
        raw["service_address"] = config.service_address  # as validated: no trailing slash
        return raw

    def save(self) -> bool:
        """Validate and write the configuration; ask a running service to reload it. True if saved."""
        try:
            raw = self._check(self.values())
            save_config(self.link.paths, raw)
        except (ValidationError, ConfigError) as exc:
            field = str(exc.details.get("field") or "")
            self._say(_setup_words(exc), ok=False)
            edit = self.fields.get(field.split(".")[0])
            if edit is not None:
                edit.setFocus()
            return False
        except OSError as exc:
            self._say(f"Could not write {self.link.paths.config_file}: {explain(exc)}", ok=False)
            return False
        logger.info("Setup saved to %s", self.link.paths.config_file)
        self.link.reload_config()
        where = f"Saved to {self.link.paths.config_file}."
        if self.link.connected:
            self._say(where + " Asking the service to reload it…", ok=True)
            self.link.call(
                self,
                lambda client: client.reload(),
                lambda _: self._say(where + " The service reloaded it.", ok=True),
                lambda exc: self._say(where + f" The service did not reload it: {explain(exc)}", ok=False),
            )
        else:
            self._say(where + " The service reads it when it starts.", ok=True)
        return True

    # -- Test Connection --------------------------------------------------------------------------------

    def test_connection(self) -> None:
        """Ask the server for its version with the values in the form (off the UI thread)."""
        values = self.values()
        url, token = values["service_address"].rstrip("/"), values["api_token"]
        if not url or not token:
            self._say("Enter the Server URL and the API Token first.", ok=False)
            return
        if not url.lower().startswith(("http://", "https://")):
            self._say("Server URL must start with http:// or https://", ok=False)
            return
        self.test_button.setEnabled(False)
        self._say(f"Connecting to {url}…", ok=True)
        run_task(self, lambda: check_connection(url, token), self._tested_ok(url), self._tested_bad(url))

    def _tested_ok(self, url: str) -> Any:
        def done(version: str) -> None:
            self.test_button.setEnabled(True)
            self._say(f"Connected to {url}: server version {version or 'unknown'}.", ok=True)

        return done

    def _tested_bad(self, url: str) -> Any:
        def failed(exc: Exception) -> None:
            self.test_button.setEnabled(True)
            self._say(explain(exc, url), ok=False)

        return failed


def _setup_words(exc: ValidationError) -> str:
    """A config error with the form's field names instead of the file's keys."""
    text = exc.message.removeprefix("Setup: ")
    for key, label in FIELD_LABELS.items():
        if text.startswith(key + ":"):
            return label + text[len(key) :]
    return text
