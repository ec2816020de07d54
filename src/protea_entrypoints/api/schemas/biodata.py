"""Biological data requests and responses: proteins, sequences, query sets, ontology snapshots,
terms, annotation sets and a protein's annotations."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Self
from uuid import UUID

from pydantic import BaseModel, Field, model_validator

from protea_domain.annotations.annotation_set import AnnotationSet, ProteinAnnotation
from protea_domain.annotations.aspect import Aspect
from protea_domain.ontology.terms import GoTerm, OntologySnapshot, TermRelationship
from protea_domain.sequences.protein import Protein
from protea_domain.sequences.query_set import QuerySet, QuerySetEntry
from protea_domain.sequences.sequence import Sequence
from protea_entrypoints.api.schemas.common import Strict

ACCESSION = r"^[^\s\x00-\x1f\x7f/]+$"
"""An accession or FASTA identifier: no whitespace, control characters or slash."""
TERM_ID = r"^[A-Za-z][A-Za-z0-9_]*:[A-Za-z0-9_]+$"
RELATION = r"^[A-Za-z][A-Za-z0-9_]*$"
NAME = r"^[^\x00-\x1f\x7f]+$"
MAX_TAXON_ID = 2**31 - 1
MAX_SUBGRAPH_TERMS = 500
MAX_RELATIONS = 16
MAX_FASTA_CHARS = 64 * 1024 * 1024
"""The schema's bound; the effective limit is the API's request body limit (413)."""


TermId = Annotated[str, Field(max_length=64, pattern=TERM_ID)]
Relation = Annotated[str, Field(max_length=64, pattern=RELATION)]


# --- proteins and sequences ---------------------------------------------------------------


class AccessionPath(Strict):
    accession: str = Field(min_length=1, max_length=128, pattern=ACCESSION)


class SequencePath(Strict):
    md5: str = Field(pattern=r"^[0-9a-f]{32}$", description="hex MD5 of the residues")


class ProteinListQuery(Strict):
    canonical: str | None = Field(
        default=None,
        min_length=1,
        max_length=128,
        pattern=ACCESSION,
        description="a canonical accession: the protein and its isoforms",
    )
    taxon_id: int | None = Field(
        default=None, ge=1, le=MAX_TAXON_ID, description="an NCBI taxon id: its proteins"
    )
    limit: int = Field(default=100, ge=1, le=1000)
    after: str | None = Field(
        default=None, min_length=1, max_length=128, pattern=ACCESSION, description="an accession"
    )

    @model_validator(mode="after")
    def _one_filter(self) -> Self:
        if (self.canonical is None) == (self.taxon_id is None):
            raise ValueError("give exactly one of canonical and taxon_id")
        return self


class ProteinOut(BaseModel):
    accession: str
    canonical_accession: str
    isoform: int | None
    entry_name: str | None
    description: str | None
    organism: str | None
    taxon_id: int | None
    gene_name: str | None
    protein_existence: int | None
    sequence_version: int | None
    reviewed: bool | None

    @classmethod
    def of(cls, protein: Protein) -> ProteinOut:
        return cls(
            accession=protein.accession,
            canonical_accession=protein.canonical_accession,
            isoform=protein.isoform,
            entry_name=protein.entry_name,
            description=protein.description,
            organism=protein.organism,
            taxon_id=protein.taxon_id,
            gene_name=protein.gene_name,
            protein_existence=protein.protein_existence,
            sequence_version=protein.sequence_version,
            reviewed=protein.reviewed,
        )


class ProteinDetailOut(ProteinOut):
    sequence_md5: str
    length: int

    @classmethod
    def with_sequence(cls, protein: Protein, sequence: Sequence) -> ProteinDetailOut:
        return cls(
            **ProteinOut.of(protein).model_dump(), sequence_md5=sequence.md5, length=len(sequence)
        )


class ProteinPageOut(BaseModel):
    items: list[ProteinOut]
    next: str | None


class SequenceOut(BaseModel):
    md5: str
    length: int
    residues: str

    @classmethod
    def of(cls, sequence: Sequence) -> SequenceOut:
        return cls(md5=sequence.md5, length=len(sequence), residues=sequence.residues)


# --- query sets ---------------------------------------------------------------------------


class QuerySetPath(Strict):
    query_set_id: UUID


QuerySetName = Annotated[str, Field(min_length=1, max_length=255, pattern=NAME)]


class CreateQuerySetBody(Strict):
    name: QuerySetName
    fasta: str = Field(
        min_length=1,
        max_length=MAX_FASTA_CHARS,
        description="the FASTA text; bounded by the request body limit (413 beyond it). "
        "Larger files: submit a `create_query_set` job with a path or URL.",
    )


class CreateQuerySetQuery(Strict):
    name: QuerySetName | None = Field(
        default=None,
        description="the query set's name, with a raw FASTA body (`text/x-fasta` or "
        "`text/plain`) only; a JSON body carries its own `name`",
    )


class QuerySetListQuery(Strict):
    limit: int = Field(default=50, ge=1, le=500)
    after: str | None = Field(
        default=None, min_length=1, max_length=255, pattern=NAME, description="a name"
    )


class QuerySetOut(BaseModel):
    id: UUID
    name: str
    created_at: datetime
    entry_count: int
    source: str | None

    @classmethod
    def of(cls, query_set: QuerySet) -> QuerySetOut:
        return cls(
            id=query_set.id,
            name=query_set.name,
            created_at=query_set.created_at,
            entry_count=query_set.entry_count,
            source=query_set.source,
        )


class QuerySetEntryOut(BaseModel):
    position: int
    identifier: str
    sequence_md5: str
    header: str | None

    @classmethod
    def of(cls, entry: QuerySetEntry) -> QuerySetEntryOut:
        return cls(
            position=entry.position,
            identifier=entry.identifier,
            sequence_md5=entry.sequence_md5,
            header=entry.header,
        )


class QuerySetDetailOut(QuerySetOut):
    entries: list[QuerySetEntryOut]

    @classmethod
    def with_entries(cls, query_set: QuerySet, entries: list[QuerySetEntry]) -> QuerySetDetailOut:
        return cls(
            **QuerySetOut.of(query_set).model_dump(),
            entries=[QuerySetEntryOut.of(entry) for entry in entries],
        )


class QuerySetPageOut(BaseModel):
    items: list[QuerySetOut]
    next: str | None


# --- ontology snapshots and terms ---------------------------------------------------------


class SnapshotPath(Strict):
    snapshot_id: UUID


class TermPath(Strict):
    snapshot_id: UUID
    go_id: str = Field(max_length=64, pattern=TERM_ID, examples=["GO:0008150"])


class RelationsQuery(Strict):
    relation: list[Relation] = Field(
        default_factory=list,
        max_length=MAX_RELATIONS,
        description="edge types to follow (is_a, part_of, regulates, ...); every type when "
        "none is given",
    )

    def relations(self) -> frozenset[str] | None:
        return frozenset(self.relation) or None


class SubgraphQuery(RelationsQuery):
    go_id: list[TermId] = Field(
        min_length=1,
        max_length=MAX_SUBGRAPH_TERMS,
        description="the terms to start from (repeat the parameter)",
    )


class SnapshotOut(BaseModel):
    id: UUID
    data_version: str
    loaded_at: datetime
    format_version: str | None
    source: str | None
    term_count: int
    relationship_count: int

    @classmethod
    def of(cls, snapshot: OntologySnapshot) -> SnapshotOut:
        return cls(
            id=snapshot.id,
            data_version=snapshot.data_version,
            loaded_at=snapshot.loaded_at,
            format_version=snapshot.format_version,
            source=snapshot.source,
            term_count=snapshot.term_count,
            relationship_count=snapshot.relationship_count,
        )


class SnapshotListOut(BaseModel):
    items: list[SnapshotOut]


class EdgeOut(BaseModel):
    child: str
    parent: str
    relation: str

    @classmethod
    def of(cls, edge: TermRelationship) -> EdgeOut:
        return cls(child=edge.child, parent=edge.parent, relation=edge.relation)


class TermSummaryOut(BaseModel):
    go_id: str
    name: str | None
    aspect: Aspect | None
    is_obsolete: bool

    @classmethod
    def of(cls, term: GoTerm) -> TermSummaryOut:
        return cls(
            go_id=term.go_id, name=term.name, aspect=term.aspect, is_obsolete=term.is_obsolete
        )


class TermOut(TermSummaryOut):
    definition: str | None
    alt_ids: list[str]
    replaced_by: list[str]
    consider: list[str]
    parents: list[EdgeOut]

    @classmethod
    def with_parents(cls, term: GoTerm, parents: list[TermRelationship]) -> TermOut:
        return cls(
            **TermSummaryOut.of(term).model_dump(),
            definition=term.definition,
            alt_ids=list(term.alt_ids),
            replaced_by=list(term.replaced_by),
            consider=list(term.consider),
            parents=[EdgeOut.of(edge) for edge in parents],
        )


class TermListOut(BaseModel):
    go_id: str
    relations: list[str] | None = Field(description="the edge types followed; null: every type")
    items: list[TermSummaryOut]


class SubgraphOut(BaseModel):
    relations: list[str] | None = Field(description="the edge types followed; null: every type")
    nodes: list[TermSummaryOut] = Field(description="the start terms, then ancestors (BFS)")
    edges: list[EdgeOut]


# --- annotation sets and a protein's annotations ------------------------------------------


class AnnotationSetPath(Strict):
    annotation_set_id: UUID


class AnnotationSetOut(BaseModel):
    id: UUID
    source: str
    version: str
    snapshot_id: UUID
    created_at: datetime
    annotation_count: int

    @classmethod
    def of(cls, annotation_set: AnnotationSet) -> AnnotationSetOut:
        return cls(
            id=annotation_set.id,
            source=annotation_set.source,
            version=annotation_set.version,
            snapshot_id=annotation_set.snapshot_id,
            created_at=annotation_set.created_at,
            annotation_count=annotation_set.annotation_count,
        )


class AnnotationSetDetailOut(AnnotationSetOut):
    report: dict[str, int] = Field(description="skipped lines by reason")

    @classmethod
    def with_report(cls, annotation_set: AnnotationSet) -> AnnotationSetDetailOut:
        return cls(
            **AnnotationSetOut.of(annotation_set).model_dump(),
            report=dict(annotation_set.report or {}),
        )


class AnnotationSetListOut(BaseModel):
    items: list[AnnotationSetOut]


class ProteinAnnotationsQuery(Strict):
    annotation_set_id: UUID | None = Field(
        default=None, description="one annotation set; every set when absent"
    )
    propagate: bool = Field(
        default=False,
        description="also list the terms propagated to their ancestors over is_a + part_of "
        "(NOT-qualified annotations do not propagate)",
    )


class AnnotationOut(BaseModel):
    go_id: str
    given_go_id: str | None
    aspect: Aspect | None
    qualifier: str | None
    evidence_code: str | None
    eco_id: str | None
    db: str | None
    db_object_symbol: str | None
    db_reference: str | None
    with_from: str | None
    taxon: str | None
    date: str | None
    assigned_by: str | None
    annotation_extension: str | None
    gene_product_form_id: str | None

    @classmethod
    def of(cls, row: ProteinAnnotation) -> AnnotationOut:
        return cls(
            go_id=row.go_id,
            given_go_id=row.given_go_id,
            aspect=row.aspect,
            qualifier=row.qualifier,
            evidence_code=row.evidence_code,
            eco_id=row.eco_id,
            db=row.db,
            db_object_symbol=row.db_object_symbol,
            db_reference=row.db_reference,
            with_from=row.with_from,
            taxon=row.taxon,
            date=row.date,
            assigned_by=row.assigned_by,
            annotation_extension=row.annotation_extension,
            gene_product_form_id=row.gene_product_form_id,
        )


class SetAnnotationsOut(BaseModel):
    annotation_set: AnnotationSetOut
    annotations: list[AnnotationOut]
    propagated_terms: list[str] | None = Field(
        description="with ?propagate=true: the annotated terms and all their ancestors, sorted"
    )


class ProteinAnnotationsOut(BaseModel):
    accession: str
    items: list[SetAnnotationsOut]
