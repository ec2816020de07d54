"""The raw pika ceiling: N small persistent messages published with confirms, then consumed.

`python benchmarks/raw_pika.py [--url URL] [-n 5000] [--prefetch 100]` prints messages/s. No
PROTEA code is involved: one BlockingConnection publishes every message on the default exchange
(persistent, mandatory, `message_id`, JSON content type) and waits for each confirm, as the
PROTEA publisher does; then one consumer with the given prefetch acks every message one by one.
The durable queue `protea.bench.raw` is declared (and purged) first and deleted at the end.
`measure_raw_pika(url, n)` returns the combined rate: n / (publish seconds + consume seconds).
"""

from __future__ import annotations

import argparse
import json
import os
import time
from dataclasses import dataclass
from uuid import uuid4

import pika
from pika.adapters.blocking_connection import BlockingChannel
from pika.spec import Basic, BasicProperties

QUEUE = "protea.bench.raw"
DEFAULT_URL = "amqp://guest:guest@127.0.0.1:5672/%2F"


@dataclass(frozen=True, slots=True)
class RawPikaResult:
    messages: int
    publish_seconds: float
    consume_seconds: float

    @property
    def publish_rate(self) -> float:
        return self.messages / self.publish_seconds

    @property
    def consume_rate(self) -> float:
        return self.messages / self.consume_seconds

    @property
    def rate(self) -> float:
        return self.messages / (self.publish_seconds + self.consume_seconds)


def run_raw_pika(url: str, n: int, prefetch: int = 100) -> RawPikaResult:
    """Publish then consume `n` messages on `QUEUE`; the queue is deleted afterwards."""
    if n < 1:
        raise ValueError("n must be at least 1")
    connection = pika.BlockingConnection(pika.URLParameters(url))
    try:
        channel = connection.channel()
        channel.queue_declare(QUEUE, durable=True)
        channel.queue_purge(QUEUE)
        try:
            publish_seconds = _publish(channel, n)
            consume_seconds = _consume(connection, channel, n, prefetch)
        finally:
            channel.queue_delete(QUEUE)
    finally:
        connection.close()
    return RawPikaResult(n, publish_seconds, consume_seconds)


def measure_raw_pika(url: str, n: int) -> float:
    """Messages per second for `n` messages published with confirms and then consumed."""
    return run_raw_pika(url, n).rate


def _publish(channel: BlockingChannel, n: int) -> float:
    channel.confirm_delivery()
    started = time.perf_counter()
    for _ in range(n):
        message_id = str(uuid4())
        channel.basic_publish(
            "",
            QUEUE,
            json.dumps({"job_id": message_id}).encode(),
            properties=BasicProperties(
                content_type="application/json",
                delivery_mode=pika.DeliveryMode.Persistent,
                message_id=message_id,
            ),
            mandatory=True,
        )
    return time.perf_counter() - started


def _consume(
    connection: pika.BlockingConnection, channel: BlockingChannel, n: int, prefetch: int
) -> float:
    received = 0

    def on_message(
        channel: BlockingChannel, method: Basic.Deliver, _: BasicProperties, body: bytes
    ) -> None:
        nonlocal received
        json.loads(body)
        channel.basic_ack(method.delivery_tag)
        received += 1

    channel.basic_qos(prefetch_count=prefetch)
    started = time.perf_counter()
    tag = channel.basic_consume(QUEUE, on_message)
    while received < n:
        connection.process_data_events(time_limit=1)
    elapsed = time.perf_counter() - started
    channel.basic_cancel(tag)
    return elapsed


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--url", default=os.environ.get("PROTEA_AMQP_URL", DEFAULT_URL))
    parser.add_argument("-n", "--messages", type=int, default=5000)
    parser.add_argument("--prefetch", type=int, default=100)
    args = parser.parse_args(argv)
    result = run_raw_pika(args.url, args.messages, args.prefetch)
    print(
        f"raw pika, {result.messages} messages: publish {result.publish_rate:.0f}/s, "
        f"consume {result.consume_rate:.0f}/s, publish+consume {result.rate:.0f} messages/s"
    )


if __name__ == "__main__":
    main()
