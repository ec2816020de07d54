"""One consumer connection: deliveries run in a thread pool, settlements go back to the
connection's thread through `add_callback_threadsafe` (pika's only thread-safe call).

DEAD_LETTER republishes the delivery to `protea.dlq` on a confirmed channel of the same
connection with `x-protea-original-queue` and `x-protea-reason` headers, then acks it: a crash
in between leaves a copy in both queues (at-least-once, never none). If that republish is
nacked or unroutable the delivery is rejected instead and reaches the DLQ through the
dead-letter exchange, where its reason reads `rejected`."""

from __future__ import annotations

import functools
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pika
from pika.exceptions import AMQPConnectionError, ChannelClosedByBroker, NackError, UnroutableError
from pika.spec import Basic, BasicProperties

from protea_adapters.queue.codec import HANDLER_REASON, UndecodableError
from protea_adapters.queue.errors import TopologyError
from protea_adapters.queue.handling import run_handler
from protea_adapters.queue.rabbitmq.connections import close_quietly
from protea_adapters.queue.rabbitmq.topology import declare_topology
from protea_adapters.queue.rabbitmq.wire import decode_message, parked_properties
from protea_domain.errors import NotFoundError
from protea_domain.messaging.message import Delivery, Disposition
from protea_domain.messaging.queues import DEAD_LETTER
from protea_domain.ports.message_broker import DeliveryHandler

logger = logging.getLogger(__name__)

TICK_SECONDS = 0.1
NOT_FOUND = 404


class ConsumerSession:
    """Consumes `queue` on a new connection (topology declared, prefetch = `concurrency`) until
    `run` sees `stop`; `drain` then waits up to the grace period and closes the connection,
    which makes the broker requeue whatever is still unsettled."""

    def __init__(
        self,
        parameters: pika.ConnectionParameters,
        queue: str,
        handler: DeliveryHandler,
        pool: ThreadPoolExecutor,
        concurrency: int,
        stop: threading.Event,
    ) -> None:
        self._queue = queue
        self._handler = handler
        self._pool = pool
        self._stop = stop
        self._unsettled = 0
        self._connection = pika.BlockingConnection(parameters)
        try:
            self._channel = self._connection.channel()
            declare_topology(self._channel)
            self._channel.basic_qos(prefetch_count=concurrency)
            self._parking = self._connection.channel()
            self._parking.confirm_delivery()
            self._tag = self._channel.basic_consume(queue, self._on_message)
        except ChannelClosedByBroker as exc:
            close_quietly(self._connection)
            if exc.reply_code == NOT_FOUND:
                raise NotFoundError(f"queue {queue!r} is not declared") from exc
            raise TopologyError(f"the broker refused to consume {queue!r}: {exc}") from exc
        except BaseException:
            close_quietly(self._connection)
            raise

    def run(self) -> None:
        while not self._stop.is_set():
            self._connection.process_data_events(time_limit=TICK_SECONDS)

    def drain(self, grace_seconds: float) -> None:
        deadline = time.monotonic() + grace_seconds
        self._channel.basic_cancel(self._tag)
        while self._unsettled and (left := deadline - time.monotonic()) > 0:
            self._connection.process_data_events(time_limit=min(TICK_SECONDS, left))
        if self._unsettled:
            logger.warning("%d deliveries outlived the grace period", self._unsettled)
        close_quietly(self._connection)

    def abandon(self) -> None:
        close_quietly(self._connection)

    def _on_message(
        self,
        _channel: object,
        method: Basic.Deliver,
        properties: BasicProperties,
        body: bytes,
    ) -> None:
        self._unsettled += 1
        tag = method.delivery_tag
        try:
            message = decode_message(self._queue, properties, body)
        except UndecodableError as exc:
            self._settle(tag, properties, body, Disposition.DEAD_LETTER, exc.reason)
            return
        delivery = Delivery(message, bool(method.redelivered))
        self._pool.submit(self._work, delivery, tag, properties, body)

    def _work(self, delivery: Delivery, tag: int, properties: BasicProperties, body: bytes) -> None:
        if self._stop.is_set():
            disposition = Disposition.REQUEUE
        else:
            disposition = run_handler(self._handler, delivery)
        settle = functools.partial(self._settle, tag, properties, body, disposition, HANDLER_REASON)
        try:
            self._connection.add_callback_threadsafe(settle)
        except AMQPConnectionError:
            logger.info(
                "connection lost before settling %s; the broker redelivers it",
                delivery.message.message_id,
            )

    def _settle(
        self,
        tag: int,
        properties: BasicProperties,
        body: bytes,
        disposition: Disposition,
        reason: str,
    ) -> None:
        self._unsettled -= 1
        if disposition is Disposition.ACK:
            self._channel.basic_ack(tag)
        elif disposition is Disposition.REQUEUE:
            self._channel.basic_nack(tag, requeue=True)
        else:
            self._park(tag, properties, body, reason)

    def _park(self, tag: int, properties: BasicProperties, body: bytes, reason: str) -> None:
        try:
            self._parking.basic_publish(
                "",
                DEAD_LETTER,
                body,
                properties=parked_properties(properties, self._queue, reason),
                mandatory=True,
            )
        except (UnroutableError, NackError) as exc:
            logger.warning("parking %s failed (%r); rejecting it", properties.message_id, exc)
            self._channel.basic_reject(tag, requeue=False)
            return
        self._channel.basic_ack(tag)
