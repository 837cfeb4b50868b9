"""The account the CLI generates when it is started without ``--user``.

On first start a user ``admin`` with a random password is created and its Basic token
(``base64("admin:<password>")``) is written to ``<data-dir>/token``, readable by the owner only. Later starts
read the account back from that file, so clients configured with the token keep working.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from pywats_server.auth import basic_token, parse_basic_token

TOKEN_FILE_NAME = "token"
GENERATED_USER = "admin"
TOKEN_FILE_MODE = 0o600
PASSWORD_BYTES = 24


class AccountError(Exception):
    """The stored token file cannot be used."""


@dataclass(frozen=True)
class Account:
    """A user name and password, and the Basic token a client sends for them."""

    user: str
    password: str

    @property
    def token(self) -> str:
        """``base64("user:password")``."""
        return basic_token(self.user, self.password)


def token_path(data_dir: Path) -> Path:
    """Where the generated account's token is kept."""
    return data_dir / TOKEN_FILE_NAME


def load_or_create_account(data_dir: Path) -> tuple[Account, bool]:
    """The stored account, or a new one written to the token file; the flag tells whether it was created."""
    path = token_path(data_dir)
    if not path.exists():
        account = Account(GENERATED_USER, secrets.token_urlsafe(PASSWORD_BYTES))
        try:
            _write_private(path, account.token + "\n")
        except FileExistsError:
            pass  # another server on the same directory was faster: use its account
        else:
            return account, True
    return _read_account(path), False


def _write_private(path: Path, text: str) -> None:
    # O_EXCL: never overwrite a token clients may already use. The mode is set at creation, so the secret is
    # never readable by others, not even briefly.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, TOKEN_FILE_MODE)
    os.fchmod(descriptor, TOKEN_FILE_MODE)  # exactly 0600, whatever the umask
    with os.fdopen(descriptor, "w", encoding="ascii") as file:
        file.write(text)


def _read_account(path: Path) -> Account:
    try:
        text = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise AccountError(f"cannot read the token file {path}: {exc}") from exc
    parsed = parse_basic_token(text)
    if parsed is None or not parsed[0]:
        raise AccountError(f"the token file {path} does not hold a Basic token (base64 of 'user:password')")
    return Account(*parsed)
