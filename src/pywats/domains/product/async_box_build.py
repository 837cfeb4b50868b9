"""Box-build templates: which child revisions a product revision is assembled from.

⚠️ INTERNAL API: templates are read and written through WATS's internal product endpoints.

A template is edited locally and saved in one go::

    async with await api.product.get_box_build_template("WIDGET-001", "A") as template:
        await template.add_subunit("PCBA-100", "B", quantity=2)
        template.set_quantity("PSU-20", "A", 1)
    # leaving the block without an exception saves the staged changes
"""
# sync-docstring: Box-build templates (sync twin): which child revisions a product revision is assembled from.

from __future__ import annotations

import logging
from types import TracebackType
from typing import Any, Self
from uuid import UUID

from pywats.core.exceptions import NotFoundError, ValidationError
from pywats.domains._args import require_int
from pywats.domains.product.async_repository import AsyncProductRepository
from pywats.domains.product.models import ProductRevisionRelation

__all__ = ["AsyncBoxBuildTemplate", "relation_from_row"]

logger = logging.getLogger("pywats.domains.product")

_Key = tuple[str, str]
# Members of a GetProductInfo row that describe the row, not the relation.
_ROW_ONLY = {"hlevel", "partnumber", "revision"}


def relation_from_row(row: dict[str, Any]) -> ProductRevisionRelation:
    """A box-build line from a ``GetProductInfo`` row (whose ``PartNumber``/``Revision`` are the child's)."""
    folded = {str(key).casefold(): value for key, value in row.items()}
    members = {key: value for key, value in row.items() if str(key).casefold() not in _ROW_ONLY}
    members.setdefault("ChildPartNumber", folded.get("partnumber"))
    members.setdefault("ChildRevision", folded.get("revision"))
    return ProductRevisionRelation.from_wire(members, operation="get_box_build_template")


