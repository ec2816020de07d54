"""The in-process broker: the embedded default, with RabbitMQ's semantics and no persistence.

Queues live in memory (lost with the process). Bodies travel in their JSON wire form, so
consumers get fresh objects and the same bodies are accepted and rejected as on RabbitMQ.
- `publish` to a queue that was not declared raises `PublishError` (RabbitMQ's mandatory flag),
  and so does a publish to the DLQ or of a body that is not a JSON object; every work queue and
  the DLQ exist from construction, so `declare` is idempotent and cheap. `publish_raw` enqueues
  bytes as a foreign publisher could, for tests.
- Consumers take messages in order; a requeued delivery (REQUEUE, a handler that raised, a
  delivery not started before `stop` or still running after the grace period) goes back to the
  head of its queue with `redelivered=True`, as RabbitMQ puts it back at (about) its original
  position.
- DEAD_LETTER parks the message with its original queue and `HANDLER_REASON`; a body that is not a
  JSON object is parked (`undecodable: ...`) without calling the handler.
- `crash_consumers()` simulates lost consumer connections: every unsettled delivery goes back with
  `redelivered=True`, settlements of the old deliveries are ignored, and consumers carry on as
  RabbitMQ consumers do once reconnected.
"""

from __future__ import annotations

import builtins
import itertools
import threading
import time
from collections import deque
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace

from protea_adapters.queue.codec import (
    HANDLER_REASON,
    UndecodableError,
    decode_message,
    encode_body,
    parked_body,
)
from protea_adapters.queue.handling import run_handler
from protea_domain.errors import NotFoundError
from protea_domain.messaging.message import DeadLetter, Delivery, Disposition, Message
from protea_domain.messaging.queues import DEAD_LETTER, WORK_QUEUES
from protea_domain.ports.message_broker import (
    BrokerTopology,
    DeadLetterQueue,
    DeliveryHandler,
    MessageConsumer,
    MessagePublisher,
    PublishError,
)

POLL_SECONDS = 0.05


@dataclass(frozen=True, slots=True)
class _Envelope:
    queue: str
    body: bytes
    message_id: str
    headers: dict[str, str]
    redelivered: bool = False


@dataclass(frozen=True, slots=True)
class _Parked:
    envelope: _Envelope
    original_queue: str
    reason: str


@dataclass(eq=False)
class _Session:
    queue: str
    unsettled: dict[int, _Envelope] = field(default_factory=dict)


