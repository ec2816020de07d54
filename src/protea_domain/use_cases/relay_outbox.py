"""The outbox relay: publish committed messages, mark them sent, survive any crash."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from protea_domain.jobs.retry import RetryPolicy
from protea_domain.ports.clock import Clock
from protea_domain.ports.message_broker import MessagePublisher, PublishError
from protea_domain.ports.tracer import Tracer
from protea_domain.ports.unit_of_work import UnitOfWorkFactory

logger = logging.getLogger(__name__)

PUBLISH_RETRY = RetryPolicy(base_seconds=0.5, cap_seconds=30.0)


@dataclass(frozen=True, slots=True)
class RelayLag:
    due: int
    oldest_unsent_age: timedelta | None


def relay_outbox(
    uow_factory: UnitOfWorkFactory,
    publisher: MessagePublisher,
    clock: Clock,
    limit: int = 100,
    retry: RetryPolicy = PUBLISH_RETRY,
    tracer: Tracer | None = None,
) -> int:
    """Publish up to `limit` due entries and mark each sent, in one transaction that holds
    them (concurrent relays take other entries). A crash after a publish and before the commit
    publishes that message again later: consumers treat duplicates as no-ops. A failed publish
    postpones its entry with backoff. Returns how many were published."""
    published = 0
    with uow_factory() as uow:
        now = clock.now()
        for entry in uow.outbox.claim_due(now, limit):
            assert entry.id is not None
            try:
                if tracer is None:
                    publisher.publish(entry.message)
                else:
                    with tracer.span(f"publish {entry.message.queue}", entry.message.headers):
                        publisher.publish(entry.message)
            except PublishError as exc:
                logger.warning("publishing %s failed: %s", entry.message.message_id, exc)
                retry_at = now + retry.delay(entry.attempts + 1)
                uow.outbox.mark_failed(entry.id, str(exc), retry_at)
                break
            uow.outbox.mark_sent(entry.id, clock.now())
            published += 1
        uow.commit()
    return published


def relay_lag(uow_factory: UnitOfWorkFactory, now: datetime) -> RelayLag:
    with uow_factory() as uow:
        due, oldest = uow.outbox.pending(now)
    return RelayLag(due, now - oldest if oldest else None)
