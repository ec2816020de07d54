"""Unit of work port."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Protocol, Self

from protea_domain.ports.batch_repository import BatchRepository
from protea_domain.ports.job_repository import JobRepository
from protea_domain.ports.outbox_repository import OutboxRepository


class UnitOfWork(Protocol):
    """One atomic transaction over the repositories it exposes.

    Use as a context manager. Changes become durable only on `commit()`; leaving the block
    without committing (normally or by an exception) rolls everything back. Storage failures
    surface as `StorageError`. A unit of work is used by one thread at a time.
    """

    jobs: JobRepository
    outbox: OutboxRepository
    batches: BatchRepository

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None:
        """Make every change since the last commit durable, atomically."""
        ...

    def rollback(self) -> None:
        """Discard every change since the last commit."""
        ...


UnitOfWorkFactory = Callable[[], UnitOfWork]
