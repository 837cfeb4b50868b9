"""Unit verification: how a unit did in each process, computed from the test (UUT) and repair (UUR) reports
stored for it, and a grade over its route.

Per process: runs (``totalCount``), runs not passed, repairs of failed runs, and the last run's status,
start and station. The grade:

* ``A`` — every process passed at its first run, in process order, with no repairs;
* ``B`` — every process passed at its last run, no repairs;
* ``C`` — every process passed at its last run after repairs;
* ``F`` — some process's last run did not pass;
* ``-`` — no test report at all.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pywats_server.db import Database
from pywats_server.domains.process.backend import ProcessBackend
from pywats_server.domains.process.tables import ProcessRow
from pywats_server.domains.production.schemas import UnitVerification, UnitVerificationGrade
from pywats_server.domains.production.units import as_utc, find_unit
from pywats_server.domains.report.tables import ReportRow
from pywats_server.errors import NotFound

STATUS_WORDS = {"P": "Passed", "F": "Failed", "E": "Error", "T": "Terminated", "D": "Done", "S": "Skipped"}
PASSED = {"P", "D"}


def _word(letter: str) -> str:
    return STATUS_WORDS.get(letter, letter)


class VerificationBackend:
    """Grades units from their reports."""

    def __init__(self, db: Database, processes: ProcessBackend) -> None:
        self.db = db
        self.processes = processes

    def verify(self, serial_number: str, part_number: str, revision: str | None) -> UnitVerificationGrade:
        """The unit's grade; :class:`NotFound` if there is neither such a unit nor a report of it."""
        self.processes.ensure_defaults()

        def work(session: Session) -> UnitVerificationGrade:
            statement = select(ReportRow).where(
                ReportRow.serial_number == serial_number,
                ReportRow.part_number == part_number,
                ReportRow.quarantined.is_(False),
            )
            if revision is not None:
                statement = statement.where(ReportRow.revision == revision)
            reports = list(session.scalars(statement.order_by(ReportRow.start_utc)))
            if not reports and find_unit(session, serial_number, part_number) is None:
                raise NotFound(f"Unit '{serial_number}' of product '{part_number}' not found")
            processes = {row.code: row for row in session.scalars(select(ProcessRow))}
            return grade(reports, processes)

        return self.db.read(work)


def grade(reports: list[ReportRow], processes: dict[int, Any]) -> UnitVerificationGrade:
    """The grade of one unit from its reports (oldest first) and the process list by code."""
    tests = [report for report in reports if report.report_type == "T"]
    repairs = [report for report in reports if report.report_type == "R"]
    runs: dict[int, list[ReportRow]] = defaultdict(list)
    for report in tests:
        runs[report.process_code if report.process_code is not None else -1].append(report)
    repaired = {report.referenced_uut for report in repairs if report.referenced_uut}

    def index(code: int) -> int:
        process = processes.get(code)
        return process.process_index if process is not None else code

    results = []
    for code in sorted(runs, key=index):
        done, last = runs[code], runs[code][-1]
        process = processes.get(code)
        results.append(
            UnitVerification(
                process_code=code,
                process_name=process.name if process is not None else last.process_name,
                process_index=index(code),
                status=_word(last.result),
                start_utc=as_utc(last.start_utc),
                station_name=last.station_name,
                total_count=len(done),
                non_passed_count=sum(1 for run in done if run.result not in PASSED),
                repair_count=sum(1 for run in done if run.id in repaired),
            )
        )
    first_order = [
        index(code)
        for code in dict.fromkeys(r.process_code if r.process_code is not None else -1 for r in tests)
    ]
    passed_first = bool(runs) and all(done[0].result in PASSED for done in runs.values())
    passed_any = bool(runs) and all(any(run.result in PASSED for run in done) for done in runs.values())
    passed_last = bool(runs) and all(done[-1].result in PASSED for done in runs.values())
    in_order = first_order == sorted(first_order)
    no_repairs = not repairs
    if not runs:
        status, letter = "Unknown", "-"
    elif not passed_last:
        status, letter = "Failed", "F"
    else:
        status = "Passed"
        letter = "A" if passed_first and in_order and no_repairs else "B" if no_repairs else "C"
    return UnitVerificationGrade(
        status=status,
        grade=letter,
        all_processes_executed_in_correct_order=in_order,
        all_processes_passed_first_run=passed_first,
        all_processes_passed_any_run=passed_any,
        all_processes_passed_last_run=passed_last,
        no_repairs=no_repairs,
        results=results,
    )
