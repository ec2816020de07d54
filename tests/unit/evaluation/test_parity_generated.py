"""Generated small ontologies, ground truths and predictions: byte-identical to cafaeval 1.3.0."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from tests.unit.evaluation.oracle import assert_same_outputs, run_cafaeval, run_ours
from tests.unit.evaluation.strategies import Case, cases

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _materialise(case: Case, root: Path) -> dict[str, Path]:
    (root / "predictions").mkdir()
    for name, text in case.predictions.items():
        (root / "predictions" / name).write_text(text)
    paths = {"obo": root / "onto.obo", "gt": root / "gt.tsv", "pred": root / "predictions"}
    paths["obo"].write_text(case.obo)
    paths["gt"].write_text(case.ground_truth)
    if case.ia is not None:
        paths["ia"] = root / "ia.tsv"
        paths["ia"].write_text(case.ia)
    return paths


def _check(case: Case) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        p = _materialise(case, root)
        kwargs = dict(case.options, ia=p.get("ia"))
        theirs = run_cafaeval(p["obo"], p["pred"], p["gt"], root / "theirs", **kwargs)
        ours = run_ours(p["obo"], p["pred"], p["gt"], root / "ours", **kwargs)
        assert_same_outputs(theirs, ours)


@SETTINGS
@given(cases(with_ia=False))
def test_generated_cases_match_cafaeval(case: Case) -> None:
    _check(case)


@SETTINGS
@given(cases(with_ia=True))
def test_generated_weighted_cases_match_cafaeval(case: Case) -> None:
    _check(case)


def _ours_with(case: Case, root: Path, ids: list[str], **extra: object) -> dict[str, bytes] | None:
    from protea_domain.evaluation import EvaluationOptions, evaluate_files, render_table

    root.mkdir(exist_ok=True)
    p = _materialise(case, root)
    (root / "known.tsv").write_text("")
    (root / "toi.tsv").write_text("\n".join(ids) + "\n")
    options = EvaluationOptions(**case.options, **extra)
    result = evaluate_files(
        p["obo"],
        p["pred"],
        p["gt"],
        ia_path=p.get("ia"),
        options=options,
        known_path=root / "known.tsv",
        toi_path=root / "toi.tsv",
    )
    if result.table is None:
        return None
    rendered = {m: render_table(t, result.decimals).encode() for m, t in result.best.items()}
    return {"evaluation_all.tsv": render_table(result.table, result.decimals).encode()} | {
        f"evaluation_best_{m}.tsv": text for m, text in rendered.items()
    }


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_pk_without_known_terms_and_with_every_term_of_interest_is_cafaeval(case: Case) -> None:
    """Empty known set and a toi listing every term: only the PK denominator can differ."""
    ids = [line[4:].strip() for line in case.obo.splitlines() if line.startswith("id: ")]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        p = _materialise(case, root)
        kwargs = dict(case.options, ia=p.get("ia"))
        theirs = run_cafaeval(p["obo"], p["pred"], p["gt"], root / "theirs", **kwargs)
        assert_same_outputs(theirs, _ours_with(case, root / "all", ids, denominator="all"))
        if not case.options["no_orphans"]:
            assert_same_outputs(theirs, _ours_with(case, root / "pk", ids))
