"""Ontology snapshots, GO terms and typed edges on SQLAlchemy Core (COPY on PostgreSQL)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import RowMapping, Text, insert, select, type_coerce
from sqlalchemy.orm import Session

from protea_adapters.sqlalchemy.biodata.bulk import constraint_errors, copy_insert
from protea_adapters.sqlalchemy.biodata.lookups import batched
from protea_adapters.sqlalchemy.biodata_tables import (
    go_terms,
    ontology_snapshots,
    term_relationships,
)
from protea_adapters.sqlalchemy.errors import storage_errors
from protea_domain.annotations.aspect import Aspect
from protea_domain.errors import ConflictError, NotFoundError
from protea_domain.ontology.terms import GoTerm, OntologySnapshot, TermRelationship
from protea_domain.ports.ontology_repository import OntologyRepository

TERM_COLUMNS = (
    "snapshot_id",
    "go_id",
    "name",
    "aspect",
    "is_obsolete",
    "alt_ids",
    "definition",
    "replaced_by",
    "consider",
)
EDGE_COLUMNS = ("snapshot_id", "child_id", "parent_id", "relation")


def snapshot_from_row(row: RowMapping) -> OntologySnapshot:
    return OntologySnapshot(
        id=row["id"],
        data_version=row["data_version"],
        loaded_at=row["loaded_at"],
        format_version=row["format_version"],
        source=row["source"],
        term_count=row["term_count"],
        relationship_count=row["relationship_count"],
    )


def _ids(value: Any) -> tuple[str, ...]:
    """A JSON id list read raw: text on SQLite, already decoded by psycopg2 for JSONB."""
    if not value:
        return ()
    return tuple(json.loads(value) if isinstance(value, str) else value)


def term_from_row(row: RowMapping) -> GoTerm:
    return GoTerm(
        go_id=row["go_id"],
        name=row["name"],
        aspect=Aspect(row["aspect"]) if row["aspect"] else None,
        is_obsolete=bool(row["is_obsolete"]),
        alt_ids=_ids(row["alt_ids"]),
        definition=row["definition"],
        replaced_by=_ids(row["replaced_by"]),
        consider=_ids(row["consider"]),
    )


# JSON columns read without SQLAlchemy's per-row processing (47k terms per snapshot).
RAW_TERM_COLUMNS = [
    type_coerce(c, Text).label(c.name) if c.name in ("alt_ids", "replaced_by", "consider") else c
    for c in go_terms.c
]


class SqlOntologyRepository(OntologyRepository):
    def __init__(self, session: Session) -> None:
        self._session = session

    def add_snapshot(
        self,
        snapshot: OntologySnapshot,
        terms: Sequence[GoTerm],
        relationships: Sequence[TermRelationship],
    ) -> None:
        if self.find_snapshot(snapshot.data_version) is not None:
            raise ConflictError(f"ontology snapshot {snapshot.data_version!r} exists")
        with constraint_errors("ontology_snapshots"):
            self._session.execute(
                insert(ontology_snapshots).values(
                    id=snapshot.id,
                    data_version=snapshot.data_version,
                    format_version=snapshot.format_version,
                    source=snapshot.source,
                    loaded_at=snapshot.loaded_at,
                    term_count=snapshot.term_count,
                    relationship_count=snapshot.relationship_count,
                )
            )
        term_rows = [
            (
                snapshot.id,
                t.go_id,
                t.name,
                t.aspect.value if t.aspect else None,
                t.is_obsolete,
                list(t.alt_ids),
                t.definition,
                list(t.replaced_by),
                list(t.consider),
            )
            for t in terms
        ]
        copy_insert(self._session, go_terms, TERM_COLUMNS, term_rows)
        edge_rows = [(snapshot.id, e.child, e.parent, e.relation) for e in relationships]
        copy_insert(self._session, term_relationships, EDGE_COLUMNS, edge_rows)

    def find_snapshot(self, data_version: str) -> OntologySnapshot | None:
        statement = select(ontology_snapshots).where(
            ontology_snapshots.c.data_version == data_version
        )
        with storage_errors():
            row = self._session.execute(statement).mappings().first()
        return None if row is None else snapshot_from_row(row)

    def get_snapshot(self, snapshot_id: UUID) -> OntologySnapshot:
        statement = select(ontology_snapshots).where(ontology_snapshots.c.id == snapshot_id)
        with storage_errors():
            row = self._session.execute(statement).mappings().first()
        if row is None:
            raise NotFoundError(f"ontology snapshot {snapshot_id} not found")
        return snapshot_from_row(row)

    def snapshots(self) -> list[OntologySnapshot]:
        statement = select(ontology_snapshots).order_by(
            ontology_snapshots.c.loaded_at, ontology_snapshots.c.data_version
        )
        with storage_errors():
            return [snapshot_from_row(r) for r in self._session.execute(statement).mappings()]

    def terms(self, snapshot_id: UUID, go_ids: Iterable[str] | None = None) -> list[GoTerm]:
        self.get_snapshot(snapshot_id)
        base = select(*RAW_TERM_COLUMNS).where(go_terms.c.snapshot_id == snapshot_id)
        with storage_errors():
            if go_ids is None:
                rows = list(self._session.execute(base).mappings())
            else:
                rows = []
                for batch in batched(dict.fromkeys(go_ids)):
                    rows.extend(
                        self._session.execute(base.where(go_terms.c.go_id.in_(batch))).mappings()
                    )
        return sorted((term_from_row(r) for r in rows), key=lambda t: t.go_id)

    def relationships(
        self, snapshot_id: UUID, relations: Iterable[str] | None = None
    ) -> list[TermRelationship]:
        self.get_snapshot(snapshot_id)
        c = term_relationships.c
        statement = select(c.child_id, c.parent_id, c.relation).where(c.snapshot_id == snapshot_id)
        if relations is not None:
            statement = statement.where(c.relation.in_(sorted(set(relations))))
        statement = statement.order_by(c.child_id, c.parent_id, c.relation)
        with storage_errors():
            return [TermRelationship(*row) for row in self._session.execute(statement)]
