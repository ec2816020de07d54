"""The state behind the in-memory adapters: plain containers a test can inspect."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from uuid import UUID

from protea_domain.jobs.batch import BatchChild
from protea_domain.jobs.job import Job, JobComment, JobEvent
from protea_domain.messaging.outbox import OutboxEntry


@dataclass
class MemoryStore:
    """Committed state. A unit of work holds `lock` from enter to exit (serialisable)."""

    jobs: dict[UUID, Job] = field(default_factory=dict)
    events: list[JobEvent] = field(default_factory=list)
    comments: list[JobComment] = field(default_factory=list)
    outbox: dict[int, OutboxEntry] = field(default_factory=dict)
    batches: dict[tuple[UUID, str], BatchChild] = field(default_factory=dict)
    sequence: int = 0
    lock: threading.RLock = field(default_factory=threading.RLock)

    def next_id(self) -> int:
        self.sequence += 1
        return self.sequence

    def snapshot(self) -> Snapshot:
        return Snapshot(
            dict(self.jobs),
            len(self.events),
            len(self.comments),
            dict(self.outbox),
            dict(self.batches),
            self.sequence,
        )

    def restore(self, snapshot: Snapshot) -> None:
        self.jobs = dict(snapshot.jobs)
        del self.events[snapshot.n_events :]
        del self.comments[snapshot.n_comments :]
        self.outbox = dict(snapshot.outbox)
        self.batches = dict(snapshot.batches)
        self.sequence = snapshot.sequence


@dataclass(frozen=True)
class Snapshot:
    """Committed state to return to on rollback (entities are immutable; lists append-only)."""

    jobs: dict[UUID, Job]
    n_events: int
    n_comments: int
    outbox: dict[int, OutboxEntry]
    batches: dict[tuple[UUID, str], BatchChild]
    sequence: int