class InProcessBroker(MessagePublisher, MessageConsumer, DeadLetterQueue, BrokerTopology):
    """Every broker port over in-memory queues; safe to share between threads."""

    def __init__(self, queues: Iterable[str] = WORK_QUEUES) -> None:
        self._changed = threading.Condition()
        self._queues: dict[str, deque[_Envelope]] = {}
        self._parked: deque[_Parked] = deque()
        self._sessions: set[_Session] = set()
        self._tokens = itertools.count()
        self._work_queues = tuple(queues)
        self.declare()

    def declare(self) -> None:
        with self._changed:
            for queue in self._work_queues:
                self._queues.setdefault(queue, deque())

    def publish(self, message: Message) -> None:
        body = encode_body(message.body)
        self._enqueue(_Envelope(message.queue, body, message.message_id, dict(message.headers)))

    def publish_raw(
        self, queue: str, body: bytes, message_id: str, headers: dict[str, str] | None = None
    ) -> None:
        """Enqueue bytes as they stand, as a foreign publisher could: for tests of bad bodies."""
        self._enqueue(_Envelope(queue, body, message_id, dict(headers or {})))

    def depth(self, queue: str) -> int:
        """Messages ready in `queue` (unsettled deliveries not counted)."""
        with self._changed:
            return len(self._queue(queue))

    def crash_consumers(self) -> None:
        """Return every unsettled delivery to the head of its queue, `redelivered=True`."""
        with self._changed:
            for session in self._sessions:
                self._return_unsettled(session)
            self._changed.notify_all()

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
        with self._changed:
            self._queue(queue)
            session = _Session(queue)
            self._sessions.add(session)
        slots = threading.BoundedSemaphore(concurrency)
        pool = ThreadPoolExecutor(concurrency, thread_name_prefix=f"inprocess-{queue}")
        try:
            while not stop.is_set():
                if not slots.acquire(timeout=POLL_SECONDS):
                    continue
                taken = self._take(session)
                if taken is None:
                    slots.release()
                    continue
                token, envelope = taken
                pool.submit(self._run, session, token, envelope, handler, stop, slots)
            self._drain(session, time.monotonic() + grace_seconds)
        finally:
            with self._changed:
                self._return_unsettled(session)
                self._sessions.discard(session)
                self._changed.notify_all()
            pool.shutdown(wait=False, cancel_futures=True)

    def list(self, limit: int) -> builtins.list[DeadLetter]:
        with self._changed:
            parked = builtins.list(itertools.islice(self._parked, max(limit, 0)))
        return [
            DeadLetter(
                Message(
                    p.original_queue,
                    parked_body(p.envelope.body),
                    p.envelope.message_id,
                    dict(p.envelope.headers),
                ),
                p.original_queue,
                p.reason,
            )
            for p in parked
        ]

    def replay(self, limit: int) -> int:
        moved = 0
        with self._changed:
            kept: builtins.list[_Parked] = []
            for _ in range(min(max(limit, 0), len(self._parked))):
                parked = self._parked.popleft()
                target = self._queues.get(parked.original_queue)
                if target is None:
                    kept.append(parked)
                    continue
                target.append(replace(parked.envelope, queue=parked.original_queue))
                moved += 1
            self._parked.extendleft(reversed(kept))
            self._changed.notify_all()
        return moved

    def purge(self) -> int:
        with self._changed:
            dropped = len(self._parked)
            self._parked.clear()
        return dropped

    def _queue(self, name: str) -> deque[_Envelope]:
        try:
            return self._queues[name]
        except KeyError:
            raise NotFoundError(f"queue {name!r} is not declared") from None

    def _enqueue(self, envelope: _Envelope) -> None:
        with self._changed:
            target = self._queues.get(envelope.queue)
            if target is None:
                raise PublishError(f"unroutable: no queue named {envelope.queue!r}")
            target.append(envelope)
            self._changed.notify_all()

    def _take(self, session: _Session) -> tuple[int, _Envelope] | None:
        with self._changed:
            source = self._queues[session.queue]
            if not source:
                self._changed.wait(POLL_SECONDS)
            if not source:
                return None
            envelope = source.popleft()
            token = next(self._tokens)
            session.unsettled[token] = envelope
            return token, envelope

    def _run(
        self,
        session: _Session,
        token: int,
        envelope: _Envelope,
        handler: DeliveryHandler,
        stop: threading.Event,
        slots: threading.BoundedSemaphore,
    ) -> None:
        try:
            if stop.is_set():
                self._settle(session, token, Disposition.REQUEUE, "")
                return
            try:
                message = decode_message(
                    envelope.queue, envelope.body, envelope.message_id, envelope.headers
                )
            except UndecodableError as exc:
                self._settle(session, token, Disposition.DEAD_LETTER, exc.reason)
                return
            disposition = run_handler(handler, Delivery(message, envelope.redelivered))
            self._settle(session, token, disposition, "")
        finally:
            slots.release()

    def _settle(self, session: _Session, token: int, disposition: Disposition, reason: str) -> None:
        with self._changed:
            envelope = session.unsettled.pop(token, None)
            if envelope is None:
                return
            if disposition is Disposition.REQUEUE:
                self._queues[envelope.queue].appendleft(replace(envelope, redelivered=True))
            elif disposition is Disposition.DEAD_LETTER:
                parked = replace(envelope, queue=DEAD_LETTER, redelivered=False)
                self._parked.append(_Parked(parked, envelope.queue, reason or HANDLER_REASON))
            self._changed.notify_all()

    def _drain(self, session: _Session, deadline: float) -> None:
        with self._changed:
            while session.unsettled and (left := deadline - time.monotonic()) > 0:
                self._changed.wait(left)

    def _return_unsettled(self, session: _Session) -> None:
        source = self._queues[session.queue]
        for token in sorted(session.unsettled, reverse=True):
            source.appendleft(replace(session.unsettled[token], redelivered=True))
        session.unsettled.clear()
