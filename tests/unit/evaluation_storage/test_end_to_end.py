"""End to end on SQLite: real GO 2022 slice, proteins and annotations loaded as jobs, an
evaluation set, IA and a CAFA run as jobs; every stored number equals `protea_domain.evaluation`
run directly on the files `protea evaluation-set build` and `protea ia` would write."""

from __future__ import annotations

import gzip
import random
from pathlib import Path
from uuid import UUID

from protea_adapters.artifacts.local import LocalArtifactStore
from protea_adapters.clock import ManualClock
from protea_domain.annotations.evidence import EXPERIMENTAL_EVIDENCE_CODES
from protea_domain.evaluation.files import evaluate_files, write_results
from protea_domain.evaluation_sets.files import ia_lines, read_release, write_evaluation_set
from protea_domain.evaluation_sets.from_obo import term_dag_from_obo
from protea_domain.evaluation_sets.information_accretion import information_accretion
from protea_domain.evaluation_sets.temporal import Category, build_evaluation_set
from protea_domain.jobs.status import JobStatus
from protea_domain.ontology.obo_parser import parse_obo
from protea_domain.operations.biodata.registry import biodata_operations
from protea_domain.operations.evaluation.operations import evaluation_operations
from protea_domain.parsing.opener import read_lines, source_name
from protea_domain.use_cases.evaluation.run_cafa_evaluation import result_rows
from tests.contract.biodata.records import T0
from tests.contract.evaluation.conftest import EvalUowFactory
from tests.unit.evaluation_storage.jobs import RunJob, job_runner

DEMO = Path(__file__).resolve().parents[3] / "src" / "protea_entrypoints" / "demo_data"
OBO = DEMO / "go-basic-2022-07-01-slice.obo.gz"
HEADER = "accession\tgene_symbol\tgo_id\tevidence_code\taspect\n"


def releases(shared_data: Path, tmp: Path) -> tuple[Path, Path]:
    """t1: every 2022 annotation of the 50 demo queries; t0: a deterministic cut of it that
    leaves some proteins unannotated (NK), some without molecular function (LK) and every
    other experimental row for the rest (PK), non-experimental rows kept."""
    queries = sorted(
        line[1:].split()[0]
        for line in (DEMO / "queries.fasta").read_text().splitlines()
        if line.startswith(">")
    )
    rank = {accession: i for i, accession in enumerate(queries)}
    with gzip.open(shared_data / "human2022" / "dev_annotations.tsv.gz", "rt") as handle:
        next(handle)
        rows = [line for line in handle if line.split("\t", 1)[0] in rank]
    old_rows = []
    for n, line in enumerate(rows):
        accession, _symbol, _go, evidence, aspect = line.rstrip("\n").split("\t")
        group = rank[accession] % 3
        keep = evidence not in EXPERIMENTAL_EVIDENCE_CODES
        keep = keep or (group == 1 and aspect != "F") or (group == 2 and n % 2 == 0)
        if keep:
            old_rows.append(line)
    new, old = tmp / "t1.tsv", tmp / "t0.tsv"
    new.write_text(HEADER + "".join(rows))
    old.write_text(HEADER + "".join(old_rows))
    return old, new


def predictions(new: Path, live: list[str], out: Path) -> Path:
    """Seeded scores for the t1 terms of each protein and for random live terms."""
    rng = random.Random(5)
    lines = []
    by_protein: dict[str, set[str]] = {}
    for line in new.read_text().splitlines()[1:]:
        accession, _symbol, go_id, _evidence, _aspect = line.split("\t")
        by_protein.setdefault(accession, set()).add(go_id)
    for accession in sorted(by_protein):
        terms = sorted(by_protein[accession]) + rng.sample(live, 15)
        for term in terms:
            if rng.random() < 0.8:
                lines.append(f"{accession}\t{term}\t{rng.randint(1, 100) / 100:.2f}\n")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(lines))
    return out


def succeeded(run: RunJob, operation: str, payload: dict[str, object]) -> dict[str, object]:
    job = run(operation, payload)
    assert job.status is JobStatus.SUCCEEDED, job.error_message
    assert job.result is not None
    assert job.progress_total is not None
    assert job.progress_current == job.progress_total
    return job.result


