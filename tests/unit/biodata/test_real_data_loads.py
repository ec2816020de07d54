"""Loading the real shared data into SQLite: GO 2022, 48,589 proteins, 2014 and 2022
annotation files, with skip reports checked against an independent reading of the files."""

from __future__ import annotations

import csv
import gzip
from collections import Counter
from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path

import pytest

from protea_adapters.clock import ManualClock
from protea_adapters.sqlalchemy.biodata.unit_of_work import SqlBioDataUnitOfWork
from protea_adapters.sqlalchemy.engine import build_session_factory
from protea_domain.annotations.load_report import (
    ALT_ID_REMAPPED,
    OBSOLETE_TERM,
    UNKNOWN_TERM,
)
from protea_domain.parsing.opener import read_lines, source_name
from protea_domain.sequences.fasta import parse_fasta
from protea_domain.use_cases.biodata import queries
from protea_domain.use_cases.biodata.annotation_rows import parse_annotations
from protea_domain.use_cases.biodata.insert_proteins import insert_proteins
from protea_domain.use_cases.biodata.load_annotations import AnnotationLoad, load_annotations
from protea_domain.use_cases.biodata.load_ontology import OntologyLoad, load_ontology_snapshot
from protea_domain.use_cases.biodata.progress import Progress, no_progress
from tests.contract.biodata.records import T0
from tests.support.biodata import BioUowFactory, sqlite_biodata, truncate_biodata
from tests.unit.biodata.go_oracle import GoOracle, read_oracle

GO_2022 = "releases/2022-07-01"


@dataclass
class Loaded:
    uow_factory: BioUowFactory
    ontology: OntologyLoad
    reference: AnnotationLoad
    human: AnnotationLoad
    oracle: GoOracle
    progress: list[tuple[int, int | None]]


def _annotations(
    uow_factory: BioUowFactory, path: Path, version: str, progress: Progress = no_progress
) -> AnnotationLoad:
    rows = parse_annotations(read_lines(path), source_name(path), "tsv")
    file_name = source_name(path)
    return load_annotations(
        uow_factory,
        ManualClock(T0),
        rows,
        source=path.name,
        version=version,
        data_version=GO_2022,
        progress=progress,
        file_name=file_name,
    )


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def loaded(
    request: pytest.FixtureRequest, shared_data: Path, tmp_path_factory: pytest.TempPathFactory
) -> Generator[Loaded]:
    if request.param == "postgres":
        engine = request.getfixturevalue("biodata_postgres_engine")
        truncate_biodata(engine)
        session_factory = build_session_factory(engine)
        uow_factory: BioUowFactory = lambda: SqlBioDataUnitOfWork(session_factory)  # noqa: E731
    else:
        engine, uow_factory = sqlite_biodata(tmp_path_factory.mktemp("real") / "real.db")
    go = shared_data / "go" / "go-basic-2022-07-01.obo.gz"
    ontology = load_ontology_snapshot(uow_factory, ManualClock(T0), go)
    for name in ("reference.fasta.gz", "human_dev.fasta.gz"):
        path = shared_data / "swissprot2014" / name
        insert_proteins(uow_factory, parse_fasta(read_lines(path), path.name, strict=False))
    progress: list[tuple[int, int | None]] = []
    reference = _annotations(
        uow_factory,
        shared_data / "swissprot2014" / "reference_annotations.tsv.gz",
        "2014-01",
        progress=lambda c, t: progress.append((c, t)),
    )
    human = _annotations(
        uow_factory, shared_data / "human2022" / "dev_annotations.tsv.gz", "2022-09"
    )
    yield Loaded(uow_factory, ontology, reference, human, read_oracle(go), progress)
    if request.param == "sqlite":
        engine.dispose()


def _rows(path: Path) -> list[dict[str, str]]:
    with gzip.open(path, "rt") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def test_ontology_snapshot_counts(loaded: Loaded) -> None:
    snapshot = loaded.ontology.snapshot
    assert loaded.ontology.created
    assert (snapshot.data_version, snapshot.term_count, snapshot.relationship_count) == (
        GO_2022,
        47_468,
        85_713,
    )
    with loaded.uow_factory() as uow:
        terms = uow.ontology.terms(snapshot.id)
        edges = Counter(e.relation for e in uow.ontology.relationships(snapshot.id))
    assert len(terms) == 47_468
    assert sum(t.is_obsolete for t in terms) == 3_910
    assert edges == {
        "is_a": 70_058,
        "part_of": 6_997,
        "regulates": 3_184,
        "negatively_regulates": 2_742,
        "positively_regulates": 2_732,
    }


