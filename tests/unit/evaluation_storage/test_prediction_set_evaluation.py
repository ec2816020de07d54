"""`run_cafa_evaluation` over stored prediction sets (optionally rescored by a stored scoring
config) and artifact folders: each gives exactly the numbers of the file evaluator on the CAFA
file that the stored predictions export to."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import pytest

from protea_adapters.artifacts.local import LocalArtifactStore
from protea_adapters.clock import ManualClock
from protea_adapters.memory.biodata.store import MemoryBioDataStore
from protea_adapters.memory.embeddings.store import MemoryEmbeddingStore
from protea_adapters.memory.embeddings.unit_of_work import MemoryEmbeddingUnitOfWork
from protea_adapters.memory.evaluation.store import MemoryEvaluationStore
from protea_adapters.memory.evaluation.unit_of_work import MemoryEvaluationUnitOfWork
from protea_domain.embeddings.config import EmbeddingConfig
from protea_domain.embeddings.stored import EmbeddingRecipe
from protea_domain.evaluation.files import evaluate_files
from protea_domain.evaluation_sets.files import (
    KNOWN_FILE,
    ground_truth_file,
    ground_truth_lines,
    known_lines,
)
from protea_domain.evaluation_sets.stored import EvaluationResultRow
from protea_domain.evaluation_sets.temporal import Category
from protea_domain.jobs.status import JobStatus
from protea_domain.operations.biodata.registry import biodata_operations
from protea_domain.operations.evaluation.operations import evaluation_operations
from protea_domain.prediction.cafa import cafa_lines
from protea_domain.prediction.stored import PredictionSetRecord, StoredPrediction
from protea_domain.scoring.config import ScoringConfig
from protea_domain.use_cases.evaluation.run_cafa_evaluation import result_rows
from protea_domain.use_cases.scoring_configs import create_scoring_config
from tests.contract.biodata.records import T0
from tests.unit.evaluation_storage.jobs import RunJob, job_runner
from tests.unit.evaluation_storage.test_end_to_end import (
    DEMO,
    OBO,
    predictions,
    releases,
    succeeded,
)

RECIPE = EmbeddingRecipe(EmbeddingConfig("kmer-2", "kmer"), 4)
BLEND = ScoringConfig("blend", (("vote_score", 3.0), ("transfer_score", 1.0)), (("IEA", 0.5),))


class World:
    def __init__(self, tmp: Path) -> None:
        biodata = MemoryBioDataStore()
        evaluation = MemoryEvaluationStore()
        embeddings = MemoryEmbeddingStore(biodata)
        self.evaluation_uow = lambda: MemoryEvaluationUnitOfWork(biodata, evaluation)
        self.embedding_uow = lambda: MemoryEmbeddingUnitOfWork(embeddings)
        self.clock = ManualClock(T0)
        self.artifacts = LocalArtifactStore(tmp / "artifacts")
        self.run: RunJob = job_runner(
            [
                *biodata_operations(self.evaluation_uow, self.clock),
                *evaluation_operations(
                    self.evaluation_uow, self.clock, self.artifacts, self.embedding_uow
                ),
            ]
        )


def stored_rows(path: Path) -> list[StoredPrediction]:
    """The CAFA file's rows with made-up signals: vote_score = score^2, transfer = score,
    evidence IEA on every third row."""
    rows = []
    for n, line in enumerate(path.read_text().splitlines()):
        accession, go_id, text = line.split("\t")
        score = float(text)
        codes = ("IEA",) if n % 3 == 0 else ("EXP",)
        signals = {"transfer_score": score, "vote_score": score * score}
        rows.append(StoredPrediction(accession, go_id, "F", score, "P0", signals, codes))
    return rows


def add_set(world: World, snapshot_id: UUID, annotation_set_id: UUID,
            rows: list[StoredPrediction], *, complete: bool = True) -> UUID:  # fmt: skip
    record = PredictionSetRecord(
        uuid4(), RECIPE.recipe_hash, annotation_set_id, snapshot_id, 5, "all", {}, {}, 50, 50, T0
    )
    with world.embedding_uow() as uow:
        uow.embeddings.add_recipe(RECIPE)
        uow.predictions.add_set(record)
        uow.predictions.add_predictions(record.id, rows)
        if complete:
            uow.predictions.complete_set(record.id, T0)
        uow.commit()
    return record.id


def metrics(rows: list[EvaluationResultRow]) -> list[tuple[Any, ...]]:
    return [
        (r.category, r.namespace, r.fmax, r.precision, r.recall, r.tau, r.coverage, r.smin,
         r.n_proteins, r.weighted_fmax)
        for r in rows
    ]  # fmt: skip


@pytest.fixture
def world(tmp_path: Path) -> World:
    return World(tmp_path)


def test_prediction_sets_and_folders_evaluate_like_their_files(
    world: World, shared_data: Path, tmp_path: Path
) -> None:
    run = world.run
    old_path, new_path = releases(shared_data, tmp_path)
    snapshot = succeeded(run, "load_ontology_snapshot", {"source": str(OBO)})
    succeeded(run, "insert_proteins", {"fasta": str(DEMO / "queries.fasta")})
    set_ids = [
        succeeded(run, "load_annotations", {
            "path": str(path), "snapshot": snapshot["data_version"], "source": "gene2go",
            "source_version": version,
        })["annotation_set_id"]
        for path, version in ((old_path, "t0"), (new_path, "t1"))
    ]  # fmt: skip
    generated = succeeded(run, "generate_evaluation_set", {
        "old_annotation_set_id": set_ids[0], "new_annotation_set_id": set_ids[1],
    })  # fmt: skip
    evaluation_set_id = str(generated["evaluation_set_id"])
    with world.evaluation_uow() as uow:
        live = sorted(t.go_id for t in uow.ontology.terms(UUID(str(snapshot["snapshot_id"]))))
    pred = predictions(new_path, live, tmp_path / "pred" / "demo.tsv")
    rows = stored_rows(pred)
    prediction_set = add_set(world, UUID(str(snapshot["snapshot_id"])), UUID(str(set_ids[1])), rows)
    config = create_scoring_config(world.embedding_uow, world.clock, BLEND, "a blend")

    exported = tmp_path / "exported"
    exported.mkdir()
    (exported / "raw.tsv").write_text(
        "".join(cafa_lines(table(rows, lambda r: r.score)))
    )  # fmt: skip
    (exported / "blend.tsv").write_text("".join(cafa_lines(table(
        rows, lambda r: BLEND.score_signals(r.features, r.evidence_codes)
    ))))  # fmt: skip
    truth = ground_truth_files(world, UUID(evaluation_set_id), tmp_path / "truth")

    def expected(name: str) -> list[tuple[Any, ...]]:
        folder = tmp_path / "only" / name
        folder.mkdir(parents=True)
        (folder / name).write_bytes((exported / name).read_bytes())
        found = []
        for category, gt in truth.items():
            result = evaluate_files(OBO, folder, gt, known_path=known_file(tmp_path, category))
            found.extend(result_rows(uuid4(), category, result))
        return metrics(found)

    plain = succeeded(run, "run_cafa_evaluation", {
        "evaluation_set_id": evaluation_set_id, "prediction_set_ids": [str(prediction_set)],
        "use_ia": False,
    })  # fmt: skip
    world.clock.advance(timedelta(seconds=1))
    rescored = succeeded(run, "run_cafa_evaluation", {
        "evaluation_set_id": evaluation_set_id, "prediction_set_ids": str(prediction_set),
        "scoring_config_id": str(config.id), "use_ia": False,
    })  # fmt: skip
    with world.evaluation_uow() as uow:
        plain_rows = uow.evaluation.results(UUID(str(plain["run_id"])))
        rescored_rows = uow.evaluation.results(UUID(str(rescored["run_id"])))
        runs = uow.evaluation.runs(UUID(evaluation_set_id))
    assert {r.predictions_file for r in plain_rows} == {f"prediction_set_{prediction_set}.tsv"}
    assert metrics(plain_rows) == expected("raw.tsv")
    assert metrics(rescored_rows) == expected("blend.tsv")
    assert metrics(plain_rows) != metrics(rescored_rows)
    assert [r.scoring for r in runs] == ["raw", "blend"]
    assert runs[1].options["scoring_config_id"] == str(config.id)
    assert runs[1].predictions == f"prediction_set:{prediction_set}"

    for name in ("raw.tsv", "blend.tsv"):
        world.artifacts.put_file(f"uploads/run1/{name}", exported / name)
    world.artifacts.put_bytes("uploads/run10/other.tsv", b"")
    folder = succeeded(run, "run_cafa_evaluation", {
        "evaluation_set_id": evaluation_set_id, "use_ia": False,
        "predictions": [world.artifacts.uri("uploads/run1") + "/"],
    })  # fmt: skip
    with world.evaluation_uow() as uow:
        folder_rows = uow.evaluation.results(UUID(str(folder["run_id"])))
    assert {r.predictions_file for r in folder_rows} == {"raw.tsv", "blend.tsv"}
    for name, same in (("raw.tsv", plain_rows), ("blend.tsv", rescored_rows)):
        assert metrics([r for r in folder_rows if r.predictions_file == name]) == metrics(same)

    running = add_set(
        world, UUID(str(snapshot["snapshot_id"])), UUID(str(set_ids[1])), rows, complete=False
    )
    base = {"evaluation_set_id": evaluation_set_id}
    for payload, location, message in [
        ({"prediction_set_ids": [str(prediction_set), str(uuid4())]},
         "payload.prediction_set_ids[1]", "not found"),
        ({"prediction_set_ids": [str(running)]}, "payload.prediction_set_ids[0]", "running"),
        ({"prediction_set_ids": [str(prediction_set)] * 2}, "payload.prediction_set_ids[1]",
         "twice"),
        ({"prediction_set_ids": [str(prediction_set)], "scoring_config_id": str(uuid4())},
         "payload.scoring_config_id", "not found"),
        ({"predictions": [world.artifacts.uri("uploads/run1/raw.tsv")],
          "scoring_config_id": str(config.id)}, "payload.scoring_config_id", "rescores"),
        ({"predictions": [world.artifacts.uri("uploads/none") + "/"]}, "payload.predictions[0]",
         "no artifact under"),
        ({"predictions": [world.artifacts.uri("uploads/run1/raw.tsv"),
                          world.artifacts.uri("uploads/run1") + "/"]},
         "payload.predictions[1]", "two prediction files"),
    ]:  # fmt: skip
        job = run("run_cafa_evaluation", {**base, **payload})
        assert job.status is JobStatus.FAILED
        assert job.error_message is not None
        assert location in job.error_message
        assert message in job.error_message
    with world.evaluation_uow() as uow:
        assert len(uow.evaluation.runs(UUID(evaluation_set_id))) == 3


def table(rows: list[StoredPrediction], score: Any) -> dict[str, dict[str, float]]:
    found: dict[str, dict[str, float]] = {}
    for row in rows:
        found.setdefault(row.accession, {})[row.go_id] = score(row)
    return found


def ground_truth_files(world: World, evaluation_set_id: UUID, folder: Path) -> dict[Category, Path]:
    """The set's ground truth per category (and the PK known terms beside the folder), as
    `protea evaluation-set build` writes them."""
    folder.mkdir(parents=True)
    with world.evaluation_uow() as uow:
        targets = uow.evaluation.targets(evaluation_set_id)
    files = {}
    for category in Category:
        selected = [t for t in targets if t.category is category]
        if not selected:
            continue
        path = folder / ground_truth_file(category)
        path.write_text("".join(ground_truth_lines(selected)))
        files[category] = path
        if category is Category.PK:
            (folder.parent / KNOWN_FILE).write_text("".join(known_lines(selected)))
    return files


def known_file(tmp: Path, category: Category) -> Path | None:
    return tmp / KNOWN_FILE if category is Category.PK else None
