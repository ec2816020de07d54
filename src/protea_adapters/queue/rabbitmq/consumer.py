"""Consuming with a handler thread pool and reconnection."""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor

import pika
from pika.exceptions import AMQPChannelError, AMQPConnectionError

from protea_adapters.queue.errors import BrokerUnavailableError
from protea_adapters.queue.rabbitmq.backoff import CONSUME_BACKOFF, Backoff
from protea_adapters.queue.rabbitmq.session import ConsumerSession
from protea_domain.ports.message_broker import DeliveryHandler, MessageConsumer

logger = logging.getLogger(__name__)

RECONNECT_ERRORS = (AMQPConnectionError, AMQPChannelError, OSError)


class RabbitMqConsumer(MessageConsumer):
    """`consume` runs a `ConsumerSession` per connection. When a connection or channel fails
    (broker restart, forced close, missed heartbeats, a consumer ack timeout) the broker requeues
    its unsettled deliveries, and a new session starts after a backoff; handlers still running
    for the old session finish, but their settlements are dropped. After `backoff.attempts`
    consecutive failed sessions `BrokerUnavailableError` is raised. The handler pool (size
    `concurrency`) is shared by the sessions, so no more than `concurrency` handlers ever run."""

    def __init__(
        self, parameters: pika.ConnectionParameters, backoff: Backoff = CONSUME_BACKOFF
    ) -> None:
        self._parameters = parameters
        self._backoff = backoff

    def consume(
        self,
        queue: str,
        handler: DeliveryHandler,
        *,
        concurrency: int,
        stop: threading.Event,
        grace_seconds: float,
    ) -> None:
        if concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        pool = ThreadPoolExecutor(concurrency, thread_name_prefix=f"consume-{queue}")
        failures = 0
        try:
            while not stop.is_set():
                session: ConsumerSession | None = None
                try:
                    session = ConsumerSession(
                        self._parameters, queue, handler, pool, concurrency, stop
                    )
                    failures = 0
                    session.run()
                    session.drain(grace_seconds)
                    return
                except RECONNECT_ERRORS as exc:
                    if session is not None:
                        session.abandon()
                    failures += 1
                    if failures >= self._backoff.attempts:
                        raise BrokerUnavailableError(
                            f"consuming {queue!r} failed {failures} times in a row: {exc!r}"
                        ) from exc
                    delay = self._backoff.delay(failures)
                    logger.warning("consuming %s failed (%r); retry in %.1fs", queue, exc, delay)
                    stop.wait(delay)
        finally:
            pool.shutdown(wait=False, cancel_futures=True)
