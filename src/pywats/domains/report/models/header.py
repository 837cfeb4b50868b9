"""The ``uut`` and ``uur`` blocks of a report, and the repair-side units and failures."""

from __future__ import annotations

from typing import Any

from pywats.core.exceptions import ValidationError
from pywats.domains.report.models._wire import Flag, Int, Number, Text, Timestamp, WireList, WireObject
from pywats.domains.report.models.parts import Attachment, SubUnit

__all__ = ["UURFailure", "UURInfo", "UURSubUnit", "UUTInfo"]


class UUTInfo(WireObject):
    """The ``uut`` block: who ran the test and how it went at run level."""

    __slots__ = ()
    user = Text("user")
    comment = Text("comment")
    exec_time = Number("execTime")
    test_socket_index = Int("testSocketIndex")
    batch_sn = Text("batchSN")
    batch_fail_count = Int("batchFailCount")
    batch_loop_index = Int("batchLoopIndex")
    fixture_id = Text("fixtureId")
    error_code = Int("errorCode")
    error_message = Text("errorMessage")
    step_id_caused_uut_failure = Int("stepIdCausedUUTFailure")

    @property
    def operator(self) -> str | None:
        """The operator (wire name ``user``)."""
        return self.user

    @operator.setter
    def operator(self, value: str | None) -> None:
        self.user = value


class UURFailure(WireObject):
    """A failure found during a repair: fail-code ``category``/``code`` (texts of the repair type's tree),
    the component (``com_ref``), the UUT step that revealed it (``ref_step_id``) and the replaced article."""

    __slots__ = ()
    art_number = Text("artNumber")
    art_rev = Text("artRev")
    art_vendor = Text("artVendor")
    art_description = Text("artDescription")
    category = Text("category")
    code = Text("code")
    comment = Text("comment")
    com_ref = Text("comRef")
    func_block = Text("funcBlock")
    ref_step_id = Int("refStepId")
    ref_step_name = Text("refStepName")
    _STRUCTURE = frozenset({"attachments"})

    @property
    def attachments(self) -> WireList[Attachment]:
        """Files attached to this failure."""
        return WireList(self._d, "attachments", Attachment.wrap)

    def attach_bytes(
        self, name: str, content: bytes, content_type: str = "application/octet-stream"
    ) -> Attachment:
        """Attach a file (a photo of the damage, say) to the failure."""
        attachment: Attachment = Attachment.from_bytes(name, content, content_type)
        self.attachments.append(attachment)
        return attachment


class UURSubUnit(SubUnit):
    """A unit involved in a repair: ``idx`` 0 is the repaired unit itself; others are parts in it.

    A new part that replaced an old one has ``replaced_idx`` = the old part's ``idx``.
    """

    __slots__ = ()
    _STRUCTURE = frozenset({"failures"})

    @property
    def failures(self) -> WireList[UURFailure]:
        """Failures found on this unit."""
        return WireList(self._d, "failures", UURFailure.wrap)

    def add_failure(
        self,
        category: str,
        code: str,
        *,
        comment: str | None = None,
        com_ref: str | None = None,
        func_block: str | None = None,
        ref_step_id: int | None = None,
        art_number: str | None = None,
        art_rev: str | None = None,
        art_vendor: str | None = None,
        art_description: str | None = None,
    ) -> UURFailure:
        """Record a failure on this unit and return it."""
        for field, value in (("category", category), ("code", code)):
            if not isinstance(value, str) or not value.strip():
                raise ValidationError(f"{field} must be a non-empty string", field=field, value=value)
        fields: dict[str, Any] = {
            "art_number": art_number,
            "art_rev": art_rev,
            "art_vendor": art_vendor,
            "art_description": art_description,
            "category": category,
            "code": code,
            "comment": comment,
            "com_ref": com_ref,
            "func_block": func_block,
            "ref_step_id": ref_step_id,
        }
        failure = UURFailure(**{k: v for k, v in fields.items() if v is not None})
        self.failures.append(failure)
        return failure


class UURInfo(WireObject):
    """The ``uur`` block: the repair operator, the test operation that found the fault, the repaired UUT."""

    __slots__ = ()
    comment = Text("comment")
    user = Text("user")
    process_code = Int("processCode")
    process_name = Text("processName")
    ref_uut = Text("refUUT")
    confirm_date = Timestamp("confirmDate")
    finalize_date = Timestamp("finalizeDate")
    exec_time = Number("execTime")
    active = Flag("active")
    parent = Text("parent")

    @property
    def operator(self) -> str | None:
        """The repair operator (wire name ``user``)."""
        return self.user

    @operator.setter
    def operator(self, value: str | None) -> None:
        self.user = value

    @property
    def test_operation_code(self) -> int | None:
        """The test operation during which the failure was found (wire ``uur.processCode``)."""
        return self.process_code

    @test_operation_code.setter
    def test_operation_code(self, value: int | None) -> None:
        self.process_code = value