def test_proteins_and_sequences(loaded: Loaded, shared_data: Path) -> None:
    with loaded.uow_factory() as uow:
        n_proteins, n_sequences = uow.proteins.count()
        residues = sum(len(uow.proteins.sequence_of(a)) for a in ("A0A314", "P63104"))
    assert n_proteins == 40_000 + 8_589
    assert n_sequences <= n_proteins
    with gzip.open(shared_data / "swissprot2014" / "reference.fasta.gz", "rt") as handle:
        text = handle.read()
    first = text.split(">A0A314\n", 1)[1].split(">", 1)[0].replace("\n", "")
    with gzip.open(shared_data / "swissprot2014" / "human_dev.fasta.gz", "rt") as handle:
        p63104 = handle.read()
    second = p63104.split(">P63104\n", 1)[1].split(">", 1)[0].replace("\n", "")
    assert residues == len(first) + len(second)


def test_reference_2014_annotations_onto_go_2022(loaded: Loaded, shared_data: Path) -> None:
    oracle = loaded.oracle
    expected: Counter[str] = Counter()
    for row in _rows(shared_data / "swissprot2014" / "reference_annotations.tsv.gz"):
        go_id = row["go_id"]
        if go_id in oracle.live:
            expected["loaded"] += 1
        elif go_id in oracle.obsolete:
            expected[OBSOLETE_TERM] += 1
        elif go_id in oracle.alt:
            target = oracle.alt[go_id]
            expected["loaded" if target in oracle.live else OBSOLETE_TERM] += 1
            expected[ALT_ID_REMAPPED] += target in oracle.live
        else:
            expected[UNKNOWN_TERM] += 1
    report = loaded.reference.report
    assert report.loaded == expected["loaded"] == 342_361 - report.skipped_total
    assert report.skipped == {k: expected[k] for k in (OBSOLETE_TERM, UNKNOWN_TERM) if expected[k]}
    assert report.remapped[ALT_ID_REMAPPED] == expected[ALT_ID_REMAPPED] > 0
    assert report.skipped[OBSOLETE_TERM] > 0
    sample = report.samples[OBSOLETE_TERM][0]
    assert sample.startswith("reference_annotations.tsv.gz:")
    assert ": go_id: GO:" in sample
    with loaded.uow_factory() as uow:
        assert uow.annotations.count(loaded.reference.annotation_set.id) == report.loaded
    assert loaded.progress[-1][0] == loaded.progress[-1][1]
    assert len(loaded.progress) > 10


def test_human_2022_annotations_all_load(loaded: Loaded) -> None:
    report = loaded.human.report
    assert (report.loaded, report.skipped_total, sum(report.remapped.values())) == (162_904, 0, 0)


def test_reimport_is_a_no_op(loaded: Loaded, shared_data: Path) -> None:
    again = load_ontology_snapshot(
        loaded.uow_factory, ManualClock(T0), shared_data / "go" / "go-basic-2022-07-01.obo.gz"
    )
    assert (again.created, again.snapshot) == (False, loaded.ontology.snapshot)
    path = shared_data / "swissprot2014" / "reference.fasta.gz"
    load = insert_proteins(loaded.uow_factory, parse_fasta(read_lines(path), path.name))
    assert (load.read, load.new_proteins, load.new_sequences) == (40_000, 0, 0)
    repeat = _annotations(
        loaded.uow_factory, shared_data / "human2022" / "dev_annotations.tsv.gz", "2022-09"
    )
    assert (repeat.created, repeat.annotation_set) == (False, loaded.human.annotation_set)
    with loaded.uow_factory() as uow:
        assert len(uow.annotations.sets()) == 2


def test_queries_on_real_data(loaded: Loaded, shared_data: Path) -> None:
    set_id = loaded.human.annotation_set.id
    snapshot_id = loaded.ontology.snapshot.id
    expected = {
        r["go_id"]
        for r in _rows(shared_data / "human2022" / "dev_annotations.tsv.gz")
        if r["accession"] == "P63104"
    }
    with loaded.uow_factory() as uow:
        direct = queries.protein_annotations(uow, set_id, "P63104")
        propagated = queries.propagated_terms(uow, set_id, "P63104")
        ancestors = queries.ancestors(uow, snapshot_id, "GO:0005737", ["is_a", "part_of"])
        below = queries.descendants(uow, snapshot_id, "GO:0005575", None)
        sub = queries.ancestor_subgraph(uow, snapshot_id, sorted(expected), ["is_a", "part_of"])
        protein = queries.proteins_by_accession(uow, "P63104")
    assert {a.go_id for a in direct} == expected
    assert {a.evidence_code for a in direct} >= {"IDA", "IPI"}
    assert expected < propagated
    assert {"GO:0008150", "GO:0003674", "GO:0005575"} <= propagated
    assert set(sub.terms) == propagated
    assert ancestors == {"GO:0005575", "GO:0110165", "GO:0005622"}
    assert len(below) == 4_180 - 1
    assert protein.canonical_accession == "P63104"
