"""Jobs: the state machine, the job entity, its events and comments."""

from protea_domain.jobs.errors import (
    IllegalTransitionError,
    JobCancelledError,
    JobNotFoundError,
)
from protea_domain.jobs.job import Job, JobComment, JobEvent, JobEventKind
from protea_domain.jobs.query import JobPage, JobQuery
from protea_domain.jobs.status import TERMINAL_STATUSES, JobStatus, legal_sources

__all__ = [
    "TERMINAL_STATUSES",
    "IllegalTransitionError",
    "Job",
    "JobCancelledError",
    "JobComment",
    "JobEvent",
    "JobEventKind",
    "JobNotFoundError",
    "JobPage",
    "JobQuery",
    "JobStatus",
    "legal_sources",
]
