"""The message broker contract (publisher, consumer, dead-letter queue, topology), subclassed
once per adapter. The queue names are fixed, so each adapter's fixture starts from empty queues."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol, cast
from uuid import uuid4

import pytest

from protea_domain.errors import NotFoundError
from protea_domain.messaging.message import DeadLetter, Delivery, Disposition, Message
from protea_domain.messaging.queues import DEAD_LETTER, JOBS, PING
from protea_domain.ports.message_broker import (
    BrokerTopology,
    DeadLetterQueue,
    DeliveryHandler,
    MessageConsumer,
    MessagePublisher,
    PublishError,
)

WAIT_SECONDS = 15.0


class Broker(MessagePublisher, MessageConsumer, DeadLetterQueue, BrokerTopology, Protocol):
    def depth(self, queue: str) -> int:
        """Messages ready in `queue`."""
        ...


RawPublish = Callable[[str, bytes, str], None]
Decide = Callable[[Delivery, int], Disposition]


def make_message(queue: str = JOBS, n: int = 0) -> Message:
    return Message(
        queue,
        {"job_id": str(uuid4()), "n": n, "nested": {"list": [1, 2.5, None, "Ωμέγα"], "ok": True}},
        str(uuid4()),
        {"traceparent": f"00-{uuid4().hex}-{uuid4().hex[:16]}-01", "tenant": "béta"},
    )


def eventually(predicate: Callable[[], bool], timeout: float = WAIT_SECONDS) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.02)


class Recorder:
    """A handler that records every delivery and settles it as `decide(delivery, nth)` says,
    `nth` counting the deliveries of the same message_id from 1."""

    def __init__(self, decide: Decide = lambda delivery, nth: Disposition.ACK) -> None:
        self.deliveries: list[Delivery] = []
        self._decide = decide
        self._changed = threading.Condition()

    def __call__(self, delivery: Delivery) -> Disposition:
        with self._changed:
            self.deliveries.append(delivery)
            nth = self.ids.count(delivery.message.message_id)
            self._changed.notify_all()
        return self._decide(delivery, nth)

    @property
    def ids(self) -> list[str]:
        return [delivery.message.message_id for delivery in self.deliveries]

    def wait_for(self, count: int, timeout: float = WAIT_SECONDS) -> list[Delivery]:
        with self._changed:
            reached = self._changed.wait_for(lambda: len(self.deliveries) >= count, timeout)
            assert reached, f"{len(self.deliveries)} deliveries, expected {count}"
            return list(self.deliveries)


class Running:
    """`consume` running in a thread; `finish` sets stop and returns how long it took to return."""

    def __init__(
        self,
        broker: Broker,
        queue: str,
        handler: DeliveryHandler,
        concurrency: int = 1,
        grace_seconds: float = 5.0,
    ) -> None:
        self.stop = threading.Event()
        self.error: BaseException | None = None
        self._thread = threading.Thread(
            target=self._consume,
            args=(broker, queue, handler, concurrency, grace_seconds),
            daemon=True,
        )
        self._thread.start()

    def _consume(
        self,
        broker: Broker,
        queue: str,
        handler: DeliveryHandler,
        concurrency: int,
        grace_seconds: float,
    ) -> None:
        try:
            broker.consume(
                queue, handler, concurrency=concurrency, stop=self.stop, grace_seconds=grace_seconds
            )
        except BaseException as exc:
            self.error = exc

    def finish(self, timeout: float = WAIT_SECONDS) -> float:
        started = time.monotonic()
        self.stop.set()
        self._thread.join(timeout)
        assert not self._thread.is_alive(), "consume did not return after stop"
        if self.error is not None:
            raise self.error
        return time.monotonic() - started


@contextmanager
def consuming(
    broker: Broker,
    queue: str,
    handler: DeliveryHandler,
    concurrency: int = 1,
    grace_seconds: float = 5.0,
) -> Iterator[Running]:
    running = Running(broker, queue, handler, concurrency, grace_seconds)
    try:
        yield running
    finally:
        running.finish()


def park(broker: Broker, *messages: Message) -> None:
    """Publish `messages` and dead-letter them all through a handler."""
    expected = len(broker.list(100)) + len(messages)
    for message in messages:
        broker.publish(message)
    recorder = Recorder(lambda delivery, nth: Disposition.DEAD_LETTER)
    with consuming(broker, messages[0].queue, recorder):
        recorder.wait_for(len(messages))
    eventually(lambda: len(broker.list(100)) == expected)


class MessageBrokerContract:
    """Every broker adapter must pass these. Subclasses provide the fixtures below and
    `long_handler_seconds`, a handler duration longer than the connection's heartbeat timeout."""

    long_handler_seconds = 0.5

    @pytest.fixture
    def broker(self) -> Broker:
        raise NotImplementedError

    @pytest.fixture
    def publish_raw(self, broker: Broker) -> RawPublish:
        """Enqueue raw bytes with a message_id, as a foreign publisher could."""
        raise NotImplementedError

    @pytest.fixture
    def sever(self, broker: Broker) -> Callable[[], None]:
        """Drop the consumers' connections (unsettled deliveries go back to their queues)."""
        raise NotImplementedError

    def test_round_trip_keeps_body_id_and_headers(self, broker: Broker) -> None:
        message = make_message()
        broker.publish(message)
        recorder = Recorder()
        with consuming(broker, JOBS, recorder):
            recorder.wait_for(1)
        assert recorder.deliveries == [Delivery(message, redelivered=False)]
        eventually(lambda: broker.depth(JOBS) == 0)

    def test_acked_messages_are_gone_and_came_in_order(self, broker: Broker) -> None:
        messages = [make_message(n=n) for n in range(5)]
        for message in messages:
            broker.publish(message)
        assert broker.depth(JOBS) == 5
        recorder = Recorder()
        with consuming(broker, JOBS, recorder):
            recorder.wait_for(5)
        assert [delivery.message for delivery in recorder.deliveries] == messages
        eventually(lambda: broker.depth(JOBS) == 0)
        again = Recorder()
        with consuming(broker, JOBS, again):
            time.sleep(0.3)
        assert again.deliveries == []

    def test_publish_to_an_unknown_queue_or_the_dlq_raises(self, broker: Broker) -> None:
        for queue in ("protea.no-such-queue", DEAD_LETTER):
            with pytest.raises(PublishError):
                broker.publish(make_message(queue))
        assert broker.list(10) == []

    @pytest.mark.parametrize(
        "body", [[1, 2], "text", {"a": {1, 2}}, {"a": math.nan}, {"a": b"bytes"}]
    )
    def test_a_body_that_is_not_a_json_object_is_refused(self, broker: Broker, body: Any) -> None:
        with pytest.raises(PublishError):
            broker.publish(Message(JOBS, cast(dict[str, Any], body), str(uuid4())))
        assert broker.depth(JOBS) == 0

    def test_consuming_an_unknown_queue_raises(self, broker: Broker) -> None:
        with pytest.raises(NotFoundError):
            broker.consume(
                "protea.no-such-queue",
                Recorder(),
                concurrency=1,
                stop=threading.Event(),
                grace_seconds=1,
            )

    def test_requeue_redelivers_flagged(self, broker: Broker) -> None:
        message = make_message()
        broker.publish(message)
        recorder = Recorder(
            lambda delivery, nth: Disposition.REQUEUE if nth == 1 else Disposition.ACK
        )
        with consuming(broker, JOBS, recorder):
            first, second = recorder.wait_for(2)
        assert first == Delivery(message, redelivered=False)
        assert second == Delivery(message, redelivered=True)
        eventually(lambda: broker.depth(JOBS) == 0)

    def test_a_handler_that_raises_is_redelivered(self, broker: Broker) -> None:
        message = make_message()
        broker.publish(message)

        def decide(delivery: Delivery, nth: int) -> Disposition:
            if nth == 1:
                raise RuntimeError("handler failure")
            return Disposition.ACK

        recorder = Recorder(decide)
        with consuming(broker, JOBS, recorder):
            recorder.wait_for(2)
        assert [d.redelivered for d in recorder.deliveries] == [False, True]
        assert [d.message for d in recorder.deliveries] == [message, message]
        eventually(lambda: broker.depth(JOBS) == 0)

    def test_dead_letters_are_parked_listed_and_replayed_in_order(self, broker: Broker) -> None:
        first, second = make_message(n=1), make_message(n=2)
        park(broker, first, second)
        letters = broker.list(10)
        assert [letter.message for letter in letters] == [first, second]
        assert all(letter.original_queue == JOBS and letter.reason for letter in letters)
        assert broker.list(10) == letters
        assert broker.list(1) == letters[:1]
        assert broker.depth(JOBS) == 0

        assert broker.replay(1) == 1
        assert broker.list(10) == letters[1:]
        recorder = Recorder()
        with consuming(broker, JOBS, recorder):
            recorder.wait_for(1)
            assert broker.replay(10) == 1
            recorder.wait_for(2)
        assert [d.message for d in recorder.deliveries] == [first, second]
        assert broker.list(10) == []
        eventually(lambda: broker.depth(JOBS) == 0)

    def test_replay_returns_each_letter_to_its_own_queue(self, broker: Broker) -> None:
        job, ping = make_message(JOBS), make_message(PING)
        park(broker, job)
        park(broker, ping)
        assert [(d.original_queue, d.message) for d in broker.list(10)] == [
            (JOBS, job),
            (PING, ping),
        ]
        assert broker.replay(10) == 2
        assert (broker.depth(JOBS), broker.depth(PING)) == (1, 1)

    def test_purge_drops_every_letter(self, broker: Broker) -> None:
        park(broker, *(make_message(n=n) for n in range(3)))
        assert broker.purge() == 3
        assert broker.list(10) == []
        assert broker.purge() == 0
        assert broker.replay(10) == 0

    def test_concurrency_runs_n_handlers_at_once_and_never_more(self, broker: Broker) -> None:
        concurrency = 3
        barrier = threading.Barrier(concurrency, timeout=5)
        lock = threading.Lock()
        active = [0]
        peak = [0]

        def decide(delivery: Delivery, nth: int) -> Disposition:
            with lock:
                active[0] += 1
                peak[0] = max(peak[0], active[0])
            try:
                barrier.wait()
                time.sleep(0.1)
            finally:
                with lock:
                    active[0] -= 1
            return Disposition.ACK

        for n in range(3 * concurrency):
            broker.publish(make_message(n=n))
        recorder = Recorder(decide)
        with consuming(broker, JOBS, recorder, concurrency=concurrency):
            recorder.wait_for(3 * concurrency)
            eventually(lambda: broker.depth(JOBS) == 0 and active[0] == 0)
        assert not barrier.broken
        assert peak[0] == concurrency
        assert not any(d.redelivered for d in recorder.deliveries)

    def test_a_handler_longer_than_the_heartbeat_timeout_keeps_its_ack(
        self, broker: Broker
    ) -> None:
        message = make_message()
        broker.publish(message)
        done = threading.Event()

        def decide(delivery: Delivery, nth: int) -> Disposition:
            time.sleep(self.long_handler_seconds)
            done.set()
            return Disposition.ACK

        recorder = Recorder(decide)
        with consuming(broker, JOBS, recorder, concurrency=2):
            assert done.wait(self.long_handler_seconds + WAIT_SECONDS)
            time.sleep(1.0)
        assert recorder.deliveries == [Delivery(message, redelivered=False)]
        eventually(lambda: broker.depth(JOBS) == 0)

    def test_stop_lets_a_running_handler_finish_within_grace(self, broker: Broker) -> None:
        message = make_message()
        broker.publish(message)
        started, finished = threading.Event(), threading.Event()

        def decide(delivery: Delivery, nth: int) -> Disposition:
            started.set()
            time.sleep(0.5)
            finished.set()
            return Disposition.ACK

        recorder = Recorder(decide)
        running = Running(broker, JOBS, recorder, grace_seconds=10)
        assert started.wait(WAIT_SECONDS)
        took = running.finish()
        assert finished.is_set()
        assert took < 5
        eventually(lambda: broker.depth(JOBS) == 0)
        assert len(recorder.deliveries) == 1

    def test_a_handler_past_grace_leaves_its_message_to_the_next_consumer(
        self, broker: Broker
    ) -> None:
        message = make_message()
        broker.publish(message)
        started, release, returned = threading.Event(), threading.Event(), threading.Event()

        def slow(delivery: Delivery) -> Disposition:
            started.set()
            release.wait(WAIT_SECONDS)
            returned.set()
            return Disposition.ACK

        running = Running(broker, JOBS, slow, grace_seconds=0.3)
        assert started.wait(WAIT_SECONDS)
        assert running.finish() < 3
        assert not returned.is_set()
        release.set()
        assert returned.wait(WAIT_SECONDS)
        time.sleep(0.3)
        eventually(lambda: broker.depth(JOBS) == 1)

        recorder = Recorder()
        with consuming(broker, JOBS, recorder):
            recorder.wait_for(1)
        assert recorder.deliveries == [Delivery(message, redelivered=True)]
        eventually(lambda: broker.depth(JOBS) == 0)

    def test_undecodable_bodies_are_dead_lettered_unhandled(
        self, broker: Broker, publish_raw: RawPublish
    ) -> None:
        bad = {
            "not-json": b"\xff{not json",
            "a-list": b"[1, 2]",
            "a-string": b'"text"',
            "": b'{"no": "message id"}',
        }
        for message_id, body in bad.items():
            publish_raw(JOBS, body, message_id)
        good = make_message()
        broker.publish(good)
        recorder = Recorder()
        with consuming(broker, JOBS, recorder):
            recorder.wait_for(1)
            eventually(lambda: len(broker.list(10)) == len(bad))
        assert recorder.deliveries == [Delivery(good, redelivered=False)]
        letters: list[DeadLetter] = broker.list(10)
        assert [letter.message.message_id for letter in letters] == list(bad)
        assert all(letter.original_queue == JOBS for letter in letters)
        assert all(letter.reason.startswith("undecodable") for letter in letters)
        eventually(lambda: broker.depth(JOBS) == 0)

    def test_lost_consumer_connections_redeliver_and_lose_nothing(
        self, broker: Broker, sever: Callable[[], None]
    ) -> None:
        messages = [make_message(n=n) for n in range(12)]
        for message in messages:
            broker.publish(message)
        blocked, severed = threading.Event(), threading.Event()
        stuck = messages[0].message_id

        def decide(delivery: Delivery, nth: int) -> Disposition:
            if delivery.message.message_id == stuck and nth == 1:
                blocked.set()
                severed.wait(WAIT_SECONDS)
            else:
                time.sleep(0.02)
            return Disposition.ACK

        recorder = Recorder(decide)
        with consuming(broker, JOBS, recorder, concurrency=2):
            assert blocked.wait(WAIT_SECONDS)
            sever()
            severed.set()
            eventually(lambda: set(recorder.ids) == {m.message_id for m in messages})
            eventually(lambda: recorder.ids.count(stuck) >= 2)
        assert any(d.redelivered for d in recorder.deliveries if d.message.message_id == stuck)
        eventually(lambda: broker.depth(JOBS) == 0)

    def test_declare_is_idempotent(self, broker: Broker) -> None:
        broker.publish(make_message())
        broker.declare()
        broker.declare()
        assert broker.depth(JOBS) == 1
