"""Biological data tables (sequences, proteins, ontology snapshots, annotation sets, query
sets, InterPro), on the shared `metadata` of `tables.py`."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    Uuid,
)

from protea_adapters.sqlalchemy.tables import AutoId, metadata
from protea_adapters.sqlalchemy.types import JsonDocument, UtcDateTime

GO_ID = String(32)
ACCESSION = String(64)

sequences = Table(
    "sequences",
    metadata,
    Column("id", AutoId, primary_key=True, autoincrement=True),
    Column("md5", String(32), nullable=False),
    Column("length", Integer, nullable=False),
    Column("residues", Text, nullable=False),
    UniqueConstraint("md5", name="uq_sequences_md5"),
)

proteins = Table(
    "proteins",
    metadata,
    Column("accession", ACCESSION, primary_key=True),
    Column("canonical_accession", ACCESSION, nullable=False),
    Column("isoform", Integer),
    Column(
        "sequence_id",
        BigInteger().with_variant(Integer(), "sqlite"),
        ForeignKey("sequences.id"),
        nullable=False,
    ),
    Column("entry_name", String(64)),
    Column("description", Text),
    Column("organism", Text),
    Column("taxon_id", Integer),
    Column("gene_name", String(255)),
    Column("protein_existence", Integer),
    Column("sequence_version", Integer),
    Column("reviewed", Boolean),
    Index("ix_proteins_canonical_accession", "canonical_accession"),
    Index("ix_proteins_taxon_id_accession", "taxon_id", "accession"),
    Index("ix_proteins_sequence_id", "sequence_id"),
)

ontology_snapshots = Table(
    "ontology_snapshots",
    metadata,
    Column("id", Uuid(), primary_key=True),
    Column("data_version", String(255), nullable=False),
    Column("format_version", String(32)),
    Column("source", Text),
    Column("loaded_at", UtcDateTime, nullable=False),
    Column("term_count", Integer, nullable=False),
    Column("relationship_count", Integer, nullable=False),
    UniqueConstraint("data_version", name="uq_ontology_snapshots_data_version"),
)

go_terms = Table(
    "go_terms",
    metadata,
    Column(
        "snapshot_id",
        Uuid(),
        ForeignKey("ontology_snapshots.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("go_id", GO_ID, primary_key=True),
    Column("name", Text),
    Column("aspect", String(1)),
    Column("is_obsolete", Boolean, nullable=False),
    Column("alt_ids", JsonDocument, nullable=False),
    Column("definition", Text),
    Column("replaced_by", JsonDocument, nullable=False),
    Column("consider", JsonDocument, nullable=False),
    CheckConstraint("aspect IN ('P', 'F', 'C')", name="aspect"),
)

term_relationships = Table(
    "term_relationships",
    metadata,
    Column("snapshot_id", Uuid(), primary_key=True),
    Column("child_id", GO_ID, primary_key=True),
    Column("parent_id", GO_ID, primary_key=True),
    Column("relation", String(64), primary_key=True),
    ForeignKeyConstraint(
        ["snapshot_id", "child_id"],
        ["go_terms.snapshot_id", "go_terms.go_id"],
        name="fk_term_relationships_child",
        ondelete="CASCADE",
    ),
    ForeignKeyConstraint(
        ["snapshot_id", "parent_id"],
        ["go_terms.snapshot_id", "go_terms.go_id"],
        name="fk_term_relationships_parent",
        ondelete="CASCADE",
    ),
    Index("ix_term_relationships_parent", "snapshot_id", "parent_id"),
)

annotation_sets = Table(
    "annotation_sets",
    metadata,
    Column("id", Uuid(), primary_key=True),
    Column("source", String(255), nullable=False),
    Column("version", String(255), nullable=False),
    Column("snapshot_id", Uuid(), ForeignKey("ontology_snapshots.id"), nullable=False),
    Column("status", String(16), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("annotation_count", Integer, nullable=False),
    Column("report", JsonDocument),
    CheckConstraint("status IN ('loading', 'complete')", name="status"),
    Index("ix_annotation_sets_source_version", "source", "version", "snapshot_id"),
)

protein_annotations = Table(
    "protein_annotations",
    metadata,
    Column("id", AutoId, primary_key=True, autoincrement=True),
    Column(
        "annotation_set_id",
        Uuid(),
        ForeignKey("annotation_sets.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("accession", ACCESSION, ForeignKey("proteins.accession"), nullable=False),
    Column("go_id", GO_ID, nullable=False),
    Column("given_go_id", GO_ID),
    Column("aspect", String(1)),
    Column("qualifier", String(255)),
    Column("evidence_code", String(16)),
    Column("eco_id", String(32)),
    Column("db", String(64)),
    Column("db_object_symbol", String(255)),
    Column("db_reference", Text),
    Column("with_from", Text),
    Column("taxon", String(64)),
    Column("date", String(16)),
    Column("assigned_by", String(255)),
    Column("annotation_extension", Text),
    Column("gene_product_form_id", String(255)),
    Column("line", Integer, nullable=False),
    Index("ix_protein_annotations_set_accession", "annotation_set_id", "accession"),
)

query_sets = Table(
    "query_sets",
    metadata,
    Column("id", Uuid(), primary_key=True),
    Column("name", String(255), nullable=False),
    Column("source", Text),
    Column("created_at", UtcDateTime, nullable=False),
    Column("entry_count", Integer, nullable=False),
    UniqueConstraint("name", name="uq_query_sets_name"),
)

query_set_entries = Table(
    "query_set_entries",
    metadata,
    Column(
        "query_set_id", Uuid(), ForeignKey("query_sets.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("position", Integer, primary_key=True),
    Column("identifier", Text, nullable=False),
    Column("header", Text),
    Column(
        "sequence_id",
        BigInteger().with_variant(Integer(), "sqlite"),
        ForeignKey("sequences.id"),
        nullable=False,
    ),
)

interpro_entries = Table(
    "interpro_entries",
    metadata,
    Column("interpro_id", String(16), primary_key=True),
    Column("name", Text, nullable=False),
)

interpro_go = Table(
    "interpro_go",
    metadata,
    Column("version", String(64), primary_key=True),
    Column("interpro_id", String(16), ForeignKey("interpro_entries.interpro_id"), primary_key=True),
    Column("go_id", GO_ID, primary_key=True),
    Column("go_name", Text),
)
