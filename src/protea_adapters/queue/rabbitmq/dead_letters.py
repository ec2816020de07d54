"""Operator access to the dead-letter queue, each call on a short-lived connection."""

from __future__ import annotations

import builtins
import logging
from collections.abc import Iterator
from contextlib import contextmanager

import pika
from pika.adapters.blocking_connection import BlockingChannel
from pika.exceptions import AMQPError, NackError, UnroutableError

from protea_adapters.queue.errors import BrokerUnavailableError
from protea_adapters.queue.rabbitmq.connections import close_quietly
from protea_adapters.queue.rabbitmq.topology import declare_topology
from protea_adapters.queue.rabbitmq.wire import dead_letter, original_queue, replay_properties
from protea_domain.messaging.message import DeadLetter
from protea_domain.messaging.queues import DEAD_LETTER
from protea_domain.ports.message_broker import DeadLetterQueue, PublishError

logger = logging.getLogger(__name__)


class RabbitMqDeadLetterQueue(DeadLetterQueue):
    """`list` takes messages with `basic.get` without acking them and closes the connection, so
    the broker puts them back at their positions (they are then flagged redelivered, which
    nothing reads). `replay` republishes each to its original queue with a confirm before it
    acks it; a message whose queue is unknown or gone stays parked (logged). Broker failures
    raise `BrokerUnavailableError`, a nacked republish `PublishError`."""

    def __init__(self, parameters: pika.ConnectionParameters) -> None:
        self._parameters = parameters

    def list(self, limit: int) -> builtins.list[DeadLetter]:
        letters: builtins.list[DeadLetter] = []
        with self._channel() as channel:
            while len(letters) < limit:
                method, properties, body = channel.basic_get(DEAD_LETTER)
                if method is None:
                    break
                letters.append(dead_letter(properties, body))
        return letters

    def replay(self, limit: int) -> int:
        moved = 0
        with self._channel() as channel:
            channel.confirm_delivery()
            for _ in range(max(limit, 0)):
                method, properties, body = channel.basic_get(DEAD_LETTER)
                if method is None:
                    break
                target = original_queue(properties)
                if target is None:
                    logger.warning("dead letter %s has no original queue", properties.message_id)
                    continue
                try:
                    channel.basic_publish(
                        "", target, body, properties=replay_properties(properties), mandatory=True
                    )
                except UnroutableError:
                    logger.warning("cannot replay %s: no queue %r", properties.message_id, target)
                    continue
                except NackError as exc:
                    raise PublishError(f"the broker nacked a replay to {target!r}") from exc
                channel.basic_ack(method.delivery_tag)
                moved += 1
        return moved

    def purge(self) -> int:
        with self._channel() as channel:
            count: int = channel.queue_purge(DEAD_LETTER).method.message_count
        return count

    @contextmanager
    def _channel(self) -> Iterator[BlockingChannel]:
        connection: pika.BlockingConnection | None = None
        try:
            connection = pika.BlockingConnection(self._parameters)
            channel = connection.channel()
            declare_topology(channel)
            yield channel
        except AMQPError as exc:
            raise BrokerUnavailableError(f"dead-letter queue: {exc!r}") from exc
        finally:
            close_quietly(connection)
