"""Unit of work port over the biological data repositories."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Protocol, Self

from protea_domain.ports.annotation_repository import AnnotationRepository
from protea_domain.ports.interpro_repository import InterProRepository
from protea_domain.ports.ontology_repository import OntologyRepository
from protea_domain.ports.protein_repository import ProteinRepository
from protea_domain.ports.query_set_repository import QuerySetRepository


class BioDataUnitOfWork(Protocol):
    """One atomic transaction over the biodata repositories (same semantics as `UnitOfWork`):
    a context manager; changes become durable only on `commit()`; leaving the block without
    committing rolls back. Storage failures surface as `StorageError`. One thread at a time."""

    proteins: ProteinRepository
    ontology: OntologyRepository
    annotations: AnnotationRepository
    query_sets: QuerySetRepository
    interpro: InterProRepository

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


BioDataUnitOfWorkFactory = Callable[[], BioDataUnitOfWork]
