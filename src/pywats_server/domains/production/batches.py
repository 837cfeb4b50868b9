"""Production batches: numbered lots of units (``GET /api/Production/Batches``, ``PUT …/Batch(es)``)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from pywats_server.db import Database
from pywats_server.domains.production.schemas import ProductionBatch
from pywats_server.domains.production.tables import BatchRow, UnitRow


class BatchBackend:
    """Batches of one server."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get_batches(self, part_number: str | None, batch_number: str | None) -> list[ProductionBatch]:
        """Batches by number; with ``part_number``, only batches holding units of that product."""

        def work(session: Session) -> list[ProductionBatch]:
            statement = select(BatchRow).order_by(BatchRow.batch_number)
            if batch_number is not None:
                statement = statement.where(BatchRow.batch_number == batch_number)
            if part_number is not None:
                holding = select(UnitRow.batch_number).where(UnitRow.part_number == part_number)
                statement = statement.where(BatchRow.batch_number.in_(holding))
            return [_to_wire(row) for row in session.scalars(statement)]

        return self.db.read(work)

    def put_batches(self, batches: Sequence[ProductionBatch]) -> list[ProductionBatch]:
        """Create or update batches (keyed by number) in one transaction."""

        def work(session: Session) -> list[ProductionBatch]:
            rows = []
            for batch in batches:
                row = session.get(BatchRow, batch.batch_number)
                if row is None:
                    row = BatchRow(batch_number=batch.batch_number, extra={})
                    session.add(row)
                if "batch_size" in batch.model_fields_set:
                    row.batch_size = batch.batch_size
                row.extra = {**row.extra, **(batch.model_extra or {})}
                session.flush()
                rows.append(row)
            return [_to_wire(row) for row in rows]

        return self.db.write(work)


def _to_wire(row: BatchRow) -> ProductionBatch:
    return ProductionBatch.model_validate(
        {**row.extra, "batchNumber": row.batch_number, "batchSize": row.batch_size}
    )
