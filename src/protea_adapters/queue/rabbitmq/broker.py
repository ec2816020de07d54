"""Every broker port on RabbitMQ, built from one AMQP URL."""

from __future__ import annotations

import builtins
import threading
from collections.abc import Callable
from typing import TypeVar

import pika
from pika.adapters.blocking_connection import BlockingChannel
from pika.exceptions import AMQPError, ChannelClosedByBroker

from protea_adapters.queue.errors import BrokerUnavailableError, TopologyError
from protea_adapters.queue.rabbitmq.connections import close_quietly
from protea_adapters.queue.rabbitmq.consumer import RabbitMqConsumer
from protea_adapters.queue.rabbitmq.dead_letters import RabbitMqDeadLetterQueue
from protea_adapters.queue.rabbitmq.parameters import ConnectionSettings, connection_parameters
from protea_adapters.queue.rabbitmq.publisher import RabbitMqPublisher
from protea_adapters.queue.rabbitmq.topology import declare_topology
from protea_domain.errors import NotFoundError
from protea_domain.messaging.message import DeadLetter, Message
from protea_domain.ports.message_broker import (
    BrokerTopology,
    DeadLetterQueue,
    DeliveryHandler,
    MessageConsumer,
    MessagePublisher,
)

NOT_FOUND = 404
T = TypeVar("T")


class RabbitMqBroker(MessagePublisher, MessageConsumer, DeadLetterQueue, BrokerTopology):
    """Publisher, consumer, dead-letter queue and topology sharing one URL and settings. The
    broker shows their connections as `<name>-publisher`, `<name>-consumer`, `<name>-admin`."""

    def __init__(
        self, url: str, settings: ConnectionSettings | None = None, name: str = "protea"
    ) -> None:
        self.publisher = RabbitMqPublisher(
            connection_parameters(url, settings, f"{name}-publisher")
        )
        self.consumer = RabbitMqConsumer(connection_parameters(url, settings, f"{name}-consumer"))
        self._admin = connection_parameters(url, settings, f"{name}-admin")
        self.dead_letters = RabbitMqDeadLetterQueue(self._admin)

    def publish(self, message: Message) -> None:
        self.publisher.publish(message)

    def consume(
        self,
        queue: str,
        handler: DeliveryHandler,
        *,
        concurrency: int,
        stop: threading.Event,
        grace_seconds: float,
    ) -> None:
        self.consumer.consume(
            queue, handler, concurrency=concurrency, stop=stop, grace_seconds=grace_seconds
        )

    def list(self, limit: int) -> builtins.list[DeadLetter]:
        return self.dead_letters.list(limit)

    def replay(self, limit: int) -> int:
        return self.dead_letters.replay(limit)

    def purge(self) -> int:
        return self.dead_letters.purge()

    def declare(self) -> None:
        self._admin_call(declare_topology)

    def depth(self, queue: str) -> int:
        """Messages ready in `queue` (unacked deliveries not counted)."""

        def ready(channel: BlockingChannel) -> int:
            count: int = channel.queue_declare(queue, passive=True).method.message_count
            return count

        return self._admin_call(ready)

    def close(self) -> None:
        """Close the calling thread's publisher connection."""
        self.publisher.close()

    def _admin_call(self, call: Callable[[BlockingChannel], T]) -> T:
        connection: pika.BlockingConnection | None = None
        try:
            connection = pika.BlockingConnection(self._admin)
            return call(connection.channel())
        except ChannelClosedByBroker as exc:
            if exc.reply_code == NOT_FOUND:
                raise NotFoundError(str(exc)) from exc
            raise TopologyError(repr(exc)) from exc
        except AMQPError as exc:
            raise BrokerUnavailableError(repr(exc)) from exc
        finally:
            close_quietly(connection)
