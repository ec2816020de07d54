"""Query sets from FASTA: every record's sequence is stored (deduplicated) and listed in file
order under a named set, in one transaction."""

from __future__ import annotations

from collections.abc import Iterable
from uuid import uuid4

from protea_domain.errors import ConflictError
from protea_domain.parsing.skipped import SkippedLine
from protea_domain.ports.biodata_unit_of_work import BioDataUnitOfWorkFactory
from protea_domain.ports.clock import Clock
from protea_domain.sequences.protein import ProteinRecord
from protea_domain.sequences.query_set import QuerySet, QuerySetEntry


def create_query_set(
    uow_factory: BioDataUnitOfWorkFactory,
    clock: Clock,
    name: str,
    records: Iterable[ProteinRecord | SkippedLine],
    *,
    source: str | None = None,
) -> QuerySet:
    """Create the set. Raises `ParseError` at the first bad record (records are read
    strictly: a query set is all of the file or nothing) and `ConflictError` if the name is
    taken."""
    query_set_id = uuid4()
    entries: list[QuerySetEntry] = []
    sequences = []
    for position, record in enumerate(records):
        if isinstance(record, SkippedLine):
            raise record.to_error()
        sequences.append(record.sequence)
        entries.append(
            QuerySetEntry(
                query_set_id, position, record.accession, record.sequence.md5, record.header
            )
        )
    query_set = QuerySet(query_set_id, name, clock.now(), len(entries), source)
    with uow_factory() as uow:
        if uow.query_sets.find(name) is not None:
            raise ConflictError(f"query set {name!r} exists")
        uow.proteins.add_sequences(sequences)
        uow.query_sets.add(query_set, entries)
        uow.commit()
    return query_set
