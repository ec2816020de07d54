"""Loading prediction references: the annotation set is read in one streamed pass, giving
exactly what the former protein-by-protein read gave (to the last dict ordering) on memory and
SQLite storage, with a number of statements that does not grow with the number of proteins."""

from __future__ import annotations

import random
from collections.abc import Callable, Generator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from uuid import UUID

import numpy as np
import pytest

from protea_adapters.memory.biodata.store import MemoryBioDataStore
from protea_adapters.memory.biodata.unit_of_work import MemoryBioDataUnitOfWork
from protea_adapters.memory.embeddings.store import MemoryEmbeddingStore
from protea_adapters.memory.embeddings.unit_of_work import MemoryEmbeddingUnitOfWork
from protea_adapters.sqlalchemy import migrate
from protea_adapters.sqlalchemy.biodata.unit_of_work import SqlBioDataUnitOfWork
from protea_adapters.sqlalchemy.embeddings.unit_of_work import SqlEmbeddingUnitOfWork
from protea_adapters.sqlalchemy.engine import build_engine, build_session_factory
from protea_domain.annotations.annotation_set import ProteinAnnotation
from protea_domain.embeddings.config import EmbeddingConfig
from protea_domain.embeddings.stored import EmbeddingRecipe
from protea_domain.operations.embeddings.references import (
    StoredReferences,
    load_graph,
    load_references,
)
from protea_domain.ports.biodata_unit_of_work import BioDataUnitOfWork
from protea_domain.ports.embedding_repository import EmbeddingUnitOfWork
from protea_domain.prediction.references import (
    AnnotationInput,
    EvidenceFilter,
    ReferenceAnnotations,
    build_reference_annotations,
)
from protea_domain.sequences.protein import Protein
from protea_domain.sequences.sequence import Sequence
from tests.contract.biodata.records import EDGES, TERMS, annotation_set, snapshot
from tests.support.statements import recorded_statements

Biodata = Callable[[], BioDataUnitOfWork]
Embeddings = Callable[[], EmbeddingUnitOfWork]
RECIPE = EmbeddingRecipe(EmbeddingConfig("kmer-2", "kmer"), 4)
SEQUENCE = Sequence("MKTAYIAKQRQISFVKSHFSRQLEERLGLIEVQ")
# (GO id, evidence, qualifier), cycled over the proteins: a NOT row, an alt id (GO:0000004 of
# biological_process), an obsolete term and a row without evidence among them.
CYCLE = (
    ("GO:0044237", "EXP", "involved_in"),
    ("GO:0005737", "IDA", "NOT|located_in"),
    ("GO:0005622", "IEA", "located_in"),
    ("GO:0009987", "TAS", None),
    ("GO:0000004", "IDA", None),
    ("GO:0005737", None, "part_of"),
    ("GO:0000005", "IMP", None),
)
ONLY_NEGATED = "A0A000NOT1"


@dataclass(frozen=True)
class Stores:
    biodata: Biodata
    embeddings: Embeddings


def accessions(count: int) -> list[str]:
    """`count` accessions in shuffled order, so load order is not accession order."""
    names = [f"{'PQO'[n % 3]}{n:05d}" + ("-2" if n % 4 == 0 else "") for n in range(count)]
    random.Random(count).shuffle(names)
    return names


