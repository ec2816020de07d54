"""The evaluation ontology equals cafaeval's graphs: namespaces, term order, alt ids, roots."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings

from protea_domain.evaluation import OntologyCycleError, build_evaluation_ontology, load_ontology
from protea_domain.evaluation.propagation import propagate_block
from protea_domain.ontology import parse_obo
from tests.unit.evaluation.oracle import shared_data
from tests.unit.evaluation.strategies import Case, cases

FILES = [
    shared_data() / "cafa-example" / "idpo" / "IDPO_disorder_function.obo",
    shared_data() / "cafa-example" / "pk" / "go-sample.obo",
    shared_data() / "formats" / "obo" / "goslim_generic.obo",
]


def _compare(path: Path) -> None:
    from cafaeval.graph import propagate
    from cafaeval.parser import obo_parser

    theirs = obo_parser(str(path), ("is_a", "part_of"), None, True)
    ours = load_ontology(path)
    assert [ns.name for ns in ours.namespaces] == list(theirs)
    for ns in ours.namespaces:
        graph = theirs[ns.name]
        assert list(ns.terms) == list(graph.terms_dict)
        assert {a: {ns.terms[i] for i in idx} for a, idx in ns.alternatives.items()} == {
            a: set(v) for a, v in graph.terms_dict_alt.items()
        }
        assert np.array_equal(ns.has_parent, graph.dag.sum(axis=1) > 0)
        identity = np.eye(ns.size, dtype=bool)
        expected = identity.copy()
        propagate(expected, graph, graph.order, mode="max")
        block = identity.T.copy()
        propagate_block(block, ns.levels, "max")
        assert np.array_equal(block.T, expected)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_shared_ontologies_match_cafaeval(path: Path) -> None:
    _compare(path)


@settings(max_examples=30, deadline=None)
@given(cases())
def test_generated_ontologies_match_cafaeval(
    tmp_path_factory: pytest.TempPathFactory, case: Case
) -> None:
    path = tmp_path_factory.mktemp("onto") / "onto.obo"
    path.write_text(case.obo)
    _compare(path)


def test_go_2022_has_one_root_per_namespace() -> None:
    onto = load_ontology(shared_data() / "go" / "go-basic-2022-07-01.obo.gz")
    sizes = {ns.name: ns.size for ns in onto.namespaces}
    assert sizes == {
        "biological_process": 28140,
        "molecular_function": 11238,
        "cellular_component": 4180,
    }
    roots = {
        ns.name: [ns.terms[i] for i in np.flatnonzero(~ns.has_parent)] for ns in onto.namespaces
    }
    assert roots == {
        "biological_process": ["GO:0008150"],
        "molecular_function": ["GO:0003674"],
        "cellular_component": ["GO:0005575"],
    }


def test_cycle_is_refused() -> None:
    text = "[Term]\nid: A\nnamespace: n\nis_a: B\n\n[Term]\nid: B\nnamespace: n\nis_a: A\n"
    with pytest.raises(OntologyCycleError):
        build_evaluation_ontology(parse_obo(text.splitlines(), "cycle.obo").terms)


def test_obsolete_external_and_namespace_less_terms_are_dropped() -> None:
    text = (
        "[Term]\nid: A\nnamespace: n\n\n[Term]\nid: B\nnamespace: n\nis_a: A\nis_obsolete: true\n\n"
        "[Term]\nid: C\nis_a: A\n\n[Term]\nid: D\nnamespace: external\n\n"
        "[Term]\nid: E\nnamespace: n\nis_a: B\nrelationship: part_of A\n"
    )
    onto = build_evaluation_ontology(parse_obo(text.splitlines(), "t.obo").terms)
    (ns,) = onto.namespaces
    assert ns.terms == ("A", "E")
    assert ns.has_parent.tolist() == [False, True]
