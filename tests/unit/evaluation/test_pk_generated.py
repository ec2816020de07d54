"""Generated PK cases (known terms, terms of interest, every lineage option) vs a naive oracle."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from protea_domain.evaluation import EvaluationOptions, evaluate_files, write_results
from tests.unit.evaluation.oracle import assert_same_outputs
from tests.unit.evaluation.pk_oracle import pk_reference
from tests.unit.evaluation.strategies import Case, cases
from tests.unit.evaluation.test_parity_generated import _materialise


@st.composite
def pk_cases(draw: st.DrawFn) -> tuple[Case, str, list[str], dict[str, str]]:
    case = draw(cases())
    case.options["max_terms"] = None
    ids = [line[4:].strip() for line in case.obo.splitlines() if line.startswith("id: ")]
    alts = [line[8:].strip() for line in case.obo.splitlines() if line.startswith("alt_id: ")]
    targets = sorted({line.split("\t")[0] for line in case.ground_truth.splitlines()})
    vocabulary = ids + alts + ["X:unknown"]
    known = [
        f"{draw(st.sampled_from([*targets, 'P_other']))}\t{draw(st.sampled_from(vocabulary))}"
        for _ in range(draw(st.integers(0, 8)))
    ]
    toi = draw(st.lists(st.sampled_from(vocabulary), unique=True, min_size=1))
    lineage = {
        "denominator": draw(st.sampled_from(["all", "annotated"])),
        "weighted_denominator": draw(st.sampled_from(["all", "annotated"])),
        "empty_targets": draw(st.sampled_from(["keep", "drop"])),
    }
    return case, "\n".join(known) + "\n", toi, lineage


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pk_cases())
def test_pk_cases_match_the_naive_oracle(data: tuple[Case, str, list[str], dict[str, str]]) -> None:
    case, known, toi, lineage = data
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        p = _materialise(case, root)
        (root / "known.tsv").write_text(known)
        (root / "toi.tsv").write_text("\n".join(toi) + "\n")
        opts = {k: v for k, v in case.options.items() if k != "max_terms"}
        theirs = pk_reference(
            p["obo"],
            p["pred"],
            p["gt"],
            root / "known.tsv",
            toi,
            root / "theirs",
            ia=p.get("ia"),
            denominator=lineage["denominator"],
            weighted_denominator=lineage["weighted_denominator"],
            drop_empty=lineage["empty_targets"] == "drop",
            **opts,
        )
        options = EvaluationOptions(**opts, **lineage)
        result = evaluate_files(
            p["obo"],
            p["pred"],
            p["gt"],
            ia_path=p.get("ia"),
            known_path=root / "known.tsv",
            toi_path=root / "toi.tsv",
            options=options,
        )
        if theirs is None:
            assert result.table is None
            return
        write_results(result, root / "ours")
        ours = {f.name: f.read_bytes() for f in sorted((root / "ours").iterdir())}
        assert_same_outputs(theirs, ours)
