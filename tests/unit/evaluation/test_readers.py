"""Readers of CAFA inputs: errors name file, line and field; cafaeval's lenient cases."""

from __future__ import annotations

import pytest

from protea_domain.evaluation import (
    EvaluationInputError,
    EvaluationOptions,
    build_evaluation_ontology,
    evaluate,
)
from protea_domain.evaluation.readers import parse_annotations, parse_ia, parse_terms
from protea_domain.ontology import parse_obo

ONTOLOGY = build_evaluation_ontology(
    parse_obo(
        (
            "[Term]\nid: R\nnamespace: n\n\n[Term]\nid: A\nnamespace: n\nis_a: R\nalt_id: OLD\n"
        ).splitlines(),
        "t.obo",
    ).terms
)


def test_annotations_skip_blank_lines_and_extra_columns() -> None:
    lines = ["t1 A\n", "\n", "t2\tOLD\textra\n"]
    assert list(parse_annotations(lines, "gt.tsv")) == [("t1", "A"), ("t2", "OLD")]


def test_annotation_with_one_column_is_an_error() -> None:
    with pytest.raises(EvaluationInputError) as info:
        list(parse_annotations(["t1 A", "t2"], "gt.tsv"))
    assert (info.value.source, info.value.line, info.value.field) == ("gt.tsv", 2, "term")


def test_ia_reader() -> None:
    assert parse_ia(["A 1.5\n", "\n", "R 0\n", "A 2\n"], "ia.tsv") == {"A": 2.0, "R": 0.0}
    with pytest.raises(EvaluationInputError) as info:
        parse_ia(["A 1", "B x"], "ia.tsv")
    assert (info.value.line, info.value.field) == (2, "ia")
    with pytest.raises(EvaluationInputError) as info:
        parse_ia(["A 1 2"], "ia.tsv")
    assert (info.value.line, info.value.field) == (1, "ia")


def test_terms_reader() -> None:
    assert parse_terms(["A\n", "\n", "B extra\n"], "toi.tsv") == ["A", "B"]


@pytest.mark.parametrize("max_terms", [None, 3])
def test_bad_score_of_an_evaluated_line_names_file_line_field(max_terms: int | None) -> None:
    lines = ["AUTHOR someone", "t1 A 0.5", "t9 A nope", "t1 X:other nope", "t1 A nope"]
    with pytest.raises(EvaluationInputError) as info:
        evaluate(
            ONTOLOGY, [("t1", "A")], [("p.tsv", lines)], EvaluationOptions(max_terms=max_terms)
        )
    assert (info.value.source, info.value.line, info.value.field) == ("p.tsv", 5, "score")


def test_unrelated_lines_are_ignored_like_cafaeval() -> None:
    lines = ["AUTHOR someone", "MODEL 1", "KEYWORDS a, b, c.", "t1 OLD 0.5", "END"]
    result = evaluate(ONTOLOGY, [("t1", "A")], [("p.tsv", lines)])
    assert result.table is not None
    assert result.best["f"].column("f").tolist() == [1.0]


def test_nothing_evaluated_gives_no_table() -> None:
    result = evaluate(ONTOLOGY, [("t1", "A")], [("p.tsv", ["t2 A 0.5"])])
    assert result.table is None
    assert result.best == {}
