"""The durable queues, the dead-letter exchange and the dead-letter queue.

Messages are published on the default exchange with the queue name as routing key. Every work
queue is a durable classic queue whose `x-dead-letter-exchange` is `protea.dlx`, a durable fanout
exchange bound to the durable `protea.dlq`: a message rejected without requeue lands there."""

from __future__ import annotations

from collections.abc import Iterable

from pika.adapters.blocking_connection import BlockingChannel

from protea_domain.messaging.queues import DEAD_LETTER, WORK_QUEUES

DEAD_LETTER_EXCHANGE = "protea.dlx"


def declare_topology(channel: BlockingChannel, queues: Iterable[str] = WORK_QUEUES) -> None:
    """Idempotent; a queue that exists with other arguments closes the channel (406)."""
    channel.exchange_declare(DEAD_LETTER_EXCHANGE, exchange_type="fanout", durable=True)
    channel.queue_declare(DEAD_LETTER, durable=True)
    channel.queue_bind(DEAD_LETTER, DEAD_LETTER_EXCHANGE)
    for queue in queues:
        channel.queue_declare(
            queue, durable=True, arguments={"x-dead-letter-exchange": DEAD_LETTER_EXCHANGE}
        )
