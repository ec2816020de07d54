"""Messages to and from AMQP properties and bodies.

A dead letter carries its origin in the headers `x-protea-original-queue` and `x-protea-reason`
(set when the consumer parks it); a message that reached the DLQ through the dead-letter exchange
alone (the fallback) is described by its first `x-death` entry, whose reason is `rejected`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pika
from pika.spec import BasicProperties

from protea_adapters.queue import codec
from protea_adapters.queue.codec import CONTENT_TYPE, parked_body, user_headers
from protea_domain.messaging.message import DeadLetter, Message

ORIGINAL_QUEUE_HEADER = "x-protea-original-queue"
REASON_HEADER = "x-protea-reason"


def properties_for(message_id: str, headers: Mapping[str, object]) -> BasicProperties:
    """Persistent JSON message properties."""
    return BasicProperties(
        content_type=CONTENT_TYPE,
        delivery_mode=pika.DeliveryMode.Persistent,
        message_id=message_id,
        headers=dict(headers),
    )


def decode_message(queue: str, properties: BasicProperties, body: bytes) -> Message:
    """See `codec.decode_message`."""
    return codec.decode_message(queue, body, properties.message_id, properties.headers)


def parked_properties(properties: BasicProperties, queue: str, reason: str) -> BasicProperties:
    """Properties of a message republished to the DLQ from `queue` because of `reason`."""
    headers: dict[str, object] = dict(user_headers(properties.headers))
    headers[ORIGINAL_QUEUE_HEADER] = queue
    headers[REASON_HEADER] = reason
    return properties_for(properties.message_id or "", headers)


def replay_properties(properties: BasicProperties) -> BasicProperties:
    """Properties of a dead letter sent back to its original queue: the user headers only."""
    return properties_for(properties.message_id or "", user_headers(properties.headers))


def original_queue(properties: BasicProperties) -> str | None:
    headers = properties.headers or {}
    queue = headers.get(ORIGINAL_QUEUE_HEADER) or _first_death(headers).get("queue")
    return _text(queue) if queue else None


def dead_letter(properties: BasicProperties, body: bytes) -> DeadLetter:
    headers = properties.headers or {}
    queue = original_queue(properties) or ""
    reason = headers.get(REASON_HEADER) or _first_death(headers).get("reason") or "unknown"
    message = Message(queue, parked_body(body), properties.message_id or "", user_headers(headers))
    return DeadLetter(message, queue, _text(reason))


def _first_death(headers: Mapping[str, Any]) -> Mapping[str, Any]:
    deaths = headers.get("x-death")
    if isinstance(deaths, list) and deaths and isinstance(deaths[0], dict):
        return deaths[0]
    return {}


def _text(value: object) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
