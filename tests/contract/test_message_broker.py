"""The message broker contract on the in-process queue and on RabbitMQ, plus RabbitMQ's own
reconnection and dead-letter-exchange behaviour."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from uuid import uuid4

import pika
import pytest
from pika.exceptions import AMQPConnectionError

from protea_adapters.queue.errors import BrokerUnavailableError
from protea_adapters.queue.inprocess import InProcessBroker
from protea_adapters.queue.rabbitmq.backoff import Backoff
from protea_adapters.queue.rabbitmq.broker import RabbitMqBroker
from protea_adapters.queue.rabbitmq.parameters import ConnectionSettings, connection_parameters
from protea_adapters.queue.rabbitmq.publisher import RabbitMqPublisher
from protea_domain.messaging.message import Delivery
from protea_domain.messaging.queues import DEAD_LETTER, JOBS, WORK_QUEUES
from protea_domain.ports.message_broker import PublishError
from tests.conftest import service_missing
from tests.contract.message_broker_contract import (
    MessageBrokerContract,
    RawPublish,
    Recorder,
    consuming,
    eventually,
    make_message,
)

AMQP_URL = os.environ.get("PROTEA_TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/%2F")
HEARTBEAT_SECONDS = 2


class TestInProcessBroker(MessageBrokerContract):
    @pytest.fixture
    def broker(self) -> InProcessBroker:
        return InProcessBroker()

    @pytest.fixture
    def publish_raw(self, broker: InProcessBroker) -> RawPublish:
        return broker.publish_raw

    @pytest.fixture
    def sever(self, broker: InProcessBroker) -> Callable[[], None]:
        return broker.crash_consumers


def _raw_channel_call(
    call: Callable[[pika.adapters.blocking_connection.BlockingChannel], None],
) -> None:
    connection = pika.BlockingConnection(pika.URLParameters(AMQP_URL))
    try:
        call(connection.channel())
    finally:
        connection.close()


def _close_connections_named(token: str) -> int:
    """Force-close, as an operator would, the broker connections whose name holds `token`
    (other clients of the same broker are left alone)."""
    if shutil.which("rabbitmqctl") is None:
        service_missing("rabbitmqctl is not on PATH")
    listing = subprocess.run(
        ["rabbitmqctl", "-q", "--no-table-headers", "list_connections", "pid", "client_properties"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if listing.returncode != 0:
        service_missing(f"rabbitmqctl list_connections: {listing.stderr.strip()}")
    pids = [line.split("\t", 1)[0] for line in listing.stdout.splitlines() if token in line]
    for pid in pids:
        subprocess.run(
            ["rabbitmqctl", "-q", "close_connection", pid, "test"], timeout=60, check=True
        )
    return len(pids)


@pytest.mark.rabbitmq
class TestRabbitMqBroker(MessageBrokerContract):
    long_handler_seconds = 4.0 * HEARTBEAT_SECONDS

    @pytest.fixture
    def token(self) -> str:
        return f"protea-test-{uuid4().hex[:12]}"

    @pytest.fixture
    def broker(self, token: str) -> Iterator[RabbitMqBroker]:
        settings = ConnectionSettings(heartbeat=HEARTBEAT_SECONDS, connection_attempts=1)
        broker = RabbitMqBroker(AMQP_URL, settings, name=token)
        try:
            broker.declare()
        except BrokerUnavailableError as exc:
            service_missing(f"RabbitMQ at {AMQP_URL}: {exc}")

        def purge(channel: pika.adapters.blocking_connection.BlockingChannel) -> None:
            for queue in (*WORK_QUEUES, DEAD_LETTER):
                channel.queue_purge(queue)

        _raw_channel_call(purge)
        yield broker
        broker.close()

    @pytest.fixture
    def publish_raw(self) -> RawPublish:
        def publish(queue: str, body: bytes, message_id: str) -> None:
            _raw_channel_call(
                lambda channel: channel.basic_publish(
                    "", queue, body, pika.BasicProperties(message_id=message_id, delivery_mode=2)
                )
            )

        return publish

    @pytest.fixture
    def sever(self, token: str) -> Callable[[], None]:
        def close() -> None:
            assert _close_connections_named(token) >= 1

        return close

    def test_publisher_reconnects_after_the_server_closed_its_connection(
        self, broker: RabbitMqBroker, sever: Callable[[], None]
    ) -> None:
        first, second = make_message(n=1), make_message(n=2)
        broker.publish(first)
        sever()
        broker.publish(second)
        eventually(lambda: broker.depth(JOBS) == 2)
        recorder = Recorder()
        with consuming(broker, JOBS, recorder):
            recorder.wait_for(2)
        assert [d.message for d in recorder.deliveries] == [first, second]

    def test_publisher_outlives_an_idle_connection_dropped_for_missed_heartbeats(
        self, broker: RabbitMqBroker, caplog: pytest.LogCaptureFixture
    ) -> None:
        broker.publish(make_message(n=1))
        time.sleep(4 * HEARTBEAT_SECONDS)
        with caplog.at_level(logging.WARNING, logger="protea_adapters.queue.rabbitmq.publisher"):
            broker.publish(make_message(n=2))
        assert "reconnecting" in caplog.text
        eventually(lambda: broker.depth(JOBS) == 2)

    def test_an_unreachable_broker_raises_publish_error_with_its_cause(self) -> None:
        parameters = connection_parameters(
            "amqp://guest:guest@127.0.0.1:1/%2F",
            ConnectionSettings(connection_attempts=1, retry_delay=0, socket_timeout=1),
        )
        publisher = RabbitMqPublisher(parameters, Backoff(attempts=2, initial=0.01))
        started = time.monotonic()
        with pytest.raises(PublishError) as caught:
            publisher.publish(make_message())
        assert isinstance(caught.value.__cause__, AMQPConnectionError)
        assert time.monotonic() - started < 5

    def test_a_message_rejected_outside_protea_is_listed_from_x_death(
        self, broker: RabbitMqBroker, publish_raw: RawPublish
    ) -> None:
        message = make_message()
        broker.publish(message)

        def reject(channel: pika.adapters.blocking_connection.BlockingChannel) -> None:
            method, _, _ = channel.basic_get(JOBS)
            assert method is not None
            channel.basic_reject(method.delivery_tag, requeue=False)

        _raw_channel_call(reject)
        eventually(lambda: len(broker.list(10)) == 1)
        (letter,) = broker.list(10)
        assert (letter.message, letter.original_queue, letter.reason) == (message, JOBS, "rejected")
        assert broker.replay(10) == 1
        recorder = Recorder()
        with consuming(broker, JOBS, recorder):
            recorder.wait_for(1)
        assert recorder.deliveries == [Delivery(message, redelivered=False)]
