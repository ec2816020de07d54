"""Biological data: sequences, proteins, ontology snapshots, GO terms and edges, annotation
sets, protein GO annotations, query sets, InterPro entries and InterPro2GO links.

Revision ID: 0003_biodata
Revises: 0002_queue
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from protea_adapters.sqlalchemy.types import JsonDocument, UtcDateTime

revision = "0003_biodata"
down_revision = "0002_queue"
branch_labels = None
depends_on = None

AutoId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "interpro_entries",
        sa.Column("interpro_id", sa.String(length=16), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("interpro_id", name=op.f("pk_interpro_entries")),
    )
    op.create_table(
        "ontology_snapshots",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("data_version", sa.String(length=255), nullable=False),
        sa.Column("format_version", sa.String(length=32), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("loaded_at", UtcDateTime(), nullable=False),
        sa.Column("term_count", sa.Integer(), nullable=False),
        sa.Column("relationship_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ontology_snapshots")),
        sa.UniqueConstraint("data_version", name="uq_ontology_snapshots_data_version"),
    )
    op.create_table(
        "query_sets",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("entry_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_query_sets")),
        sa.UniqueConstraint("name", name="uq_query_sets_name"),
    )
    op.create_table(
        "sequences",
        sa.Column("id", AutoId, autoincrement=True, nullable=False),
        sa.Column("md5", sa.String(length=32), nullable=False),
        sa.Column("length", sa.Integer(), nullable=False),
        sa.Column("residues", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sequences")),
        sa.UniqueConstraint("md5", name="uq_sequences_md5"),
    )
    op.create_table(
        "annotation_sets",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("source", sa.String(length=255), nullable=False),
        sa.Column("version", sa.String(length=255), nullable=False),
        sa.Column("snapshot_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("annotation_count", sa.Integer(), nullable=False),
        sa.Column("report", JsonDocument, nullable=True),
        sa.CheckConstraint(
            "status IN ('loading', 'complete')", name=op.f("ck_annotation_sets_status")
        ),
        sa.ForeignKeyConstraint(
            ["snapshot_id"],
            ["ontology_snapshots.id"],
            name=op.f("fk_annotation_sets_snapshot_id_ontology_snapshots"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_annotation_sets")),
    )
    op.create_index(
        "ix_annotation_sets_source_version",
        "annotation_sets",
        ["source", "version", "snapshot_id"],
        unique=False,
    )
    op.create_table(
        "go_terms",
        sa.Column("snapshot_id", sa.Uuid(), nullable=False),
        sa.Column("go_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("aspect", sa.String(length=1), nullable=True),
        sa.Column("is_obsolete", sa.Boolean(), nullable=False),
        sa.Column("alt_ids", JsonDocument, nullable=False),
        sa.Column("definition", sa.Text(), nullable=True),
        sa.Column("replaced_by", JsonDocument, nullable=False),
        sa.Column("consider", JsonDocument, nullable=False),
        sa.CheckConstraint("aspect IN ('P', 'F', 'C')", name=op.f("ck_go_terms_aspect")),
        sa.ForeignKeyConstraint(
            ["snapshot_id"],
            ["ontology_snapshots.id"],
            name=op.f("fk_go_terms_snapshot_id_ontology_snapshots"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("snapshot_id", "go_id", name=op.f("pk_go_terms")),
    )
    op.create_table(
        "interpro_go",
        sa.Column("version", sa.String(length=64), nullable=False),
        sa.Column("interpro_id", sa.String(length=16), nullable=False),
        sa.Column("go_id", sa.String(length=32), nullable=False),
        sa.Column("go_name", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["interpro_id"],
            ["interpro_entries.interpro_id"],
            name=op.f("fk_interpro_go_interpro_id_interpro_entries"),
        ),
        sa.PrimaryKeyConstraint("version", "interpro_id", "go_id", name=op.f("pk_interpro_go")),
    )
    op.create_table(
        "proteins",
        sa.Column("accession", sa.String(length=64), nullable=False),
        sa.Column("canonical_accession", sa.String(length=64), nullable=False),
        sa.Column("isoform", sa.Integer(), nullable=True),
        sa.Column("sequence_id", AutoId, nullable=False),
        sa.Column("entry_name", sa.String(length=64), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("organism", sa.Text(), nullable=True),
        sa.Column("taxon_id", sa.Integer(), nullable=True),
        sa.Column("gene_name", sa.String(length=255), nullable=True),
        sa.Column("protein_existence", sa.Integer(), nullable=True),
        sa.Column("sequence_version", sa.Integer(), nullable=True),
        sa.Column("reviewed", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(
            ["sequence_id"], ["sequences.id"], name=op.f("fk_proteins_sequence_id_sequences")
        ),
        sa.PrimaryKeyConstraint("accession", name=op.f("pk_proteins")),
    )
    op.create_index(
        "ix_proteins_canonical_accession", "proteins", ["canonical_accession"], unique=False
    )
    op.create_index("ix_proteins_sequence_id", "proteins", ["sequence_id"], unique=False)
    op.create_index(
        "ix_proteins_taxon_id_accession", "proteins", ["taxon_id", "accession"], unique=False
    )
    op.create_table(
        "query_set_entries",
        sa.Column("query_set_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("identifier", sa.Text(), nullable=False),
        sa.Column("header", sa.Text(), nullable=True),
        sa.Column("sequence_id", AutoId, nullable=False),
        sa.ForeignKeyConstraint(
            ["query_set_id"],
            ["query_sets.id"],
            name=op.f("fk_query_set_entries_query_set_id_query_sets"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sequence_id"],
            ["sequences.id"],
            name=op.f("fk_query_set_entries_sequence_id_sequences"),
        ),
        sa.PrimaryKeyConstraint("query_set_id", "position", name=op.f("pk_query_set_entries")),
    )
    op.create_table(
        "protein_annotations",
        sa.Column("id", AutoId, autoincrement=True, nullable=False),
        sa.Column("annotation_set_id", sa.Uuid(), nullable=False),
        sa.Column("accession", sa.String(length=64), nullable=False),
        sa.Column("go_id", sa.String(length=32), nullable=False),
        sa.Column("given_go_id", sa.String(length=32), nullable=True),
        sa.Column("aspect", sa.String(length=1), nullable=True),
        sa.Column("qualifier", sa.String(length=255), nullable=True),
        sa.Column("evidence_code", sa.String(length=16), nullable=True),
        sa.Column("eco_id", sa.String(length=32), nullable=True),
        sa.Column("db", sa.String(length=64), nullable=True),
        sa.Column("db_object_symbol", sa.String(length=255), nullable=True),
        sa.Column("db_reference", sa.Text(), nullable=True),
        sa.Column("with_from", sa.Text(), nullable=True),
        sa.Column("taxon", sa.String(length=64), nullable=True),
        sa.Column("date", sa.String(length=16), nullable=True),
        sa.Column("assigned_by", sa.String(length=255), nullable=True),
        sa.Column("annotation_extension", sa.Text(), nullable=True),
        sa.Column("gene_product_form_id", sa.String(length=255), nullable=True),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["accession"],
            ["proteins.accession"],
            name=op.f("fk_protein_annotations_accession_proteins"),
        ),
        sa.ForeignKeyConstraint(
            ["annotation_set_id"],
            ["annotation_sets.id"],
            name=op.f("fk_protein_annotations_annotation_set_id_annotation_sets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_protein_annotations")),
    )
    op.create_index(
        "ix_protein_annotations_set_accession",
        "protein_annotations",
        ["annotation_set_id", "accession"],
        unique=False,
    )
    op.create_table(
        "term_relationships",
        sa.Column("snapshot_id", sa.Uuid(), nullable=False),
        sa.Column("child_id", sa.String(length=32), nullable=False),
        sa.Column("parent_id", sa.String(length=32), nullable=False),
        sa.Column("relation", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["snapshot_id", "child_id"],
            ["go_terms.snapshot_id", "go_terms.go_id"],
            name="fk_term_relationships_child",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["snapshot_id", "parent_id"],
            ["go_terms.snapshot_id", "go_terms.go_id"],
            name="fk_term_relationships_parent",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "snapshot_id", "child_id", "parent_id", "relation", name=op.f("pk_term_relationships")
        ),
    )
    op.create_index(
        "ix_term_relationships_parent",
        "term_relationships",
        ["snapshot_id", "parent_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_term_relationships_parent", table_name="term_relationships")
    op.drop_table("term_relationships")
    op.drop_index("ix_protein_annotations_set_accession", table_name="protein_annotations")
    op.drop_table("protein_annotations")
    op.drop_table("query_set_entries")
    op.drop_index("ix_proteins_taxon_id_accession", table_name="proteins")
    op.drop_index("ix_proteins_sequence_id", table_name="proteins")
    op.drop_index("ix_proteins_canonical_accession", table_name="proteins")
    op.drop_table("proteins")
    op.drop_table("interpro_go")
    op.drop_table("go_terms")
    op.drop_index("ix_annotation_sets_source_version", table_name="annotation_sets")
    op.drop_table("annotation_sets")
    op.drop_table("sequences")
    op.drop_table("query_sets")
    op.drop_table("ontology_snapshots")
    op.drop_table("interpro_entries")
