"""Partial knowledge (CAFA-evaluator-PK): the upstream example and hand-checked cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from protea_domain.evaluation import (
    EvaluationOptions,
    build_evaluation_ontology,
    evaluate,
    evaluate_files,
    render_table,
)
from protea_domain.evaluation.metrics import Denominator
from protea_domain.ontology import parse_obo
from tests.unit.evaluation.oracle import assert_same_outputs, run_cafaeval, run_ours, shared_data

PK = shared_data() / "cafa-example" / "pk"


def _readme_table() -> list[dict[str, str]]:
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in (PK / "README.md").read_text().splitlines()
        if line.startswith("|")
    ]
    header = rows[0]
    return [dict(zip(header, r, strict=True)) for r in rows[2:] if any(r)]


def test_upstream_example_matches_its_readme_table() -> None:
    result = evaluate_files(
        PK / "go-sample.obo",
        PK / "predictions",
        PK / "ground_truth_partial.tsv",
        known_path=PK / "known_t0.tsv",
        toi_path=PK / "toi.tsv",
    )
    expected = _readme_table()
    assert len(expected) == 2
    lines = render_table(result.best["f"], result.decimals).splitlines()
    header = lines[0].split("\t")
    got = [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]
    assert got == expected


def test_without_known_terms_the_example_matches_cafaeval(tmp_path: Path) -> None:
    args = (PK / "go-sample.obo", PK / "predictions", PK / "ground_truth_partial.tsv")
    theirs = run_cafaeval(*args, tmp_path / "theirs")
    ours = run_ours(*args, tmp_path / "ours")
    assert_same_outputs(theirs, ours)
    best = evaluate_files(*args).best["f"]
    f = dict(zip(best.filenames, best.column("f").tolist(), strict=True))
    assert f["pred_1.tsv"] == 1.0
    assert f["pred_2.tsv"] < 0.95


ONTOLOGY = build_evaluation_ontology(
    parse_obo(
        (
            "[Term]\nid: R\nnamespace: n\n\n[Term]\nid: A\nnamespace: n\nis_a: R\n\n"
            "[Term]\nid: B\nnamespace: n\nis_a: R\n\n[Term]\nid: C\nnamespace: n\nis_a: A\n"
        ).splitlines(),
        "hand.obo",
    ).terms
)
TRUTH = [("t1", "C"), ("t2", "B")]
KNOWN = [("t1", "A"), ("t2", "B")]
PREDICTIONS = "t1\tC\t0.8\nt1\tB\t0.6\nt2\tA\t0.7\n"
IA = {"R": 0.0, "A": 1.0, "B": 2.0, "C": 3.0}


def _row(
    options: EvaluationOptions, *, toi: list[str] | None = None, ia: bool = False
) -> dict[str, float]:
    result = evaluate(
        ONTOLOGY,
        TRUTH,
        [("p.tsv", PREDICTIONS.splitlines())],
        options,
        known=KNOWN,
        toi=toi,
        ia=IA if ia else None,
    )
    assert result.table is not None
    table = result.table
    (row,) = [i for i in range(len(table)) if abs(table.tau[i] - 0.5) < 1e-9]
    return dict(zip(table.columns, table.values[row].tolist(), strict=True))


def test_pk_reference_keeps_targets_without_remaining_truth() -> None:
    row = _row(EvaluationOptions())
    assert row["n"] == 2
    assert row["tp"] == 1.0
    assert row["fp"] == 2.0
    assert row["pr"] == 0.25
    assert row["rc"] == 1.0
    assert row["cov"] == 2.0


def test_all_targets_denominator() -> None:
    row = _row(EvaluationOptions(denominator="all"))
    assert (row["rc"], row["cov"], row["fp"], row["pr"]) == (0.5, 1.0, 1.0, 0.25)


def test_dropping_targets_without_remaining_truth() -> None:
    row = _row(EvaluationOptions(empty_targets="drop"))
    assert (row["n"], row["pr"], row["rc"], row["fp"], row["cov"]) == (1.0, 0.5, 1.0, 1.0, 1.0)


def test_terms_of_interest_restrict_every_target() -> None:
    row = _row(EvaluationOptions(), toi=["B", "C"])
    assert (row["n"], row["pr"], row["rc"], row["cov"]) == (1.0, 0.5, 1.0, 1.0)


@pytest.mark.parametrize(
    ("weighted_denominator", "rc_w", "mi_w"),
    [(None, 0.5, 1.5), ("all", 0.5, 1.5), ("annotated", 1.0, 3.0)],
)
def test_weighted_denominator(
    weighted_denominator: Denominator | None, rc_w: float, mi_w: float
) -> None:
    options = EvaluationOptions(weighted_denominator=weighted_denominator)
    row = _row(options, ia=True)
    assert row["n_w"] == 2
    assert row["tp_w"] == 3.0 / (2 if rc_w == 0.5 else 1)
    assert row["pr_w"] == 0.3
    assert row["rc_w"] == rc_w
    assert row["mi_w"] == mi_w
