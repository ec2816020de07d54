"""Biodata load throughput, each beside a raw COPY of the same rows in the same run (the
ceiling; on SQLite the ceiling is one raw `executemany`):

  * go-basic-2022-07-01 (47,468 terms + 85,713 edges) into PostgreSQL and into SQLite;
  * the 40,000 reference proteins with their sequences into PostgreSQL;
  * 1,000,000 annotation rows (the real reference rows repeated) into PostgreSQL.

    python benchmarks/biodata_load.py [--rows 1000000] [--pg-url URL] [--data DIR]

Loader timings include reading and parsing the files; ceilings COPY rows already in memory.
The PostgreSQL database named by --pg-url (default $PROTEA_BENCH_PG_URL) is wiped.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import os
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from uuid import uuid4

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from protea_adapters.clock import SystemClock
from protea_adapters.sqlalchemy import migrate
from protea_adapters.sqlalchemy.biodata.annotation_repository import COLUMNS as ANNOTATION_COLUMNS
from protea_adapters.sqlalchemy.biodata.annotation_repository import annotation_row
from protea_adapters.sqlalchemy.biodata.bulk import copy_insert
from protea_adapters.sqlalchemy.biodata.ontology_repository import EDGE_COLUMNS, TERM_COLUMNS
from protea_adapters.sqlalchemy.biodata.protein_repository import PROTEIN_COLUMNS
from protea_adapters.sqlalchemy.biodata.unit_of_work import SqlBioDataUnitOfWork
from protea_adapters.sqlalchemy.biodata_tables import (
    annotation_sets,
    go_terms,
    ontology_snapshots,
    protein_annotations,
    proteins,
    sequences,
    term_relationships,
)
from protea_adapters.sqlalchemy.engine import build_engine, build_session_factory
from protea_domain.ontology.go_reader import GoRelease, read_go_release
from protea_domain.parsing.opener import read_lines
from protea_domain.sequences.fasta import parse_fasta
from protea_domain.sequences.protein import ProteinRecord
from protea_domain.use_cases.biodata.annotation_rows import parse_annotations
from protea_domain.use_cases.biodata.insert_proteins import insert_proteins
from protea_domain.use_cases.biodata.load_annotations import load_annotations
from protea_domain.use_cases.biodata.load_ontology import load_ontology_snapshot

REPO = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get(
    "PROTEA_BENCH_PG_URL", "postgresql+psycopg2://protea@127.0.0.1:5432/protea_biodata_bench"
)
DATA = Path(os.environ.get("PROTEA_SHARED_DATA", REPO.parent / "shared" / "data"))
GO = "go/go-basic-2022-07-01.obo.gz"
FASTA = "swissprot2014/reference.fasta.gz"
ANNOTATIONS = "swissprot2014/reference_annotations.tsv.gz"
MIGRATION_TARGET = "heads"


def fresh(url: str) -> tuple[Engine, sessionmaker[Session]]:
    engine = build_engine(url)
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    migrate.upgrade(url, MIGRATION_TARGET)
    return engine, build_session_factory(engine)


def timed(action: Callable[[], Any]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def report(label: str, rows: int, seconds: float, ceiling: float | None) -> None:
    line = f"{label:<44} {rows:>9,} rows  {seconds:7.2f} s  {rows / seconds:>10,.0f} rows/s"
    if ceiling is not None:
        line += f"   raw {rows / ceiling:>10,.0f} rows/s ({ceiling:.2f} s)"
        line += f"  ratio {seconds / ceiling:.2f}x"
    print(line, flush=True)


def raw_copy(
    factory: sessionmaker[Session],
    table: Any,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
) -> float:
    """Seconds for the bare bulk write of `rows` in one transaction (rolled back after)."""
    with factory() as session:
        seconds = timed(lambda: copy_insert(session, table, columns, rows))
        session.rollback()
    return seconds


def ontology_rows(release: GoRelease) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], Any]:
    snapshot_id = uuid4()
    terms = [
        (
            snapshot_id,
            t.go_id,
            t.name,
            t.aspect.value if t.aspect else None,
            t.is_obsolete,
            list(t.alt_ids),
            t.definition,
            list(t.replaced_by),
            list(t.consider),
        )
        for t in release.terms
    ]
    edges = [(snapshot_id, e.child, e.parent, e.relation) for e in release.relationships]
    return terms, edges, snapshot_id


def ontology_ceiling(factory: sessionmaker[Session], release: GoRelease) -> float:
    terms, edges, snapshot_id = ontology_rows(release)
    with factory() as session:
        session.execute(
            ontology_snapshots.insert().values(
                id=snapshot_id,
                data_version="ceiling",
                loaded_at=SystemClock().now(),
                term_count=0,
                relationship_count=0,
            )
        )

        def copy_both() -> None:
            copy_insert(session, go_terms, TERM_COLUMNS, terms)
            copy_insert(session, term_relationships, EDGE_COLUMNS, edges)

        seconds = timed(copy_both)
        session.rollback()
    return seconds


def bench_ontology(url: str, label: str) -> None:
    engine, factory = fresh(url)
    path = DATA / GO
    release = read_go_release(read_lines(path), path.name)
    rows = len(release.terms) + len(release.relationships)
    ceiling = ontology_ceiling(factory, release)
    seconds = timed(
        lambda: load_ontology_snapshot(lambda: SqlBioDataUnitOfWork(factory), SystemClock(), path)
    )
    report(f"ontology go-basic-2022-07-01 -> {label}", rows, seconds, ceiling)
    engine.dispose()


def bench_proteins_and_annotations(url: str, n_rows: int, workdir: Path) -> None:
    engine, factory = fresh(url)
    uow_factory = lambda: SqlBioDataUnitOfWork(factory)  # noqa: E731
    path = DATA / FASTA
    records = [r for r in parse_fasta(read_lines(path), path.name) if isinstance(r, ProteinRecord)]
    ids = {md5: i for i, md5 in enumerate(dict.fromkeys(r.sequence.md5 for r in records), 1)}
    sequence_rows = [(i, md5, 0, "") for md5, i in ids.items()]
    by_md5 = {r.sequence.md5: r.sequence.residues for r in records}
    sequence_rows = [(i, md5, len(by_md5[md5]), by_md5[md5]) for i, md5, _, _ in sequence_rows]
    protein_rows = [
        (r.accession, r.protein.canonical_accession, None, ids[r.sequence.md5], *([None] * 7), None)
        for r in records
    ]
    with factory() as session:
        started = time.perf_counter()
        copy_insert(session, sequences, ("id", "md5", "length", "residues"), sequence_rows)
        copy_insert(session, proteins, PROTEIN_COLUMNS, protein_rows)
        ceiling = time.perf_counter() - started
        session.rollback()
    seconds = timed(
        lambda: insert_proteins(uow_factory, parse_fasta(read_lines(path), path.name, strict=False))
    )
    report("proteins 40,000 + sequences -> PostgreSQL", len(records), seconds, ceiling)

    load_ontology_snapshot(uow_factory, SystemClock(), DATA / GO)
    source = workdir / "annotations_1m.tsv"
    with gzip.open(DATA / ANNOTATIONS, "rt") as handle:
        header, *body = handle.readlines()
    with source.open("w") as out:
        out.write(header)
        out.writelines(itertools.islice(itertools.cycle(body), n_rows))
    parsed = [
        r
        for r in parse_annotations(read_lines(source), source.name, "tsv")
        if not hasattr(r, "reason")
    ]
    with factory() as session:
        set_id = uuid4()
        snapshot_id = session.execute(text("SELECT id FROM ontology_snapshots")).scalar()
        session.execute(
            annotation_sets.insert().values(
                id=set_id,
                source="ceiling",
                version="1",
                snapshot_id=snapshot_id,
                status="loading",
                created_at=SystemClock().now(),
                annotation_count=0,
            )
        )
        rows = [annotation_row(set_id, item) for item in parsed]
        ceiling = timed(lambda: copy_insert(session, protein_annotations, ANNOTATION_COLUMNS, rows))
        session.rollback()
    result: list[Any] = []
    seconds = timed(
        lambda: result.append(
            load_annotations(
                uow_factory,
                SystemClock(),
                parse_annotations(read_lines(source), source.name, "tsv"),
                source="bench",
                version="1",
                data_version="releases/2022-07-01",
            )
        )
    )
    load = result[0]
    report(f"annotations {n_rows:,} rows -> PostgreSQL", n_rows, seconds, ceiling)
    print(
        f"  (loaded {load.report.loaded:,}; skipped {dict(load.report.skipped)}; "
        f"remapped {dict(load.report.remapped)}; the ceiling copies all {len(rows):,} parsed rows)"
    )
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--pg-url", default=PG_URL)
    parser.add_argument("--skip", nargs="*", default=[], choices=["ontology", "annotations"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        if "ontology" not in args.skip:
            bench_ontology(args.pg_url, "PostgreSQL")
            bench_ontology(f"sqlite:///{workdir}/bench.db", "SQLite")
        if "annotations" not in args.skip:
            bench_proteins_and_annotations(args.pg_url, args.rows, Path(workdir))


if __name__ == "__main__":
    main()
