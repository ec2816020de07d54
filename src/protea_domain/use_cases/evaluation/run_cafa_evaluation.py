"""Run a CAFA evaluation of prediction files against a stored evaluation set."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

from protea_domain.errors import InvalidInputError
from protea_domain.evaluation.evaluate import EvaluationOptions, EvaluationResult, evaluate
from protea_domain.evaluation.files import open_text, prediction_files, write_results
from protea_domain.evaluation.table import MetricTable
from protea_domain.evaluation_sets.stored import EvaluationResultRow, EvaluationRun
from protea_domain.evaluation_sets.temporal import Category, Target
from protea_domain.ports.artifact_store import ArtifactStore
from protea_domain.ports.clock import Clock
from protea_domain.ports.embedding_repository import EmbeddingUnitOfWorkFactory
from protea_domain.ports.evaluation_unit_of_work import EvaluationUnitOfWorkFactory
from protea_domain.use_cases.evaluation.generate_evaluation_set import Progress, _no_progress
from protea_domain.use_cases.evaluation.prediction_inputs import (
    PredictionInputs,
    ResolvedPredictions,
    resolve_predictions,
    stage_predictions,
)
from protea_domain.use_cases.evaluation.snapshot_data import (
    required,
    snapshot_evaluation_ontology,
)

ARTIFACT_PREFIX = "evaluations"


@dataclass(frozen=True, slots=True)
class CompletedEvaluation:
    run: EvaluationRun
    rows: list[EvaluationResultRow]


def ground_truth_pairs(targets: Sequence[Target]) -> list[tuple[str, str]]:
    """(protein, term) in the order of `ground_truth_<category>.tsv`."""
    return [(t.protein, term) for t in targets for term in sorted(t.ground_truth)]


def known_pairs(targets: Sequence[Target]) -> list[tuple[str, str]]:
    """(protein, term) in the order of `known_PK.tsv`."""
    return [(t.protein, term) for t in targets for term in sorted(t.known)]


def _best(table: MetricTable) -> dict[tuple[str, str], tuple[float, dict[str, float]]]:
    return {
        (filename, namespace): (
            float(table.tau[i]),
            {column: float(table.values[i, j]) for j, column in enumerate(table.columns)},
        )
        for i, (filename, namespace) in enumerate(
            zip(table.filenames, table.namespaces, strict=True)
        )
    }


def result_rows(
    run_id: UUID, category: Category, result: EvaluationResult
) -> list[EvaluationResultRow]:
    """One row per (prediction file, namespace) from the best-F, best-weighted-F and best-S
    tables of the evaluator (the rows of `evaluation_best_<metric>.tsv`)."""
    best_f = _best(result.best["f"]) if "f" in result.best else {}
    best_s = _best(result.best["s"]) if "s" in result.best else {}
    best_fw = _best(result.best["f_w"]) if "f_w" in result.best else {}
    rows = []
    for (filename, namespace), (tau, values) in sorted(best_f.items()):
        weighted = best_fw.get((filename, namespace))
        rows.append(
            EvaluationResultRow(
                run_id=run_id,
                category=category,
                namespace=namespace,
                predictions_file=filename,
                fmax=values["f"],
                precision=values["pr"],
                recall=values["rc"],
                tau=tau,
                coverage=values["cov"],
                smin=best_s[(filename, namespace)][1]["s"],
                n_proteins=int(values["n"]),
                weighted_fmax=weighted[1]["f_w"] if weighted is not None else None,
            )
        )
    return rows


def _predictions(folder: Path) -> Iterator[tuple[str, Iterator[str]]]:
    for path, name in prediction_files(folder):
        with open_text(path) as handle:
            yield name, iter(handle)


def run_cafa_evaluation(
    uow_factory: EvaluationUnitOfWorkFactory,
    clock: Clock,
    artifacts: ArtifactStore,
    evaluation_set_id: UUID,
    predictions: Sequence[str] | PredictionInputs,
    *,
    embeddings: EmbeddingUnitOfWorkFactory | None = None,
    scoring: str = "raw",
    use_ia: bool = True,
    information_accretion_id: UUID | None = None,
    options: EvaluationOptions | None = None,
    progress: Progress = _no_progress,
) -> CompletedEvaluation:
    """Evaluate predictions (artifact URIs of CAFA files, gzipped or not, or folders of them;
    and stored prediction sets, optionally rescored with a stored scoring config: see
    `PredictionInputs`) against each category NK/LK/PK of the set, with the snapshot's
    ontology, the known terms for PK, and IA weights (the given IA set, which must be of the
    set's snapshot, else the latest IA of the snapshot when `use_ia`). A file is named in the
    results by the last segment of its key, a prediction set as `prediction_set_<id>.tsv`.
    The full TSV outputs go to the artifact store under
    `evaluations/<set>/<run>/<category>/`; the best rows are stored as `EvaluationResultRow`s
    of a new `EvaluationRun` labelled with the scoring config's name (else `scoring`). Bad
    input (unknown evaluation set, IA set, prediction set, scoring config or artifact) raises
    `InvalidInputError` naming the payload field, before any evaluation work."""
    opts = options or EvaluationOptions()
    inputs = (
        predictions
        if isinstance(predictions, PredictionInputs)
        else PredictionInputs(uris=tuple(predictions))
    )
    run_id = uuid4()
    with uow_factory() as uow:
        evaluation_set = required(
            lambda: uow.evaluation.get_set(evaluation_set_id), "payload.evaluation_set_id"
        )
        targets = uow.evaluation.targets(evaluation_set_id)
        ontology = snapshot_evaluation_ontology(uow.ontology, evaluation_set.snapshot_id)
        ia_record = None
        if information_accretion_id is not None:
            ia_record = given = information_accretion_id
            record = required(
                lambda: uow.evaluation.get_information_accretion(given),
                "payload.information_accretion_id",
            )
            if record.snapshot_id != evaluation_set.snapshot_id:
                raise InvalidInputError(
                    f"information accretion {ia_record} is of snapshot {record.snapshot_id}, "
                    f"the evaluation set of {evaluation_set.snapshot_id}",
                    location="payload.information_accretion_id",
                )
        elif use_ia:
            found = uow.evaluation.find_information_accretion(evaluation_set.snapshot_id)
            ia_record = found.id if found is not None else None
        ia = uow.evaluation.information_accretion(ia_record) if ia_record is not None else None
    resolved = resolve_predictions(inputs, artifacts, embeddings)
    categories = [c for c in Category if any(t.category is c for t in targets)]
    total = len(categories) + 1
    stored: dict[str, str] = {}
    rows: list[EvaluationResultRow] = []
    with tempfile.TemporaryDirectory(prefix="protea-eval-") as tmp:
        folder = Path(tmp) / "predictions"
        stage_predictions(resolved, artifacts, embeddings, folder)
        progress(0, total, "predictions staged")
        for step, category in enumerate(categories, start=1):
            selected = [t for t in targets if t.category is category]
            known = known_pairs(selected) if category is Category.PK else None
            result = evaluate(
                ontology,
                ground_truth_pairs(selected),
                _predictions(folder),
                opts,
                ia=ia,
                known=known,
            )
            if result.table is not None:
                out = Path(tmp) / "out" / category.value
                for path in write_results(result, out):
                    name = f"{category.value}/{path.name}"
                    key = f"{ARTIFACT_PREFIX}/{evaluation_set_id}/{run_id}/{name}"
                    stored[name] = artifacts.put_file(key, path)
                rows.extend(result_rows(run_id, category, result))
            progress(step, total, f"{category.value} evaluated")
    run = EvaluationRun(
        id=run_id,
        evaluation_set_id=evaluation_set_id,
        predictions=" ".join(
            [*inputs.uris, *(f"prediction_set:{s}" for s in inputs.prediction_sets)]
        ),
        scoring=resolved.scoring.name if resolved.scoring is not None else scoring,
        created_at=clock.now(),
        information_accretion_id=ia_record,
        options=_options_document(opts, resolved),
        artifacts=stored,
    )
    with uow_factory() as uow:
        uow.evaluation.add_run(run, rows)
        uow.commit()
    progress(total, total, "results stored")
    return CompletedEvaluation(run, rows)


def _options_document(options: EvaluationOptions, resolved: ResolvedPredictions) -> dict[str, Any]:
    scoring = resolved.scoring
    return {
        "prediction_set_ids": [str(set_id) for set_id in resolved.sets.values()],
        "scoring_config_id": str(scoring.id) if scoring is not None else None,
        "norm": options.norm,
        "prop": options.prop,
        "th_step": options.th_step,
        "no_orphans": options.no_orphans,
        "max_terms": options.max_terms,
    }
