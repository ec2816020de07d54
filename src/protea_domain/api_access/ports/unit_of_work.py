"""The API records' unit of work port."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Protocol, Self

from protea_domain.api_access.ports.api_keys import ApiKeyRepository
from protea_domain.api_access.ports.experiments import ExperimentRunRepository
from protea_domain.api_access.ports.idempotency import IdempotencyRepository
from protea_domain.api_access.ports.support import SupportEntryRepository
from protea_domain.api_access.ports.visitors import VisitorHitRepository


class ApiUnitOfWork(Protocol):
    """One transaction over the API-owned records: rolled back on exit unless `commit` was
    called. Repositories are usable only inside the `with` block. `commit` raises
    `StorageError` when storage fails."""

    api_keys: ApiKeyRepository
    idempotency: IdempotencyRepository
    experiments: ExperimentRunRepository
    support: SupportEntryRepository
    visitors: VisitorHitRepository

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...


ApiUnitOfWorkFactory = Callable[[], ApiUnitOfWork]
