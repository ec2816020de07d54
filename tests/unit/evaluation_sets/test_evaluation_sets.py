"""Information accretion and NK/LK/PK evaluation sets, by hand and against brute force."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from protea_domain.annotations.fact import Fact
from protea_domain.evaluation_sets.information_accretion import information_accretion
from protea_domain.evaluation_sets.temporal import Category, build_evaluation_set
from protea_domain.evaluation_sets.term_dag import TermDag

DIAMOND = TermDag(
    {"R": "bp", "A": "bp", "B": "bp", "C": "bp", "M": "mf", "N": "mf"},
    {
        "R": frozenset(),
        "A": frozenset({"R"}),
        "B": frozenset({"R"}),
        "C": frozenset({"A", "B"}),
        "M": frozenset(),
        "N": frozenset({"M"}),
    },
)


def test_ancestors_descendants_and_cycles() -> None:
    assert DIAMOND.ancestors("C") == {"A", "B", "R"}
    assert DIAMOND.ancestors("R") == frozenset()
    assert DIAMOND.descendants("R") == {"A", "B", "C"}
    assert DIAMOND.propagate(["C", "N"]) == {"A", "B", "C", "R", "M", "N"}
    cyclic = TermDag({"x": "bp", "y": "bp"}, {"x": frozenset({"y"}), "y": frozenset({"x"})})
    with pytest.raises(ValueError, match="cycle"):
        cyclic.ancestors("x")


def test_information_accretion_by_hand() -> None:
    annotations = {"p1": {"C"}, "p2": {"A"}, "p3": {"B"}, "p4": {"A", "B"}}
    ia = information_accretion(annotations, DIAMOND)
    assert ia["R"] == 0.0
    assert ia["A"] == pytest.approx(-math.log2(3 / 4))
    assert ia["B"] == pytest.approx(-math.log2(3 / 4))
    assert ia["C"] == pytest.approx(1.0)
    assert ia["N"] == 0.0


@st.composite
def dags(draw: st.DrawFn) -> TermDag:
    size = draw(st.integers(2, 9))
    terms = [f"T{i}" for i in range(size)]
    parents = {
        term: frozenset(draw(st.sets(st.sampled_from(terms[:index]), max_size=3)))
        if index
        else frozenset()
        for index, term in enumerate(terms)
    }
    return TermDag(dict.fromkeys(terms, "bp"), parents)


def _closure(terms: set[str], dag: TermDag) -> set[str]:
    closed = set(terms)
    while True:
        grown = closed | {parent for term in closed for parent in dag.parents[term]}
        if grown == closed:
            return closed
        closed = grown


@settings(max_examples=60, deadline=None)
@given(dags(), st.data())
def test_information_accretion_matches_brute_force(dag: TermDag, data: st.DataObject) -> None:
    terms = sorted(dag.namespace)
    annotations = {
        f"p{i}": data.draw(st.sets(st.sampled_from(terms), max_size=3)) for i in range(6)
    }
    ia = information_accretion(annotations, dag)
    closed = {protein: _closure(terms, dag) for protein, terms in annotations.items()}
    for term in terms:
        having = [p for p, ts in closed.items() if term in ts]
        parents = dag.parents[term]
        with_parents = [p for p, ts in closed.items() if parents <= ts]
        expected = 0.0 if not having or not parents else -math.log2(len(having) / len(with_parents))
        assert ia[term] == pytest.approx(expected)
        assert ia[term] >= 0.0


def test_categories_known_terms_and_not_annotations() -> None:
    old = [
        Fact("pk", "A", "IDA"),
        Fact("lk", "N", "EXP"),
        Fact("iea_only", "A", "IEA"),
        Fact("same", "C", "IMP"),
    ]
    new = [
        Fact("pk", "C", "IDA"),
        Fact("lk", "A", "IPI"),
        Fact("nk", "C", "TAS"),
        Fact("nk", "B", "IDA", negated=True),
        Fact("iea_only", "B", "IC"),
        Fact("same", "A", "IMP"),
        Fact("computed", "C", "IEA"),
        Fact("unknown", "GO:9999999", "IDA"),
    ]
    result = build_evaluation_set(old, new, DIAMOND)
    by_protein = {(t.protein, t.namespace): t for t in result.targets}
    assert set(by_protein) == {("pk", "bp"), ("lk", "bp"), ("iea_only", "bp")}
    pk = by_protein["pk", "bp"]
    assert (pk.category, pk.ground_truth, pk.known) == (
        Category.PK,
        frozenset({"B", "C"}),
        frozenset({"A", "R"}),
    )
    lk = by_protein["lk", "bp"]
    assert (lk.category, lk.ground_truth, lk.known) == (
        Category.LK,
        frozenset({"A", "R"}),
        frozenset(),
    )
    assert by_protein["iea_only", "bp"].category is Category.NK
    assert result.stats() == {
        "PK": {"bp": {"proteins": 1, "terms": 2}},
        "LK": {"bp": {"proteins": 1, "terms": 2}},
        "NK": {"bp": {"proteins": 1, "terms": 2}},
    }


def test_a_not_annotation_removes_the_term_and_its_descendants() -> None:
    new = [Fact("p", "C", "IDA"), Fact("p", "A", "IDA", negated=True), Fact("p", "B", "IDA")]
    (target,) = build_evaluation_set([], new, DIAMOND).targets
    assert target.ground_truth == {"B", "R"}


def test_sources_without_evidence_codes_can_be_kept() -> None:
    old = [Fact("p", "A")]
    new = [Fact("p", "C", "IDA")]
    (strict,) = build_evaluation_set(old, new, DIAMOND).targets
    assert strict.category is Category.NK
    (lenient,) = build_evaluation_set(old, new, DIAMOND, old_evidence=None).targets
    assert (lenient.category, lenient.ground_truth) == (Category.PK, {"B", "C"})
