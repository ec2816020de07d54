"""Publishing with confirms over one reusable connection per thread."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

import pika
from pika.adapters.blocking_connection import BlockingChannel
from pika.exceptions import AMQPChannelError, AMQPConnectionError, NackError, UnroutableError
from pika.spec import BasicProperties

from protea_adapters.queue.codec import encode_body
from protea_adapters.queue.rabbitmq.backoff import PUBLISH_BACKOFF, Backoff
from protea_adapters.queue.rabbitmq.connections import close_quietly
from protea_adapters.queue.rabbitmq.topology import declare_topology
from protea_adapters.queue.rabbitmq.wire import properties_for
from protea_domain.messaging.message import Message
from protea_domain.messaging.queues import DEAD_LETTER
from protea_domain.ports.message_broker import MessagePublisher, PublishError

logger = logging.getLogger(__name__)

RECONNECT_ERRORS = (AMQPConnectionError, AMQPChannelError, OSError)


@dataclass(slots=True)
class _Link:
    connection: pika.BlockingConnection
    channel: BlockingChannel


class RabbitMqPublisher(MessagePublisher):
    """Each thread publishes on its own BlockingConnection, opened on first use with the topology
    declared and publisher confirms on. Messages are persistent and mandatory on the default
    exchange. A connection or channel error (a server that closed an idle connection, a restart)
    discards the connection and retries on a fresh one, `backoff.attempts` tries in all; a retry
    after a lost confirm may duplicate the message, which consumers tolerate. Unroutable or
    nacked messages raise `PublishError` at once."""

    def __init__(self, parameters: pika.ConnectionParameters, backoff: Backoff = PUBLISH_BACKOFF):
        self._parameters = parameters
        self._backoff = backoff
        self._local = threading.local()

    def publish(self, message: Message) -> None:
        if message.queue == DEAD_LETTER:
            raise PublishError("messages reach the dead-letter queue only by dead-lettering")
        body = encode_body(message.body)
        self.publish_bytes(message.queue, body, properties_for(message.message_id, message.headers))

    def publish_bytes(self, queue: str, body: bytes, properties: BasicProperties) -> None:
        """Publish `body` as it stands (confirmed, mandatory), with the retries of `publish`:
        for tools and tests that must send what `publish` refuses."""
        failures = 0
        while True:
            try:
                self._channel().basic_publish(
                    "", queue, body, properties=properties, mandatory=True
                )
                return
            except UnroutableError as exc:
                raise PublishError(f"unroutable: no queue named {queue!r}") from exc
            except NackError as exc:
                raise PublishError(f"the broker nacked a message for {queue!r}") from exc
            except RECONNECT_ERRORS as exc:
                self.close()
                failures += 1
                if failures >= self._backoff.attempts:
                    raise PublishError(
                        f"no confirm for {queue!r} after {failures} tries: {exc!r}"
                    ) from exc
                logger.warning("publishing to %s failed (%r); reconnecting", queue, exc)
                time.sleep(self._backoff.delay(failures))

    def close(self) -> None:
        """Close the calling thread's connection; other threads' close with their threads."""
        link: _Link | None = getattr(self._local, "link", None)
        self._local.link = None
        if link is not None:
            close_quietly(link.connection)

    def _channel(self) -> BlockingChannel:
        link: _Link | None = getattr(self._local, "link", None)
        if link is not None and link.channel.is_open:
            link.connection.process_data_events(time_limit=0)
            return link.channel
        self.close()
        connection = pika.BlockingConnection(self._parameters)
        try:
            channel = connection.channel()
            declare_topology(channel)
            channel.confirm_delivery()
        except BaseException:
            close_quietly(connection)
            raise
        self._local.link = _Link(connection, channel)
        return channel
