"""Tables of the Report domain.

``report_document`` keeps each report exactly as stored (WSJF bytes). The other tables index it
for queries and analytics: one ``report`` row per report (the header), plus misc info, sub-units,
assets, attachments, UUR failures, and one row per step and per measurement.

Step paths (``report_step.path``) are the step names below the root joined by ``¶`` (U+00B6),
as WATS writes step paths; the root's own path is empty. Measurement values are doubles;
SQLite stores NaN as NULL.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pywats_server.db import Base

GUID_LENGTH = 36
_REPORT_FK = "report.id"


class ReportRow(Base):
    """The header of one report, keyed by its (lower-case) GUID."""

    __tablename__ = "report"
    __table_args__ = (
        Index("ix_report_type_start", "report_type", "start_utc"),
        Index("ix_report_sn_pn", "serial_number", "part_number"),
    )

    id: Mapped[str] = mapped_column(String(GUID_LENGTH), primary_key=True)
    report_type: Mapped[str] = mapped_column(String(1))
    part_number: Mapped[str] = mapped_column(String)
    serial_number: Mapped[str] = mapped_column(String)
    revision: Mapped[str | None] = mapped_column(String)
    process_code: Mapped[int | None] = mapped_column(Integer)
    process_name: Mapped[str | None] = mapped_column(String)
    result: Mapped[str] = mapped_column(String(1))
    station_name: Mapped[str | None] = mapped_column(String)
    location: Mapped[str | None] = mapped_column(String)
    purpose: Mapped[str | None] = mapped_column(String)
    start: Mapped[str | None] = mapped_column(String)
    start_utc: Mapped[datetime] = mapped_column(DateTime)
    operator: Mapped[str | None] = mapped_column(String)
    comment: Mapped[str | None] = mapped_column(Text)
    batch_number: Mapped[str | None] = mapped_column(String)
    fixture_id: Mapped[str | None] = mapped_column(String)
    test_socket_index: Mapped[int | None] = mapped_column(Integer)
    execution_time: Mapped[float | None] = mapped_column(Float)
    error_code: Mapped[int | None] = mapped_column(Integer)
    error_message: Mapped[str | None] = mapped_column(Text)
    sw_filename: Mapped[str | None] = mapped_column(String)
    sw_version: Mapped[str | None] = mapped_column(String)
    caused_uut_failure: Mapped[str | None] = mapped_column(String)
    caused_uut_failure_path: Mapped[str | None] = mapped_column(Text)
    referenced_uut: Mapped[str | None] = mapped_column(String(GUID_LENGTH), index=True)
    root_node_type: Mapped[str | None] = mapped_column(String)
    origin: Mapped[str | None] = mapped_column(String)
    receive_count: Mapped[int] = mapped_column(Integer, default=1)
    received_utc: Mapped[datetime] = mapped_column(DateTime)
    report_size: Mapped[int] = mapped_column(Integer)
    source_format: Mapped[str] = mapped_column(String(4))
    quarantined: Mapped[bool] = mapped_column(Boolean, default=False)


class ReportDocumentRow(Base):
    """The stored WSJF document of a report."""

    __tablename__ = "report_document"

    report_id: Mapped[str] = mapped_column(ForeignKey(_REPORT_FK, ondelete="CASCADE"), primary_key=True)
    document: Mapped[bytes] = mapped_column(LargeBinary)


class ReportMiscInfoRow(Base):
    """One misc-info pair of a report."""

    __tablename__ = "report_misc_info"

    row_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    report_id: Mapped[str] = mapped_column(ForeignKey(_REPORT_FK, ondelete="CASCADE"), index=True)
    idx: Mapped[int] = mapped_column(Integer)
    description: Mapped[str | None] = mapped_column(String, index=True)
    text: Mapped[str | None] = mapped_column(String)
    numeric: Mapped[int | None] = mapped_column(Integer)


class ReportSubUnitRow(Base):
    """A sub-unit of a UUT, or a unit of a UUR."""

    __tablename__ = "report_sub_unit"

    row_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    report_id: Mapped[str] = mapped_column(ForeignKey(_REPORT_FK, ondelete="CASCADE"), index=True)
    idx: Mapped[int | None] = mapped_column(Integer)
    part_type: Mapped[str | None] = mapped_column(String)
    part_number: Mapped[str | None] = mapped_column(String, index=True)
    serial_number: Mapped[str | None] = mapped_column(String, index=True)
    revision: Mapped[str | None] = mapped_column(String)
    position: Mapped[int | None] = mapped_column(Integer)
    parent_idx: Mapped[int | None] = mapped_column(Integer)
    replaced_idx: Mapped[int | None] = mapped_column(Integer)


class ReportAssetRow(Base):
    """A piece of test equipment used by a report."""

    __tablename__ = "report_asset"

    row_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    report_id: Mapped[str] = mapped_column(ForeignKey(_REPORT_FK, ondelete="CASCADE"), index=True)
    serial_number: Mapped[str | None] = mapped_column(String, index=True)
    usage_count: Mapped[int | None] = mapped_column(Integer)


class ReportAttachmentRow(Base):
    """A file of a report: report level, step level (``step_id``) or UUR failure level (``failure_idx``)."""

    __tablename__ = "report_attachment"

    attachment_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    report_id: Mapped[str] = mapped_column(ForeignKey(_REPORT_FK, ondelete="CASCADE"), index=True)
    step_id: Mapped[int | None] = mapped_column(Integer)
    failure_idx: Mapped[int | None] = mapped_column(Integer)
    file_name: Mapped[str | None] = mapped_column(String)
    mime_type: Mapped[str | None] = mapped_column(String)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class ReportFailureRow(Base):
    """A failure recorded by a repair (UUR) report."""

    __tablename__ = "report_failure"

    row_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    report_id: Mapped[str] = mapped_column(ForeignKey(_REPORT_FK, ondelete="CASCADE"), index=True)
    unit_idx: Mapped[int | None] = mapped_column(Integer)
    idx: Mapped[int] = mapped_column(Integer)
    category: Mapped[str | None] = mapped_column(String)
    code: Mapped[str | None] = mapped_column(String)
    comment: Mapped[str | None] = mapped_column(Text)
    com_ref: Mapped[str | None] = mapped_column(String)
    func_block: Mapped[str | None] = mapped_column(String)
    ref_step_id: Mapped[int | None] = mapped_column(Integer)
    ref_step_name: Mapped[str | None] = mapped_column(String)
    art_number: Mapped[str | None] = mapped_column(String)
    art_rev: Mapped[str | None] = mapped_column(String)
    art_vendor: Mapped[str | None] = mapped_column(String)
    art_description: Mapped[str | None] = mapped_column(Text)


class ReportStepRow(Base):
    """One step of a UUT report's tree (``step_id`` as in the document, 1 = root)."""

    __tablename__ = "report_step"
    __table_args__ = (Index("ix_report_step_report", "report_id", "step_id"),)

    row_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    report_id: Mapped[str] = mapped_column(ForeignKey(_REPORT_FK, ondelete="CASCADE"))
    step_id: Mapped[int] = mapped_column(Integer)
    parent_step_id: Mapped[int | None] = mapped_column(Integer)
    step_index: Mapped[int] = mapped_column(Integer)
    depth: Mapped[int] = mapped_column(Integer)
    path: Mapped[str] = mapped_column(Text, index=True)
    name: Mapped[str | None] = mapped_column(String)
    step_type: Mapped[str | None] = mapped_column(String)
    step_group: Mapped[str | None] = mapped_column(String(1))
    status: Mapped[str | None] = mapped_column(String(1))
    tot_time: Mapped[float | None] = mapped_column(Float)
    error_code: Mapped[int | None] = mapped_column(Integer)
    loop_index: Mapped[int | None] = mapped_column(Integer)
    caused_uut_failure: Mapped[bool | None] = mapped_column(Boolean)


class ReportMeasurementRow(Base):
    """One measurement of a step: ``kind`` N (numeric), B (pass/fail) or S (string)."""

    __tablename__ = "report_measurement"
    __table_args__ = (Index("ix_report_measurement_report", "report_id", "step_id"),)

    row_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    report_id: Mapped[str] = mapped_column(ForeignKey(_REPORT_FK, ondelete="CASCADE"))
    step_id: Mapped[int] = mapped_column(Integer)
    meas_index: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(1))
    name: Mapped[str | None] = mapped_column(String)
    status: Mapped[str | None] = mapped_column(String(1))
    comp_op: Mapped[str | None] = mapped_column(String)
    value: Mapped[float | None] = mapped_column(Float)
    low_limit: Mapped[float | None] = mapped_column(Float)
    high_limit: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String)
    string_value: Mapped[str | None] = mapped_column(Text)
    string_limit: Mapped[str | None] = mapped_column(Text)
