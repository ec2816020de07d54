"""Local-file convenience around `evaluate`: cafaeval's file layout and output files."""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from protea_domain.evaluation.evaluate import EvaluationOptions, EvaluationResult, evaluate
from protea_domain.evaluation.ontology import EvaluationOntology, build_evaluation_ontology
from protea_domain.evaluation.readers import parse_annotations, parse_ia, parse_terms
from protea_domain.evaluation.tsv import render_table
from protea_domain.ontology.obo_parser import OboTerm, iter_obo


@contextmanager
def open_text(path: str | Path) -> Iterator[IO[str]]:
    """Open a text file, transparently gunzipping `.gz` files."""
    if str(path).endswith(".gz"):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            yield handle
    else:
        with open(path, encoding="utf-8") as handle:
            yield handle


def load_ontology(path: str | Path) -> EvaluationOntology:
    with open_text(path) as handle:
        terms = [t for t in iter_obo(handle, str(path)) if isinstance(t, OboTerm)]
    return build_evaluation_ontology(terms)


def prediction_files(pred_dir: str | Path) -> list[tuple[str, str]]:
    """(path, name) in `os.walk` order; the name as cafaeval writes it in `filename`."""
    folder = os.path.normpath(pred_dir) + "/"
    found: list[tuple[str, str]] = []
    for root, _dirs, files in os.walk(folder):
        for file in files:
            path = os.path.join(root, file)
            found.append((path, path.replace(folder, "").replace("/", "_")))
    return found


def _predictions(pred_dir: str | Path) -> Iterator[tuple[str, Iterator[str]]]:
    for path, name in prediction_files(pred_dir):
        with open_text(path) as handle:
            yield name, iter(handle)


def evaluate_files(
    obo_path: str | Path,
    pred_dir: str | Path,
    gt_path: str | Path,
    *,
    ia_path: str | Path | None = None,
    known_path: str | Path | None = None,
    toi_path: str | Path | None = None,
    options: EvaluationOptions | None = None,
    out_dir: str | Path | None = None,
) -> EvaluationResult:
    """Read cafaeval's inputs from disk, evaluate, and write the TSV files when `out_dir`."""
    ontology = load_ontology(obo_path)
    with open_text(gt_path) as handle:
        truth = list(parse_annotations(handle, str(gt_path)))
    ia = None
    if ia_path is not None:
        with open_text(ia_path) as handle:
            ia = parse_ia(handle, str(ia_path))
    known = None
    if known_path is not None:
        with open_text(known_path) as handle:
            known = list(parse_annotations(handle, str(known_path)))
    toi = None
    if toi_path is not None:
        with open_text(toi_path) as handle:
            toi = parse_terms(handle, str(toi_path))
    result = evaluate(ontology, truth, _predictions(pred_dir), options, ia=ia, known=known, toi=toi)
    if out_dir is not None:
        write_results(result, out_dir)
    return result


def write_results(result: EvaluationResult, out_dir: str | Path) -> list[Path]:
    """Write evaluation_all.tsv and evaluation_best_<metric>.tsv; returns the paths written."""
    if result.table is None:
        raise ValueError("no prediction was evaluated: nothing to write")
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    written = [folder / "evaluation_all.tsv"]
    written[0].write_text(render_table(result.table, result.decimals), encoding="utf-8")
    for metric, table in result.best.items():
        path = folder / f"evaluation_best_{metric}.tsv"
        path.write_text(render_table(table, result.decimals), encoding="utf-8")
        written.append(path)
    return written
