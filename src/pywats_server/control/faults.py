"""Fault rules: which requests get a synthetic failure, and which failure.

A rule names a method (or ``*``) and a glob for the decoded request path, and what to do: wait ``delay_s``,
then drop the connection, answer ``status`` with ``body``, or (no status) let the real handler answer. Rules
are tried in creation order; the first one that matches and has uses left is consumed, and removed when used
up.
"""

from __future__ import annotations

import fnmatch
import threading
import uuid
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

MAX_FAULT_DELAY_S = 600.0


class FaultSpec(BaseModel):
    """Body of ``POST /_control/faults``.

    Unknown members are rejected here (unlike the WATS API): a misspelt option would otherwise silently create
    a rule that does nothing.
    """

    model_config = ConfigDict(extra="forbid")

    method: str = Field("*", description='HTTP method to match, or "*" for any.')
    path: str = Field("*", description="Glob matched case-insensitively against the decoded request path.")
    status: int | None = Field(None, ge=200, le=599, description="Status to answer; null = real handler.")
    count: int = Field(1, description="How many requests the rule applies to; 0 or negative = unlimited.")
    delay_s: float = Field(0.0, ge=0.0, le=MAX_FAULT_DELAY_S, description="Seconds to wait first.")
    retry_after: str | None = Field(None, description="Value of the Retry-After header of the answer.")
    drop: bool = Field(False, description="Abort the connection mid-response instead of answering.")
    body: str | None = Field(
        None, description='Response body; default {"Message": "Injected fault <status>"}.'
    )
    content_type: str = Field("application/json", description="Content-Type of the answer.")

    @field_validator("method")
    @classmethod
    def _method_is_token(cls, value: str) -> str:
        method = value.strip().upper()
        if method != "*" and not method.isalpha():
            raise ValueError('must be an HTTP method such as "GET", or "*"')
        return method


@dataclass
class FaultRule:
    """One active rule; ``remaining`` is ``None`` for a rule without a use limit."""

    id: str
    method: str
    path: str
    status: int | None
    remaining: int | None
    delay_s: float
    retry_after: str | None
    drop: bool
    body: str | None
    content_type: str

    @classmethod
    def from_spec(cls, spec: FaultSpec) -> FaultRule:
        """A new rule with a fresh id."""
        return cls(
            id=uuid.uuid4().hex,
            method=spec.method,
            path=spec.path,
            status=spec.status,
            remaining=spec.count if spec.count > 0 else None,
            delay_s=spec.delay_s,
            retry_after=spec.retry_after,
            drop=spec.drop,
            body=spec.body,
            content_type=spec.content_type,
        )

    def matches(self, method: str, path: str) -> bool:
        """Whether this rule applies to a request (path compared case-insensitively)."""
        if self.method != "*" and self.method != method.upper():
            return False
        return fnmatch.fnmatchcase(path.casefold(), self.path.casefold())

    def response_body(self) -> bytes:
        """The body of the injected answer: ``body`` as given ("" = empty), else a WATS-style message."""
        if self.body is not None:
            return self.body.encode()
        return f'{{"Message": "Injected fault {self.status}"}}'.encode()

    def to_json(self) -> dict[str, Any]:
        """The rule as the control plane lists it; ``count`` is the number of uses left (null = unlimited)."""
        return {
            "id": self.id,
            "method": self.method,
            "path": self.path,
            "status": self.status,
            "count": self.remaining,
            "delay_s": self.delay_s,
            "retry_after": self.retry_after,
            "drop": self.drop,
            "body": self.body,
            "content_type": self.content_type,
        }


class FaultRules:
    """The active rules of one server; safe to use from the event loop and worker threads."""

    def __init__(self) -> None:
        self._rules: list[FaultRule] = []
        self._lock = threading.Lock()

    def add(self, spec: FaultSpec) -> FaultRule:
        """Append a rule (it is tried after all existing ones)."""
        rule = FaultRule.from_spec(spec)
        with self._lock:
            self._rules.append(rule)
        return rule

    def take(self, method: str, path: str) -> FaultRule | None:
        """Consume one use of the first matching rule and return it, or ``None`` if no rule matches."""
        with self._lock:
            for index, rule in enumerate(self._rules):
                if not rule.matches(method, path):
                    continue
                if rule.remaining is not None:
                    rule.remaining -= 1
                    if rule.remaining <= 0:
                        del self._rules[index]
                return rule
        return None

    def snapshot(self) -> list[FaultRule]:
        """The active rules in the order they are tried."""
        with self._lock:
            return list(self._rules)

    def remove(self, rule_id: str) -> bool:
        """Remove one rule; False if there is no rule with that id."""
        with self._lock:
            for index, rule in enumerate(self._rules):
                if rule.id == rule_id:
                    del self._rules[index]
                    return True
        return False

    def clear(self) -> int:
        """Remove every rule; return how many there were."""
        with self._lock:
            count = len(self._rules)
            self._rules.clear()
        return count
