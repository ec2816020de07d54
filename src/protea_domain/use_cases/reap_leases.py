"""The reaper: jobs whose worker stopped heart-beating are requeued, then failed."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from protea_domain.jobs import moves
from protea_domain.jobs.errors import IllegalTransitionError
from protea_domain.ports.clock import Clock
from protea_domain.ports.unit_of_work import UnitOfWorkFactory
from protea_domain.use_cases import job_lifecycle

LEASE_EXPIRED = "lease_expired"


@dataclass(frozen=True, slots=True)
class ReapReport:
    requeued: list[UUID]
    failed: list[UUID]


def reap_expired_leases(
    uow_factory: UnitOfWorkFactory, clock: Clock, limit: int = 100
) -> ReapReport:
    """Requeue (with a new wake-up) each running job whose lease expired while it has attempts
    left; fail the others with code `lease_expired`. Each move is conditional on the lease still
    being expired, so a late heartbeat wins and the job keeps running."""
    now = clock.now()
    with uow_factory() as uow:
        expired = uow.jobs.expired_leases(now, limit)
    requeued: list[UUID] = []
    failed: list[UUID] = []
    for job in expired:
        reason = f"lease of {job.lease_owner} expired at {job.lease_expires_at:%Y-%m-%dT%H:%M:%S%z}"
        try:
            if job.attempts < job.max_attempts:
                job_lifecycle.requeue_job(
                    uow_factory(), clock, job.id, reason, lease_expired_before=now
                )
                requeued.append(job.id)
            else:
                message = f"{reason}; {job.attempts} attempts spent"
                move = moves.fail(now, LEASE_EXPIRED, message, lease_expired_before=now)
                with uow_factory() as uow:
                    job_lifecycle.move_with_event(uow, job.id, move, f"failed: {message}")
                    uow.commit()
                failed.append(job.id)
        except IllegalTransitionError:
            continue
    return ReapReport(requeued, failed)
