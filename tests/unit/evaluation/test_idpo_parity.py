"""The cafaeval 1.3.0 example (IDPO): stored expected outputs, and cafaeval run alongside."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from protea_domain.evaluation import evaluate_files
from tests.unit.evaluation.oracle import (
    assert_same_outputs,
    run_cafaeval,
    run_ours,
    shared_data,
)

IDPO = shared_data() / "cafa-example" / "idpo"
OBO = IDPO / "IDPO_disorder_function.obo"
PRED = IDPO / "predictions"
GT = IDPO / "ground_truth.tsv"


def _ia_file(tmp_path: Path, seed: int) -> Path:
    rng = random.Random(seed)
    terms = [line.split(": ")[1].strip() for line in OBO.open() if line.startswith("id: ")]
    path = tmp_path / "ia.tsv"
    path.write_text("".join(f"{t}\t{rng.choice([0.0, rng.random() * 3]):.6f}\n" for t in terms))
    return path


def test_matches_stored_expected_outputs(tmp_path: Path) -> None:
    evaluate_files(OBO, PRED, GT, out_dir=tmp_path)
    for name in ("evaluation_all.tsv", "evaluation_best_f.tsv"):
        expected = (IDPO / "expected_cafaeval_1.3.0" / name).read_bytes()
        assert (tmp_path / name).read_bytes() == expected


def test_best_f_values_from_the_readme() -> None:
    result = evaluate_files(OBO, PRED, GT)
    best = result.best["f"]
    got = {
        name: round(float(f), 3) for name, f in zip(best.filenames, best.column("f"), strict=True)
    }
    assert got == {
        "pred_1.tsv": 0.517,
        "pred_2.tsv": 0.540,
        "pred_3.tsv": 0.669,
        "pred_4.tsv": 0.776,
        "pred_5.tsv": 0.675,
    }


OPTIONS = [
    {},
    {"ia": True},
    {"prop": "fill"},
    {"prop": "fill", "ia": True},
    {"norm": "pred", "ia": True},
    {"norm": "gt"},
    {"norm": "gt", "prop": "fill", "ia": True},
    {"no_orphans": True},
    {"no_orphans": True, "ia": True, "norm": "pred"},
    {"max_terms": 0},
    {"max_terms": 2, "ia": True},
    {"max_terms": 5, "prop": "fill"},
    {"th_step": 0.05, "ia": True},
    {"th_step": 0.1},
    {"th_step": 0.003, "ia": True},
    {"th_step": 0.25, "prop": "fill", "no_orphans": True, "ia": True},
]


@pytest.mark.parametrize(
    "options", OPTIONS, ids=lambda o: ",".join(f"{k}={v}" for k, v in o.items()) or "defaults"
)
def test_matches_cafaeval(tmp_path: Path, options: dict[str, object]) -> None:
    kwargs: dict[str, Any] = dict(options)
    if kwargs.pop("ia", False):
        kwargs["ia"] = _ia_file(tmp_path, seed=len(OPTIONS))
    theirs = run_cafaeval(OBO, PRED, GT, tmp_path / "theirs", **kwargs)
    ours = run_ours(OBO, PRED, GT, tmp_path / "ours", **kwargs)
    assert_same_outputs(theirs, ours)
    assert theirs is not None
    assert len(theirs) >= 3


def test_gzipped_inputs_give_the_same_files(tmp_path: Path) -> None:
    import gzip

    for source in (OBO, GT):
        with gzip.open(tmp_path / f"{source.name}.gz", "wt") as handle:
            handle.write(source.read_text())
    evaluate_files(
        tmp_path / f"{OBO.name}.gz", PRED, tmp_path / f"{GT.name}.gz", out_dir=tmp_path / "o"
    )
    expected = (IDPO / "expected_cafaeval_1.3.0" / "evaluation_all.tsv").read_bytes()
    assert (tmp_path / "o" / "evaluation_all.tsv").read_bytes() == expected


def test_nested_prediction_folders_match_cafaeval(tmp_path: Path) -> None:
    preds = tmp_path / "preds"
    for i, source in enumerate(sorted(PRED.iterdir())):
        folder = preds / ("" if i % 2 else f"team_{i}/run")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / source.name).write_bytes(source.read_bytes())
    theirs = run_cafaeval(OBO, preds, GT, tmp_path / "theirs", prop="fill")
    ours = run_ours(OBO, Path(f"{preds}/"), GT, tmp_path / "ours", prop="fill")
    assert_same_outputs(theirs, ours)
    assert theirs is not None
    assert b"team_0_run_pred_1.tsv" in theirs["evaluation_all.tsv"]
