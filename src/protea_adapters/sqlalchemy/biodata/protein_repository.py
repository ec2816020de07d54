"""Proteins and sequences on SQLAlchemy Core."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import RowMapping, bindparam, func, select, update
from sqlalchemy.orm import Session

from protea_adapters.sqlalchemy.biodata.bulk import insert_missing
from protea_adapters.sqlalchemy.biodata.lookups import select_in
from protea_adapters.sqlalchemy.biodata_tables import proteins, sequences
from protea_adapters.sqlalchemy.errors import storage_errors
from protea_domain.errors import NotFoundError
from protea_domain.ports.protein_repository import ProteinRepository
from protea_domain.sequences.protein import Protein
from protea_domain.sequences.sequence import Sequence as ProteinSequence

SEQUENCE_COLUMNS = ("md5", "length", "residues")
METADATA_COLUMNS = (
    "entry_name",
    "description",
    "organism",
    "taxon_id",
    "gene_name",
    "protein_existence",
    "reviewed",
)
PROTEIN_COLUMNS = (
    "accession",
    "canonical_accession",
    "isoform",
    "sequence_id",
    *METADATA_COLUMNS,
    "sequence_version",
)


def protein_from_row(row: RowMapping) -> Protein:
    return Protein(
        accession=row["accession"],
        canonical_accession=row["canonical_accession"],
        isoform=row["isoform"],
        entry_name=row["entry_name"],
        description=row["description"],
        organism=row["organism"],
        taxon_id=row["taxon_id"],
        gene_name=row["gene_name"],
        protein_existence=row["protein_existence"],
        sequence_version=row["sequence_version"],
        reviewed=row["reviewed"],
    )


def _metadata(protein: Protein) -> dict[str, Any]:
    return {name: getattr(protein, name) for name in METADATA_COLUMNS}


class SqlProteinRepository(ProteinRepository):
    def __init__(self, session: Session) -> None:
        self._session = session

    def add_sequences(self, sequences_: Iterable[ProteinSequence]) -> int:
        rows = {s.md5: (s.md5, len(s.residues), s.residues) for s in sequences_}
        return insert_missing(
            self._session, sequences, SEQUENCE_COLUMNS, list(rows.values()), ("md5",)
        )

    def sequence_ids(self, md5s: Iterable[str]) -> dict[str, int]:
        """MD5 -> id; raises `NotFoundError` naming the first MD5 not stored."""
        wanted = list(dict.fromkeys(md5s))
        with storage_errors():
            found = dict(
                (md5, id_)
                for id_, md5 in select_in(
                    self._session, select(sequences.c.id, sequences.c.md5), sequences.c.md5, wanted
                )
            )
        for md5 in wanted:
            if md5 not in found:
                raise NotFoundError(f"sequence {md5} is not stored")
        return found

    def add_proteins(self, proteins_: Sequence[tuple[Protein, str]]) -> int:
        ids = self.sequence_ids(md5 for _, md5 in proteins_)
        rows = {
            p.accession: (
                p.accession,
                p.canonical_accession,
                p.isoform,
                ids[md5],
                *_metadata(p).values(),
                p.sequence_version,
            )
            for p, md5 in proteins_
        }
        return insert_missing(
            self._session, proteins, PROTEIN_COLUMNS, list(rows.values()), ("accession",)
        )

    def update_metadata(self, proteins_: Iterable[Protein]) -> int:
        latest = {p.accession: p for p in proteins_}
        known = self.known_accessions(latest)
        if not known:
            return 0
        statement = update(proteins).where(proteins.c.accession == bindparam("b_accession"))
        params = [{"b_accession": a, **_metadata(latest[a])} for a in sorted(known)]
        with storage_errors():
            self._session.execute(
                statement.values({c: bindparam(c) for c in METADATA_COLUMNS}), params
            )
        return len(known)

    def get(self, accession: str) -> Protein:
        with storage_errors():
            row = (
                self._session.execute(select(proteins).where(proteins.c.accession == accession))
                .mappings()
                .first()
            )
        if row is None:
            raise NotFoundError(f"protein {accession} not found")
        return protein_from_row(row)

    def _sequence(self, condition: Any, what: str) -> ProteinSequence:
        with storage_errors():
            residues = self._session.execute(select(sequences.c.residues).where(condition)).scalar()
        if residues is None:
            raise NotFoundError(f"{what} not found")
        return ProteinSequence(residues)

    def sequence_of(self, accession: str) -> ProteinSequence:
        sub = select(proteins.c.sequence_id).where(proteins.c.accession == accession)
        return self._sequence(sequences.c.id == sub.scalar_subquery(), f"protein {accession}")

    def sequence_by_md5(self, md5: str) -> ProteinSequence:
        return self._sequence(sequences.c.md5 == md5, f"sequence {md5}")

    def by_canonical(self, canonical_accession: str) -> list[Protein]:
        statement = (
            select(proteins)
            .where(proteins.c.canonical_accession == canonical_accession)
            .order_by(proteins.c.accession)
        )
        with storage_errors():
            return [protein_from_row(r) for r in self._session.execute(statement).mappings()]

    def by_organism(
        self, taxon_id: int, *, limit: int = 1000, after: str | None = None
    ) -> list[Protein]:
        statement = select(proteins).where(proteins.c.taxon_id == taxon_id)
        if after is not None:
            statement = statement.where(proteins.c.accession > after)
        statement = statement.order_by(proteins.c.accession).limit(limit)
        with storage_errors():
            return [protein_from_row(r) for r in self._session.execute(statement).mappings()]

    def known_accessions(self, accessions: Iterable[str] | None = None) -> set[str]:
        with storage_errors():
            if accessions is None:
                return set(self._session.execute(select(proteins.c.accession)).scalars())
            rows = select_in(
                self._session, select(proteins.c.accession), proteins.c.accession, accessions
            )
        return {row[0] for row in rows}

    def count(self) -> tuple[int, int]:
        with storage_errors():
            n_proteins = self._session.execute(select(func.count()).select_from(proteins)).scalar()
            n_sequences = self._session.execute(
                select(func.count()).select_from(sequences)
            ).scalar()
        return int(n_proteins or 0), int(n_sequences or 0)