def test_stored_evaluation_equals_the_file_evaluation(
    evaluation_sqlite_factory: EvalUowFactory, shared_data: Path, tmp_path: Path
) -> None:
    clock = ManualClock(T0)
    artifacts = LocalArtifactStore(tmp_path / "artifacts")
    run = job_runner(
        [
            *biodata_operations(evaluation_sqlite_factory, clock),
            *evaluation_operations(evaluation_sqlite_factory, clock, artifacts),
        ]
    )
    old_path, new_path = releases(shared_data, tmp_path)
    snapshot = succeeded(run, "load_ontology_snapshot", {"source": str(OBO)})
    succeeded(run, "insert_proteins", {"fasta": str(DEMO / "queries.fasta")})
    set_ids = []
    for path, version in ((old_path, "t0"), (new_path, "t1")):
        loaded = succeeded(
            run,
            "load_annotations",
            {"path": str(path), "snapshot": snapshot["data_version"], "source": "gene2go",
             "source_version": version},
        )  # fmt: skip
        set_ids.append(loaded["annotation_set_id"])
    pair = {"old_annotation_set_id": set_ids[0], "new_annotation_set_id": set_ids[1]}
    generated = succeeded(run, "generate_evaluation_set", pair)
    again = succeeded(run, "generate_evaluation_set", pair)
    assert generated["created"] is True
    assert again["created"] is False
    assert again["evaluation_set_id"] == generated["evaluation_set_id"]
    ia = succeeded(run, "compute_information_accretion", {"annotation_set_id": set_ids[1]})

    # The same benchmark from the files, with the domain alone.
    dag, resolver = term_dag_from_obo(parse_obo(read_lines(OBO), source_name(OBO)))
    old_facts, _ = read_release(old_path, resolver)
    new_facts, _ = read_release(new_path, resolver)
    expected_set = build_evaluation_set(old_facts, new_facts, dag)
    files = tmp_path / "files"
    write_evaluation_set(expected_set, files)
    annotated: dict[str, set[str]] = {}
    for fact in new_facts:
        if fact.evidence_code in EXPERIMENTAL_EVIDENCE_CODES:
            annotated.setdefault(fact.protein, set()).add(fact.go_id)
    (files / "IA.tsv").write_text("".join(ia_lines(information_accretion(annotated, dag))))
    stats = expected_set.stats()
    assert set(stats) == {"NK", "LK", "PK"}
    assert generated["stats"] == stats

    evaluation_set_id = UUID(str(generated["evaluation_set_id"]))
    with evaluation_sqlite_factory() as uow:
        assert uow.evaluation.targets(evaluation_set_id) == list(expected_set.targets)
        stored_ia = uow.evaluation.information_accretion(UUID(str(ia["information_accretion_id"])))
    assert stored_ia == information_accretion(annotated, dag)

    pred = predictions(new_path, sorted(dag.namespace), tmp_path / "pred" / "demo_pred.tsv")
    uri = artifacts.put_file("predictions/demo_pred.tsv", pred)
    evaluated = succeeded(
        run,
        "run_cafa_evaluation",
        {"evaluation_set_id": str(evaluation_set_id), "predictions": [uri], "scoring": "seeded"},
    )
    assert evaluated["information_accretion_id"] == ia["information_accretion_id"]
    run_id = UUID(str(evaluated["run_id"]))
    with evaluation_sqlite_factory() as uow:
        stored_rows = uow.evaluation.results(run_id)
        (stored_run,) = uow.evaluation.runs(evaluation_set_id)
    assert stored_run.scoring == "seeded"
    assert stored_run.predictions == uri

    expected_rows = []
    for category in Category:
        known = files / "known_PK.tsv" if category is Category.PK else None
        result = evaluate_files(
            OBO,
            pred.parent,
            files / f"ground_truth_{category.value}.tsv",
            ia_path=files / "IA.tsv",
            known_path=known,
        )
        expected_rows.extend(result_rows(run_id, category, result))
        for path in write_results(result, tmp_path / "expected" / category.value):
            key = artifacts.key_for(stored_run.artifacts[f"{category.value}/{path.name}"])
            assert artifacts.get_bytes(key) == path.read_bytes(), path.name
    # one row per (category, namespace) with targets: one prediction file
    assert len(stored_rows) == sum(len(cells) for cells in stats.values()) >= 7
    assert all(row.weighted_fmax is not None for row in stored_rows)
    assert stored_rows == expected_rows
