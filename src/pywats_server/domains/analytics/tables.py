"""Tables of the Analytics domain, and the extra indexes its queries need on the Report domain's tables.

Analytics stores no results. It keeps the production levels (``GET /api/App/Levels``), each user's current
unit-flow query (the internal UnitFlow endpoints are stateful) and alarm triggers. The indexes below are added
to the report tables so that yield and measurement queries over many reports stay fast; :func:`ensure_indexes`
also creates them in databases made before they existed.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import JSON, Engine, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from pywats_server.db import Base
from pywats_server.domains.report.tables import ReportRow, ReportStepRow

logger = logging.getLogger(__name__)


class LevelRow(Base):
    """A production level (PCBA, Module, …); products name theirs in a ``Level`` tag."""

    __tablename__ = "analytics_level"

    level_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    level_name: Mapped[str] = mapped_column(String, unique=True)


class UnitFlowStateRow(Base):
    """The current unit-flow query of one user (filter and view settings as wire JSON)."""

    __tablename__ = "analytics_unit_flow_state"

    user_name: Mapped[str] = mapped_column(String, primary_key=True)
    query: Mapped[dict[str, Any]] = mapped_column(JSON)


class AlarmTriggerRow(Base):
    """An alarm trigger: when its condition holds for stored reports, the alarm log shows an entry."""

    __tablename__ = "analytics_alarm_trigger"

    trigger_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)


# Yield, top-failed and measurement queries select UUT reports by part number, process and time.
REPORT_INDEXES = (
    Index(
        "ix_report_analytics",
        ReportRow.report_type,
        ReportRow.part_number,
        ReportRow.process_code,
        ReportRow.start_utc,
    ),
    # Top-failed queries look for failed steps only: a small partial index finds them.
    Index(
        "ix_report_step_failed",
        ReportStepRow.report_id,
        ReportStepRow.step_id,
        sqlite_where=ReportStepRow.status == "F",
        postgresql_where=ReportStepRow.status == "F",
    ),
)


def ensure_indexes(engine: Engine) -> None:
    """Create the analytics indexes an existing database lacks (new databases get them with the tables)."""
    for index in REPORT_INDEXES:
        index.create(engine, checkfirst=True)
    logger.debug("analytics indexes present")
