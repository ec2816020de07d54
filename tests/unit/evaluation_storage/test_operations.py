"""The evaluation operations on in-memory storage: payload validation, NOT handling, evidence
filters, idempotency, and failures that name what is wrong."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import pytest

from protea_adapters.artifacts.local import LocalArtifactStore
from protea_adapters.clock import ManualClock
from protea_domain.annotations.evidence import EXPERIMENTAL_EVIDENCE_CODES
from protea_domain.errors import InvalidInputError
from protea_domain.evaluation_sets.information_accretion import information_accretion
from protea_domain.evaluation_sets.temporal import Category, Target
from protea_domain.jobs.status import JobStatus
from protea_domain.operations.evaluation.operations import evaluation_operations
from protea_domain.operations.registry import OperationRegistry
from protea_domain.sequences.protein import Protein
from protea_domain.sequences.sequence import Sequence
from protea_domain.use_cases.evaluation.run_cafa_evaluation import run_cafa_evaluation
from protea_domain.use_cases.evaluation.snapshot_data import positive_annotations, snapshot_dag
from tests.contract.biodata.records import EDGES, T0, TERMS, annotation, annotation_set, snapshot
from tests.contract.evaluation.conftest import EvalUowFactory
from tests.unit.evaluation_storage.jobs import RunJob, job_runner

BP, CC = "biological_process", "cellular_component"
ACCESSIONS = ("PA", "PB", "PC")
PA_KNOWN = frozenset({"GO:0008150", "GO:0009987"})


@pytest.fixture
def artifacts(tmp_path: Path) -> LocalArtifactStore:
    return LocalArtifactStore(tmp_path / "artifacts")


@pytest.fixture
def run(evaluation_memory_factory: EvalUowFactory, artifacts: LocalArtifactStore) -> RunJob:
    return job_runner(evaluation_operations(evaluation_memory_factory, ManualClock(T0), artifacts))


@pytest.fixture
def sets(evaluation_memory_factory: EvalUowFactory) -> tuple[str, str, str]:
    """(old, new, other-snapshot) annotation set ids. PB's CC annotation is negated by a NOT
    on its ancestor; PC has electronic evidence only."""
    snap, other = snapshot(), snapshot("releases/2023-01-01")
    sequence = Sequence("MDDREDLVYQAKLAEQAERYDEMV")
    old, new, elsewhere = (
        annotation_set(snap.id, version="t0"),
        annotation_set(snap.id),
        annotation_set(other.id),
    )
    with evaluation_memory_factory() as uow:
        uow.ontology.add_snapshot(snap, TERMS, EDGES)
        uow.ontology.add_snapshot(other, TERMS, EDGES)
        uow.proteins.add_sequences([sequence])
        uow.proteins.add_proteins([(Protein(a, a), sequence.md5) for a in ACCESSIONS])
        for item in (old, new, elsewhere):
            uow.annotations.begin_set(item)
        uow.annotations.add_annotations(
            old.id, [annotation("PA", "GO:0009987", 1, evidence_code="IDA")]
        )
        uow.annotations.add_annotations(
            new.id,
            [
                annotation("PA", "GO:0044237", 1, evidence_code="EXP"),
                annotation("PA", "GO:0005737", 2, evidence_code="IDA"),
                annotation("PB", "GO:0005737", 3, evidence_code="IDA"),
                annotation(
                    "PB", "GO:0110165", 4, evidence_code="IDA", qualifier="NOT|is_active_in"
                ),
                annotation("PB", "GO:0008152", 5, evidence_code="TAS"),
                annotation("PC", "GO:0005622", 6, evidence_code="IEA"),
            ],
        )
        for item in (old, new, elsewhere):
            uow.annotations.complete_set(item.id, 0, {})
        uow.commit()
    return str(old.id), str(new.id), str(elsewhere.id)


def failed(run: RunJob, operation: str, payload: dict[str, Any]) -> tuple[str | None, str | None]:
    job = run(operation, payload)
    assert job.status is JobStatus.FAILED
    return job.error_code, job.error_message


OLD, NEW, SET = "old_annotation_set_id", "new_annotation_set_id", "evaluation_set_id"
GEN, IA, RUN = "generate_evaluation_set", "compute_information_accretion", "run_cafa_evaluation"
U1, U2 = str(uuid4()), str(uuid4())
URI = "file:///a"


@pytest.mark.parametrize(
    ("operation", "payload", "location"),
    [
        (GEN, {NEW: U2}, f"payload.{OLD}"),
        (GEN, {OLD: "x", NEW: U2}, f"payload.{OLD}"),
        (GEN, {OLD: "6" * 32, NEW: "6" * 32}, f"payload.{NEW}"),
        (GEN, {OLD: U1, NEW: U2, "evidence": "IEA"}, "payload.evidence"),
        (GEN, {OLD: U1, NEW: U2, "old": 1}, "payload"),
        (IA, {}, "payload.annotation_set_id"),
        (RUN, {SET: U1, "predictions": []}, "payload"),
        (RUN, {SET: U1, "predictions": {"a": 1}}, "payload.predictions"),
        (RUN, {SET: U1, "prediction_set_ids": [U2, "x"]}, "payload.prediction_set_ids[1]"),
        (
            RUN,
            {SET: U1, "prediction_set_ids": U2, "scoring_config_id": 7},
            "payload.scoring_config_id",
        ),
        (RUN, {SET: U1, "predictions": [URI] * 60, "prediction_set_ids": [U2] * 41}, "payload"),
        (RUN, {SET: U1, "predictions": [URI, 3]}, "payload.predictions[1]"),
        (RUN, {SET: U1, "predictions": URI, "th_step": 2}, "payload.th_step"),
        (RUN, {SET: U1, "predictions": URI, "norm": "x"}, "payload.norm"),
        (RUN, {"predictions": URI}, f"payload.{SET}"),
    ],
)
def test_validation_names_the_field(
    evaluation_memory_factory: EvalUowFactory,
    operation: str,
    payload: dict[str, Any],
    location: str,
) -> None:
    store = LocalArtifactStore(Path("/nonexistent"))
    registry = OperationRegistry(
        evaluation_operations(evaluation_memory_factory, ManualClock(T0), store)
    )
    with pytest.raises(InvalidInputError) as raised:
        registry.get(operation).validate(payload)
    assert raised.value.location == location


def test_generate_excludes_not_annotations_and_non_experimental_evidence(
    run: RunJob, sets: tuple[str, str, str], evaluation_memory_factory: EvalUowFactory
) -> None:
    old, new, _ = sets
    pair = {"old_annotation_set_id": old, "new_annotation_set_id": new}
    first = run("generate_evaluation_set", pair)
    assert first.result is not None
    assert first.result["created"] is True
    set_id = UUID(first.result["evaluation_set_id"])
    with evaluation_memory_factory() as uow:
        targets = uow.evaluation.targets(set_id)
    cytoplasm_up = frozenset({"GO:0005737", "GO:0005622", "GO:0110165", "GO:0005575"})
    assert targets == [
        Target("PA", BP, Category.PK, frozenset({"GO:0044237", "GO:0008152"}), PA_KNOWN),
        Target("PA", CC, Category.LK, cytoplasm_up, frozenset()),
        Target("PB", BP, Category.NK, frozenset({"GO:0008152", "GO:0008150"}), frozenset()),
    ]
    assert first.result["stats"] == {
        "PK": {BP: {"proteins": 1, "terms": 2}},
        "LK": {CC: {"proteins": 1, "terms": 4}},
        "NK": {BP: {"proteins": 1, "terms": 2}},
    }
    again = run("generate_evaluation_set", pair)
    assert again.result == {**first.result, "created": False}
    anything = run("generate_evaluation_set", {**pair, "evidence": "any"})
    assert anything.result is not None
    assert anything.result["evaluation_set_id"] != first.result["evaluation_set_id"]
    with evaluation_memory_factory() as uow:
        electronic = uow.evaluation.targets(UUID(anything.result["evaluation_set_id"]), Category.NK)
    assert [(t.protein, t.namespace) for t in electronic] == [("PB", BP), ("PC", CC)]


def test_generate_refuses_sets_of_two_snapshots_or_unknown_sets(
    run: RunJob, sets: tuple[str, str, str]
) -> None:
    old, _, elsewhere = sets
    code, message = failed(
        run,
        "generate_evaluation_set",
        {"old_annotation_set_id": old, "new_annotation_set_id": elsewhere},
    )
    assert code == "invalid_input"
    assert message is not None
    assert "different snapshots" in message
    code, _ = failed(
        run,
        "generate_evaluation_set",
        {"old_annotation_set_id": old, "new_annotation_set_id": str(uuid4())},
    )
    assert code == "invalid_input"  # fmt: skip


def test_information_accretion_drops_negated_terms_and_is_idempotent(
    run: RunJob, sets: tuple[str, str, str], evaluation_memory_factory: EvalUowFactory
) -> None:
    _, new, _ = sets
    job = run("compute_information_accretion", {"annotation_set_id": new})
    assert job.result is not None
    assert job.result["created"] is True
    with evaluation_memory_factory() as uow:
        stored = uow.evaluation.information_accretion(UUID(job.result["information_accretion_id"]))
        dag = snapshot_dag(uow.ontology, uow.annotations.get_set(UUID(new)).snapshot_id)
        facts = list(uow.annotations.annotation_facts(UUID(new)))
    positive = positive_annotations(facts, dag, EXPERIMENTAL_EVIDENCE_CODES)
    # PB's cytoplasm goes with the NOT on its ancestor; PC has electronic evidence only
    assert positive == {"PA": {"GO:0044237", "GO:0005737"}, "PB": {"GO:0008152"}}
    assert stored == information_accretion(positive, dag)
    assert stored["GO:0009987"] == 1.0  # PA of the two process-annotated proteins
    assert stored["GO:0044237"] == 0.0  # PA carries both parents
    again = run("compute_information_accretion", {"annotation_set_id": new})
    assert again.result == {**job.result, "created": False}
    code, _ = failed(
        run, "compute_information_accretion", {"annotation_set_id": new, "evidence": "any"}
    )
    assert code == "invalid_input"  # fmt: skip


def test_run_fails_on_a_missing_or_foreign_predictions_artifact(
    run: RunJob,
    sets: tuple[str, str, str],
    evaluation_memory_factory: EvalUowFactory,
    artifacts: LocalArtifactStore,
) -> None:
    old, new, _ = sets
    generated = run(
        "generate_evaluation_set", {"old_annotation_set_id": old, "new_annotation_set_id": new}
    )
    assert generated.result is not None
    set_id = UUID(generated.result["evaluation_set_id"])
    clock = ManualClock(T0)
    cases = [
        (set_id, artifacts.uri("p/missing.tsv"), "payload.predictions[0]"),
        (set_id, "s3://bucket/p.tsv", "payload.predictions[0]"),
        (uuid4(), artifacts.uri("p/missing.tsv"), "payload.evaluation_set_id"),
    ]
    for evaluation_set_id, uri, location in cases:
        with pytest.raises(InvalidInputError) as raised:
            run_cafa_evaluation(
                evaluation_memory_factory, clock, artifacts, evaluation_set_id, [uri]
            )
        assert raised.value.location == location
    foreign = run("compute_information_accretion", {"annotation_set_id": sets[2]})
    assert foreign.result is not None
    uri = artifacts.put_bytes("p/p.tsv", b"PA\tGO:0044237\t0.5\n")
    for ia_id in (UUID(foreign.result["information_accretion_id"]), uuid4()):
        with pytest.raises(InvalidInputError) as raised:
            run_cafa_evaluation(
                evaluation_memory_factory, clock, artifacts, set_id, [uri],
                information_accretion_id=ia_id,
            )  # fmt: skip
        assert raised.value.location == "payload.information_accretion_id"
    with evaluation_memory_factory() as uow:
        assert uow.evaluation.runs(set_id) == []


def test_run_stores_rows_per_category_and_namespace(
    run: RunJob,
    sets: tuple[str, str, str],
    evaluation_memory_factory: EvalUowFactory,
    artifacts: LocalArtifactStore,
) -> None:
    old, new, _ = sets
    generated = run(
        "generate_evaluation_set", {"old_annotation_set_id": old, "new_annotation_set_id": new}
    )
    assert generated.result is not None
    lines = "PA\tGO:0044237\t0.9\nPA\tGO:0005737\t0.4\nPB\tGO:0008152\t0.3\nPB\tGO:0009987\t0.8\n"
    uri = artifacts.put_bytes("predictions/p.tsv", lines.encode())
    job = run(
        "run_cafa_evaluation",
        {
            "evaluation_set_id": generated.result["evaluation_set_id"],
            "predictions": uri,
            "use_ia": False,
        },
    )
    assert job.status is JobStatus.SUCCEEDED, job.error_message
    assert job.result is not None
    assert job.result["information_accretion_id"] is None
    with evaluation_memory_factory() as uow:
        rows = uow.evaluation.results(UUID(job.result["run_id"]))
    assert [(r.category, r.namespace, r.predictions_file) for r in rows] == [
        (Category.NK, BP, "p.tsv"),
        (Category.LK, CC, "p.tsv"),
        (Category.PK, BP, "p.tsv"),
    ]
    pk = rows[2]
    # PA's PK ground truth {44237, 8152}; predicted 44237 at 0.9 propagates to 8152: F = 1
    assert (pk.fmax, pk.precision, pk.recall, pk.n_proteins, pk.weighted_fmax) == (
        1.0,
        1.0,
        1.0,
        1,
        None,
    )
    files = ("all", "best_f", "best_f_micro", "best_s")
    assert sorted(job.result["artifacts"]) == sorted(
        f"{c}/evaluation_{name}.tsv" for c in ("NK", "LK", "PK") for name in files
    )
