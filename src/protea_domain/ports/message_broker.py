"""Message broker ports: publishing, consuming, and the dead-letter queue."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Protocol

from protea_domain.errors import DomainError
from protea_domain.messaging.message import DeadLetter, Delivery, Disposition, Message


class PublishError(DomainError):
    """The broker did not confirm a message (unreachable, nacked, unroutable). Retryable."""

    code = "publish_failed"


class MessagePublisher(Protocol):
    """Hands messages to the broker. Safe to share between threads."""

    def publish(self, message: Message) -> None:
        """Return only once the broker has confirmed the message: persistent, routed to the
        existing durable queue `message.queue`. Raises `PublishError` otherwise (nothing is
        known to be delivered; publishing again may duplicate, which consumers tolerate).
        Not idempotent."""
        ...


DeliveryHandler = Callable[[Delivery], Disposition]


class MessageConsumer(Protocol):
    """Delivers messages of one queue to a handler, settling each only after it returns."""

    def consume(
        self,
        queue: str,
        handler: DeliveryHandler,
        *,
        concurrency: int,
        stop: threading.Event,
        grace_seconds: float,
    ) -> None:
        """Block until `stop` is set. At most `concurrency` handlers run at once, each in its
        own thread, while the connection keeps its heartbeats. A delivery is acked, requeued or
        dead-lettered after its handler returns; a handler that raises counts as REQUEUE. If the
        process dies first, the broker redelivers it (`redelivered=True`). Bodies that are not a
        JSON object are dead-lettered without calling the handler. A lost connection is
        re-established (topology re-declared) with bounded backoff; unsettled deliveries come
        back. Once `stop` is set no new delivery starts; running handlers get `grace_seconds`,
        after which their deliveries are left unsettled (the broker redelivers them)."""
        ...


class DeadLetterQueue(Protocol):
    """The dead-letter queue, for operators. Not transactional with the job database."""

    def list(self, limit: int) -> list[DeadLetter]:
        """Peek at up to `limit` parked messages, oldest first, without removing them."""
        ...

    def replay(self, limit: int) -> int:
        """Move up to `limit` parked messages back to their original queues (confirmed), oldest
        first; return how many moved. A message is removed from the DLQ only after its
        republish is confirmed."""
        ...

    def purge(self) -> int:
        """Drop every parked message; return how many were dropped."""
        ...


class BrokerTopology(Protocol):
    def declare(self) -> None:
        """Declare every work queue (durable, dead-lettering to the DLQ) and the DLQ.
        Idempotent."""
        ...