def rows_for(names: list[str]) -> list[ProteinAnnotation]:
    """Three rows a protein, interleaved across proteins, and one protein with a NOT row only."""
    rows = [
        ProteinAnnotation(
            accession=name, go_id=go_id, evidence_code=evidence, qualifier=qualifier, line=0
        )
        for step in range(3)
        for i, name in enumerate(names)
        for go_id, evidence, qualifier in [CYCLE[(i + 2 * step) % len(CYCLE)]]
    ]
    rows.insert(len(rows) // 2, ProteinAnnotation(ONLY_NEGATED, "GO:0009987", qualifier="NOT"))
    return [replace(row, line=n + 1) for n, row in enumerate(rows)]


def fill(stores: Stores, sizes: tuple[int, ...]) -> tuple[UUID, list[UUID]]:
    """A snapshot, every protein on one sequence with one vector, one annotation set per
    size (of that many proteins), all committed. Returns the snapshot and set ids."""
    snap = snapshot()
    every = sorted({name for size in sizes for name in accessions(size)} | {ONLY_NEGATED})
    set_ids = []
    with stores.biodata() as uow:
        uow.ontology.add_snapshot(snap, TERMS, EDGES)
        uow.proteins.add_sequences([SEQUENCE])
        uow.proteins.add_proteins([(Protein(a, a.split("-")[0]), SEQUENCE.md5) for a in every])
        for size in sizes:
            loaded = annotation_set(snap.id, version=f"size-{size}")
            rows = rows_for(accessions(size))
            uow.annotations.begin_set(loaded)
            uow.annotations.add_annotations(loaded.id, rows)
            uow.annotations.complete_set(loaded.id, len(rows), {})
            set_ids.append(loaded.id)
        uow.commit()
    with stores.embeddings() as uow:
        uow.embeddings.add_recipe(RECIPE)
        vector = np.array([0.5, 0.25, 0.125, 1.0], dtype=np.float32)
        uow.embeddings.add_vectors(RECIPE.recipe_hash, [(SEQUENCE.md5, 0, vector)])
        uow.commit()
    return snap.id, set_ids


def per_protein(
    stores: Stores, set_id: UUID, snapshot_id: UUID, evidence: EvidenceFilter
) -> ReferenceAnnotations:
    """The former reading, kept as the oracle: protein by protein, accessions sorted."""
    with stores.biodata() as uow:
        rows = [
            AnnotationInput(a.accession, a.go_id, a.evidence_code, a.is_negated)
            for accession in sorted(uow.proteins.known_accessions())
            for a in uow.annotations.annotations_of(set_id, accession)
        ]
    return build_reference_annotations(rows, load_graph(stores.biodata, snapshot_id), evidence)


def ordered(annotations: ReferenceAnnotations) -> list[Any]:
    """Every mapping as a list of its items in iteration order: equal only if built in the
    same order, not merely with the same content."""
    return [
        annotations.fingerprint,
        [
            (
                aspect,
                [(acc, [(t, sorted(e)) for t, e in terms.items()]) for acc, terms in by.items()],
            )
            for aspect, by in annotations.terms.items()
        ],
    ]


def load(stores: Stores, set_id: UUID, evidence: EvidenceFilter) -> StoredReferences:
    return load_references(stores.biodata, stores.embeddings, RECIPE.recipe_hash, set_id, evidence)


@pytest.fixture
def memory() -> Stores:
    biodata = MemoryBioDataStore()
    store = MemoryEmbeddingStore(biodata)
    return Stores(
        lambda: MemoryBioDataUnitOfWork(biodata), lambda: MemoryEmbeddingUnitOfWork(store)
    )


@pytest.fixture
def sqlite(tmp_path: Path) -> Generator[Stores, None, None]:
    url = f"sqlite:///{tmp_path / 'references.db'}"
    migrate.upgrade(url, "heads")
    engine = build_engine(url)
    factory = build_session_factory(engine)
    yield Stores(lambda: SqlBioDataUnitOfWork(factory), lambda: SqlEmbeddingUnitOfWork(factory))
    engine.dispose()


@pytest.mark.parametrize("evidence", ["all", "experimental", "no_iea"])
def test_one_pass_gives_what_the_per_protein_read_gave(
    memory: Stores, sqlite: Stores, evidence: EvidenceFilter
) -> None:
    built = []
    for stores in (memory, sqlite):
        snapshot_id, (set_id,) = fill(stores, (40,))
        loaded = load(stores, set_id, evidence)
        oracle = per_protein(stores, set_id, snapshot_id, evidence)
        assert ordered(loaded.annotations) == ordered(oracle)
        assert list(loaded.vectors.accessions) == oracle.accessions()
        built.append(loaded)
    assert ordered(built[0].annotations) == ordered(built[1].annotations)
    assert np.array_equal(built[0].vectors.vectors, built[1].vectors.vectors)


def test_not_rows_stay_out(sqlite: Stores) -> None:
    _, (set_id,) = fill(sqlite, (12,))
    annotations = load(sqlite, set_id, "all").annotations
    assert ONLY_NEGATED not in annotations.accessions()
    with sqlite.biodata() as uow:
        facts = list(uow.annotations.annotation_facts(set_id))
    positive = {(f.protein, f.go_id) for f in facts if not f.negated}
    negated_only = {(f.protein, f.go_id) for f in facts if f.negated} - positive
    assert len(negated_only) > 2
    for protein, go_id in negated_only:
        carried = {t for by in annotations.terms.values() for t in by.get(protein, {})}
        assert go_id not in carried


def test_statements_do_not_grow_with_the_number_of_proteins(sqlite: Stores) -> None:
    _, (small, large) = fill(sqlite, (3, 300))
    counts = []
    for set_id, proteins in ((small, 3), (large, 300)):
        with recorded_statements() as statements:
            loaded = load(sqlite, set_id, "all")
        assert len(loaded.annotations.accessions()) == proteins
        assert len([s for s in statements if "FROM protein_annotations" in s]) == 1
        counts.append(len(statements))
    assert counts[0] == counts[1]
