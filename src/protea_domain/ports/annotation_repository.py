"""Annotation set repository port."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol
from uuid import UUID

from protea_domain.annotations.annotation_set import AnnotationSet, ProteinAnnotation
from protea_domain.annotations.fact import Fact


class AnnotationRepository(Protocol):
    """Annotation sets and their annotations, inside the owning unit of work.

    A set is written in three steps: `begin_set` (invisible to readers), `add_annotations`
    in chunks (each chunk may be committed), then `complete_set`. `discard_set` removes an
    unfinished set with all its rows. Readers only ever see complete sets, so a load that
    fails or dies half-way leaves nothing visible."""

    def begin_set(self, annotation_set: AnnotationSet) -> None:
        """Create the set as `loading`. Raises `NotFoundError` for an unknown snapshot,
        `ConflictError` if the id exists."""
        ...

    def add_annotations(self, set_id: UUID, annotations: Sequence[ProteinAnnotation]) -> None:
        """Append rows to a loading set (bulk path: COPY on PostgreSQL). Every accession must
        be a stored protein (else `NotFoundError`). Not idempotent."""
        ...

    def complete_set(self, set_id: UUID, count: int, report: dict[str, int]) -> AnnotationSet:
        """Flip a loading set to complete, recording its count and skip report, and return it.
        Raises `NotFoundError` if no loading set has that id."""
        ...

    def discard_set(self, set_id: UUID) -> None:
        """Delete a set that is still loading, with its rows; complete sets are kept.
        Idempotent."""
        ...

    def get_set(self, set_id: UUID) -> AnnotationSet:
        """A complete set. Raises `NotFoundError` (also for one still loading)."""
        ...

    def find_set(self, source: str, version: str, snapshot_id: UUID) -> AnnotationSet | None:
        """The complete set of that source release on that snapshot, or None."""
        ...

    def sets(self) -> list[AnnotationSet]:
        """Complete sets, oldest first."""
        ...

    def annotations_of(self, set_id: UUID, accession: str) -> list[ProteinAnnotation]:
        """The protein's annotations in a complete set, in load order. Empty when none.
        Raises `NotFoundError` for an unknown or incomplete set."""
        ...

    def annotation_facts(self, set_id: UUID) -> Iterator[Fact]:
        """Every annotation of a complete set as a `Fact` (accession, snapshot primary GO id,
        evidence code, and `negated` when the qualifier carries `NOT`), in load order.

        The set is checked when called (`NotFoundError` for an unknown or incomplete set, raised
        before any row is read); rows are then streamed in bounded chunks by a constant number
        of statements whatever the size of the set, so memory does not grow with it. Consume
        the iterator inside the unit of work, before it commits or closes; storage failures
        while iterating raise `StorageError`."""
        ...

    def count(self, set_id: UUID) -> int:
        """Rows stored for the set (loading or complete; 0 for an unknown id)."""
        ...