class AsyncBoxBuildTemplate:
    """The editable box-build template of one revision (from ``api.product.get_box_build_template``).

    Staging methods (``update_subunit``, ``remove_subunit``, ``set_quantity``, ``clear_all``,
    ``discard``) only change this object; ``add_subunit`` also looks the child revision up.
    ``save()`` sends the difference to the server and reloads. Staging methods return the
    template, so calls chain.
    """

    def __init__(
        self,
        repository: AsyncProductRepository,
        part_number: str,
        revision: str,
        rows: list[dict[str, Any]],
    ) -> None:
        self._repository = repository
        self._part_number = part_number
        self._revision = revision
        self._parent_id: UUID | None = None
        self._saved: dict[_Key, ProductRevisionRelation] = {}
        self._lines: dict[_Key, ProductRevisionRelation] = {}
        self._load(rows)

    # -- what the template holds ---------------------------------------------------------------------

    @property
    def parent_part_number(self) -> str:
        """Part number of the box build (the parent)."""
        return self._part_number

    @property
    def parent_revision(self) -> str:
        """Revision of the box build."""
        return self._revision

    @property
    def parent_revision_id(self) -> UUID | None:
        """The server's id of the parent revision."""
        return self._parent_id

    @property
    def subunits(self) -> list[ProductRevisionRelation]:
        """The lines as they will be after ``save()``: staged additions in, staged removals out."""
        return list(self._lines.values())

    @property
    def has_pending_changes(self) -> bool:
        """Whether anything is staged that ``save()`` would send."""
        adds, updates, deletes = self._difference()
        return bool(adds or updates or deletes)

    def validate_subunit(self, part_number: str, revision: str) -> bool:
        """Whether a child of this part number and revision fits a line (revision masks honoured)."""
        return any(line.accepts(part_number, revision) for line in self._lines.values())

    def get_matching_subunits(self, part_number: str) -> list[ProductRevisionRelation]:
        """The lines for children of this part number."""
        return [line for line in self._lines.values() if line.child_part_number == part_number]

    def get_required_parts(self) -> list[dict[str, Any]]:
        """A summary: part number, revision, revision mask, quantity and item number of each line."""
        return [
            {
                "part_number": line.child_part_number,
                "revision": line.child_revision,
                "revision_mask": line.revision_mask,
                "quantity": line.quantity,
                "item_number": line.item_number,
            }
            for line in self._lines.values()
        ]

    # -- staging -------------------------------------------------------------------------------------

    async def add_subunit(
        self,
        part_number: str,
        revision: str,
        quantity: int = 1,
        item_number: str | None = None,
        revision_mask: str | None = None,
    ) -> Self:
        """Stage a new line: ``quantity`` of the child revision. Looks the child up on the server.

        Raises :class:`~pywats.NotFoundError` if the child revision does not exist and
        :class:`~pywats.ValidationError` if it is already a line (use :meth:`update_subunit`).
        """
        key = _key(part_number, revision, "add_subunit")
        require_int("quantity", quantity, operation="add_subunit", minimum=1)
        if key in self._lines:
            raise ValidationError(
                f"{part_number} {revision} is already in the box build of {self._part_number} "
                f"{self._revision}; use update_subunit to change it",
                field="part_number",
                value=part_number,
                operation="add_subunit",
            )
        product = await self._repository.get_product(part_number)
        child = None if product is None else product.get_revision(revision)
        if child is None or child.product_revision_id is None:
            raise NotFoundError(
                resource_type="ProductRevision",
                identifier=f"{part_number}/{revision}",
                operation="add_subunit",
            )
        self._lines[key] = ProductRevisionRelation(
            parent_product_revision_id=self._parent_id,
            child_product_revision_id=child.product_revision_id,
            quantity=quantity,
            item_number=item_number,
            revision_mask=revision_mask,
            child_part_number=part_number,
            child_revision=revision,
        )
        return self

    def update_subunit(
        self,
        part_number: str,
        revision: str,
        quantity: int | None = None,
        item_number: str | None = None,
        revision_mask: str | None = None,
    ) -> Self:
        """Stage changes to a line; arguments left as None keep their value."""
        line = self._line(part_number, revision, "update_subunit")
        if quantity is not None:
            line.quantity = require_int("quantity", quantity, operation="update_subunit", minimum=1)
        if item_number is not None:
            line.item_number = item_number
        if revision_mask is not None:
            line.revision_mask = revision_mask
        return self

    def set_quantity(self, part_number: str, revision: str, quantity: int) -> Self:
        """Stage a new quantity for a line."""
        return self.update_subunit(part_number, revision, quantity=quantity)

    def remove_subunit(self, part_number: str, revision: str) -> Self:
        """Stage the removal of a line."""
        self._line(part_number, revision, "remove_subunit")
        del self._lines[(part_number, revision)]
        return self

    def clear_all(self) -> Self:
        """Stage the removal of every line."""
        self._lines.clear()
        return self

    def discard(self) -> Self:
        """Forget everything staged since the last load or save."""
        self._lines = {key: line.model_copy() for key, line in self._saved.items()}
        return self

    # -- talking to the server -----------------------------------------------------------------------

    async def save(self) -> Self:
        """Send the staged changes (removals, then changes, then additions) and reload the template."""
        adds, updates, deletes = self._difference()
        for line in deletes:
            assert line.relation_id is not None  # loaded lines always have one
            await self._repository.delete_relation(line.relation_id)
        for line in updates:
            await self._repository.put_relation(line)
        for line in adds:
            await self._repository.post_relation(line)
        logger.info(
            "Saved the box build of %s %s: %d added, %d changed, %d removed",
            self._part_number,
            self._revision,
            len(adds),
            len(updates),
            len(deletes),
        )
        return await self.reload()

    async def reload(self) -> Self:
        """Read the template from the server again; staged changes are dropped."""
        rows = await self._repository.get_product_info(self._part_number, self._revision)
        if not rows:
            raise NotFoundError(
                resource_type="ProductRevision",
                identifier=f"{self._part_number}/{self._revision}",
                operation="reload",
            )
        self._load(rows)
        return self

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None and self.has_pending_changes:
            await self.save()

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}({self._part_number!r}, {self._revision!r}, "
            f"lines={len(self._lines)}, pending={self.has_pending_changes})"
        )

    # -- internals -----------------------------------------------------------------------------------

    def _load(self, rows: list[dict[str, Any]]) -> None:
        top = next((row for row in rows if row.get("hlevel") == 0), None)
        if top is not None:
            parent = relation_from_row(top)
            self._parent_id = parent.child_product_revision_id  # row 0 describes the revision itself
        lines = [relation_from_row(row) for row in rows if row.get("hlevel") == 1]
        self._saved = {(line.child_part_number or "", line.child_revision or ""): line for line in lines}
        self.discard()

    def _line(self, part_number: str, revision: str, operation: str) -> ProductRevisionRelation:
        key = _key(part_number, revision, operation)
        line = self._lines.get(key)
        if line is None:
            raise ValidationError(
                f"{part_number} {revision} is not in the box build of {self._part_number} {self._revision}",
                field="part_number",
                value=part_number,
                operation=operation,
            )
        return line

    def _difference(
        self,
    ) -> tuple[list[ProductRevisionRelation], list[ProductRevisionRelation], list[ProductRevisionRelation]]:
        """(additions, changes, removals) between the saved lines and the staged ones."""
        adds: list[ProductRevisionRelation] = []
        updates: list[ProductRevisionRelation] = []
        for key, line in self._lines.items():
            saved = self._saved.get(key)
            if saved is None:
                adds.append(line)
            elif _settings(line) != _settings(saved):
                # A line removed and added again keeps the relation the server knows.
                updates.append(line.model_copy(update={"relation_id": saved.relation_id}))
        deletes = [line for key, line in self._saved.items() if key not in self._lines]
        return adds, updates, deletes


def _settings(line: ProductRevisionRelation) -> tuple[object, ...]:
    return (line.quantity, line.item_number, line.revision_mask)


def _key(part_number: str, revision: str, operation: str) -> _Key:
    for field, value in (("part_number", part_number), ("revision", revision)):
        if not isinstance(value, str) or not value.strip():
            raise ValidationError(
                f"{field} must be a non-empty string, got {value!r}",
                field=field,
                value=value,
                operation=operation,
            )
    return (part_number, revision)
