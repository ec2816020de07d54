"""The two kinds of message bodies: a job wake-up and a batch child operation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from protea_domain.errors import InvalidInputError
from protea_domain.messaging.message import Message


class UndecodableMessageError(InvalidInputError):
    code = "undecodable_message"


@dataclass(frozen=True, slots=True)
class JobWakeUp:
    job_id: UUID


@dataclass(frozen=True, slots=True)
class ChildOperation:
    """One batch child: no Job row of its own; it reports to its parent job."""

    parent_id: UUID
    child_key: str
    operation: str
    payload: dict[str, Any]


def job_message(queue: str, job_id: UUID, attempt: int, headers: dict[str, str]) -> Message:
    return Message(
        queue, {"kind": "job", "job_id": str(job_id)}, f"job:{job_id}:{attempt}", headers
    )


def child_message(queue: str, child: ChildOperation, headers: dict[str, str]) -> Message:
    body = {
        "kind": "operation",
        "parent_id": str(child.parent_id),
        "child_key": child.child_key,
        "operation": child.operation,
        "payload": child.payload,
    }
    return Message(queue, body, f"op:{child.parent_id}:{child.child_key}", headers)


def _uuid(body: dict[str, Any], key: str) -> UUID:
    try:
        return UUID(str(body[key]))
    except (KeyError, ValueError):
        raise UndecodableMessageError(f"missing or malformed {key}", location="message") from None


def decode(message: Message) -> JobWakeUp | ChildOperation:
    """Raises `UndecodableMessageError` for a body that is neither kind."""
    body = message.body
    kind = body.get("kind")
    if kind == "job":
        return JobWakeUp(_uuid(body, "job_id"))
    if kind == "operation":
        key, operation, payload = body.get("child_key"), body.get("operation"), body.get("payload")
        if not isinstance(key, str) or not isinstance(operation, str):
            raise UndecodableMessageError(
                "child_key and operation must be strings", location="message"
            )
        if not isinstance(payload, dict):
            raise UndecodableMessageError("payload must be an object", location="message")
        return ChildOperation(_uuid(body, "parent_id"), key, operation, payload)
    raise UndecodableMessageError(f"unknown message kind {kind!r}", location="message")
