"""Annotation sets and protein GO annotations on SQLAlchemy Core (COPY on PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import RowMapping, Select, delete, func, insert, select, update
from sqlalchemy.orm import Session

from protea_adapters.sqlalchemy.biodata.bulk import constraint_errors, copy_insert
from protea_adapters.sqlalchemy.biodata_tables import (
    annotation_sets,
    ontology_snapshots,
    protein_annotations,
)
from protea_adapters.sqlalchemy.errors import storage_errors
from protea_domain.annotations.annotation_set import AnnotationSet, ProteinAnnotation
from protea_domain.annotations.aspect import Aspect
from protea_domain.annotations.fact import Fact
from protea_domain.annotations.qualifiers import is_negated
from protea_domain.errors import NotFoundError
from protea_domain.ports.annotation_repository import AnnotationRepository

LOADING = "loading"
COMPLETE = "complete"
FIELDS = (
    "accession",
    "go_id",
    "aspect",
    "qualifier",
    "evidence_code",
    "eco_id",
    "db",
    "db_object_symbol",
    "db_reference",
    "with_from",
    "taxon",
    "date",
    "assigned_by",
    "annotation_extension",
    "gene_product_form_id",
    "given_go_id",
    "line",
)
COLUMNS = ("annotation_set_id", *FIELDS)
FACT_CHUNK_ROWS = 10_000
"""Rows fetched per round trip when streaming facts (a server-side cursor on PostgreSQL)."""


def set_from_row(row: RowMapping) -> AnnotationSet:
    return AnnotationSet(
        id=row["id"],
        source=row["source"],
        version=row["version"],
        snapshot_id=row["snapshot_id"],
        created_at=row["created_at"],
        annotation_count=row["annotation_count"],
        report=row["report"],
    )


def annotation_from_row(row: RowMapping) -> ProteinAnnotation:
    values: dict[str, Any] = {name: row[name] for name in FIELDS}
    values["aspect"] = Aspect(values["aspect"]) if values["aspect"] else None
    return ProteinAnnotation(**values)


def annotation_row(set_id: UUID, item: ProteinAnnotation) -> tuple[Any, ...]:
    return (
        set_id,
        item.accession,
        item.go_id,
        item.aspect.value if item.aspect else None,
        item.qualifier,
        item.evidence_code,
        item.eco_id,
        item.db,
        item.db_object_symbol,
        item.db_reference,
        item.with_from,
        item.taxon,
        item.date,
        item.assigned_by,
        item.annotation_extension,
        item.gene_product_form_id,
        item.given_go_id,
        item.line,
    )


class SqlAnnotationRepository(AnnotationRepository):
    def __init__(self, session: Session) -> None:
        self._session = session

    def _status(self, set_id: UUID) -> str | None:
        statement = select(annotation_sets.c.status).where(annotation_sets.c.id == set_id)
        with storage_errors():
            return self._session.execute(statement).scalar()

    def begin_set(self, annotation_set: AnnotationSet) -> None:
        with storage_errors():
            known = self._session.execute(
                select(ontology_snapshots.c.id).where(
                    ontology_snapshots.c.id == annotation_set.snapshot_id
                )
            ).first()
        if known is None:
            raise NotFoundError(f"ontology snapshot {annotation_set.snapshot_id} not found")
        with constraint_errors("annotation_sets"):
            self._session.execute(
                insert(annotation_sets).values(
                    id=annotation_set.id,
                    source=annotation_set.source,
                    version=annotation_set.version,
                    snapshot_id=annotation_set.snapshot_id,
                    status=LOADING,
                    created_at=annotation_set.created_at,
                    annotation_count=0,
                    report=None,
                )
            )

    def add_annotations(self, set_id: UUID, annotations: Sequence[ProteinAnnotation]) -> None:
        if self._status(set_id) != LOADING:
            raise NotFoundError(f"no annotation set {set_id} is loading")
        rows = [annotation_row(set_id, item) for item in annotations]
        copy_insert(self._session, protein_annotations, COLUMNS, rows)

    def complete_set(self, set_id: UUID, count: int, report: dict[str, int]) -> AnnotationSet:
        statement = (
            update(annotation_sets)
            .where(annotation_sets.c.id == set_id, annotation_sets.c.status == LOADING)
            .values(status=COMPLETE, annotation_count=count, report=dict(report))
        )
        with storage_errors():
            if self._session.execute(statement).rowcount != 1:  # type: ignore[attr-defined]
                raise NotFoundError(f"no annotation set {set_id} is loading")
        return self.get_set(set_id)

    def discard_set(self, set_id: UUID) -> None:
        if self._status(set_id) != LOADING:
            return
        with storage_errors():
            self._session.execute(
                delete(protein_annotations).where(protein_annotations.c.annotation_set_id == set_id)
            )
            self._session.execute(delete(annotation_sets).where(annotation_sets.c.id == set_id))

    def _complete(self) -> Any:
        return select(annotation_sets).where(annotation_sets.c.status == COMPLETE)

    def get_set(self, set_id: UUID) -> AnnotationSet:
        with storage_errors():
            row = (
                self._session.execute(self._complete().where(annotation_sets.c.id == set_id))
                .mappings()
                .first()
            )
        if row is None:
            raise NotFoundError(f"annotation set {set_id} not found")
        return set_from_row(row)

    def find_set(self, source: str, version: str, snapshot_id: UUID) -> AnnotationSet | None:
        c = annotation_sets.c
        statement = (
            self._complete()
            .where(c.source == source, c.version == version, c.snapshot_id == snapshot_id)
            .order_by(c.created_at)
        )
        with storage_errors():
            row = self._session.execute(statement).mappings().first()
        return None if row is None else set_from_row(row)

    def sets(self) -> list[AnnotationSet]:
        statement = self._complete().order_by(annotation_sets.c.created_at, annotation_sets.c.id)
        with storage_errors():
            return [set_from_row(r) for r in self._session.execute(statement).mappings()]

    def annotations_of(self, set_id: UUID, accession: str) -> list[ProteinAnnotation]:
        self.get_set(set_id)
        c = protein_annotations.c
        statement = (
            select(protein_annotations)
            .where(c.annotation_set_id == set_id, c.accession == accession)
            .order_by(c.id)
        )
        with storage_errors():
            return [annotation_from_row(r) for r in self._session.execute(statement).mappings()]

    def annotation_facts(self, set_id: UUID) -> Iterator[Fact]:
        self.get_set(set_id)
        c = protein_annotations.c
        statement = (
            select(c.accession, c.go_id, c.evidence_code, c.qualifier)
            .where(c.annotation_set_id == set_id)
            .order_by(c.id)
            .execution_options(yield_per=FACT_CHUNK_ROWS)
        )
        return self._stream_facts(statement)

    def _stream_facts(self, statement: Select[Any]) -> Iterator[Fact]:
        """One statement, fetched `FACT_CHUNK_ROWS` at a time (`yield_per` streams through a
        server-side cursor where the driver has one); the result is closed when the consumer
        stops early."""
        with storage_errors():
            result = self._session.execute(statement)
            try:
                for chunk in result.partitions():
                    for accession, go_id, evidence, qualifier in chunk:
                        negated = qualifier is not None and is_negated(qualifier)
                        yield Fact(accession, go_id, evidence, negated)
            finally:
                result.close()

    def count(self, set_id: UUID) -> int:
        statement = select(func.count()).where(protein_annotations.c.annotation_set_id == set_id)
        with storage_errors():
            return int(self._session.execute(statement).scalar() or 0)
