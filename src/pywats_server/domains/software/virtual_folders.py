"""The virtual folders this server offers: well-known install locations on a station.

WATS lets an administrator register them in Production Manager; the API only lists them. This
server has a fixed set with stable ids, which package folders can name as their install target.
"""

from __future__ import annotations

import uuid

from pywats_server.domains.software.schemas import VirtualFolder

__all__ = ["VIRTUAL_FOLDERS", "find_virtual_folder"]

_NAMESPACE = uuid.UUID("5b7d8f2e-3c41-4a8e-9d56-0f3a1c2e7b90")


def _folder(name: str, path: str, description: str) -> VirtualFolder:
    return VirtualFolder(
        folder_id=uuid.uuid5(_NAMESPACE, name), name=name, path=path, description=description
    )


VIRTUAL_FOLDERS: tuple[VirtualFolder, ...] = (
    _folder("Program Files", "%ProgramFiles%", "Installed programs"),
    _folder("Program Data", "%ProgramData%", "Data shared by every user"),
    _folder("Public Documents", "%PUBLIC%\\Documents", "Documents shared by every user"),
    _folder(
        "TestStand Public",
        "%PUBLIC%\\Documents\\National Instruments\\TestStand",
        "TestStand's public directory (sequences, code modules)",
    ),
    _folder("Temp", "%TEMP%", "Temporary files of the station user"),
)


def find_virtual_folder(folder_id: uuid.UUID) -> VirtualFolder | None:
    """The virtual folder with this id, if any."""
    return next((folder for folder in VIRTUAL_FOLDERS if folder.folder_id == folder_id), None)
