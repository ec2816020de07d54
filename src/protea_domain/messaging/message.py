"""A message: a small JSON object addressed to one queue, identified for deduplication."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


@dataclass(frozen=True, slots=True)
class Message:
    """`body` is a JSON object; `message_id` is unique per logical message (a redelivery or a
    duplicate publish carries the same id); `headers` carry strings such as `traceparent`."""

    queue: str
    body: dict[str, Any]
    message_id: str
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Delivery:
    """One delivery of a message to a consumer. `redelivered` is the broker's flag: an earlier
    delivery was not settled (a consumer died or the connection dropped)."""

    message: Message
    redelivered: bool


class Disposition(StrEnum):
    """How a handler settles a delivery."""

    ACK = "ack"
    REQUEUE = "requeue"
    DEAD_LETTER = "dead_letter"


@dataclass(frozen=True, slots=True)
class DeadLetter:
    """A message parked in the dead-letter queue, with the queue it came from and why."""

    message: Message
    original_queue: str
    reason: str
