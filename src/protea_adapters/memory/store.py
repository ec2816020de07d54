"""The state behind the in-memory adapters: plain containers a test can inspect."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from uuid import UUID

from protea_domain.jobs.job import Job, JobComment, JobEvent


@dataclass
class MemoryStore:
    """Committed state. A unit of work holds `lock` from enter to exit (serialisable)."""

    jobs: dict[UUID, Job] = field(default_factory=dict)
    events: list[JobEvent] = field(default_factory=list)
    comments: list[JobComment] = field(default_factory=list)
    sequence: int = 0
    lock: threading.RLock = field(default_factory=threading.RLock)

    def next_id(self) -> int:
        self.sequence += 1
        return self.sequence

    def snapshot(self) -> tuple[dict[UUID, Job], int, int, int]:
        return dict(self.jobs), len(self.events), len(self.comments), self.sequence

    def restore(self, snapshot: tuple[dict[UUID, Job], int, int, int]) -> None:
        jobs, n_events, n_comments, sequence = snapshot
        self.jobs = jobs
        del self.events[n_events:]
        del self.comments[n_comments:]
        self.sequence = sequence
