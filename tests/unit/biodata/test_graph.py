"""Ontology graph algorithms, on a hand-made graph and on the real go-basic 2022-07-01."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from protea_domain.ontology.go_reader import GoRelease, read_go_release
from protea_domain.ontology.graph import OntologyGraph
from protea_domain.ontology.terms import TermRelationship
from protea_domain.parsing.errors import FatalParseError, ParseError
from protea_domain.parsing.opener import read_lines
from tests.contract.biodata.records import EDGES


@pytest.fixture(scope="module")
def go2022(shared_data: Path) -> GoRelease:
    path = shared_data / "go" / "go-basic-2022-07-01.obo.gz"
    return read_go_release(read_lines(path), path.name)


def test_ancestors_and_descendants_follow_the_chosen_relations() -> None:
    graph = OntologyGraph(EDGES)
    assert graph.ancestors("GO:0005737") == {"GO:0110165", "GO:0005622", "GO:0005575"}
    assert graph.ancestors("GO:0005737", ["is_a"]) == {"GO:0110165", "GO:0005575"}
    assert graph.descendants("GO:0008150") == {"GO:0009987", "GO:0008152", "GO:0044237"}
    assert graph.descendants("GO:0005622", ["is_a"]) == set()
    assert graph.ancestors("GO:1234567") == set()


def test_propagation_and_subgraph_by_bfs() -> None:
    graph = OntologyGraph([*EDGES, TermRelationship("GO:0044237", "GO:0005737", "regulates")])
    assert graph.propagate(["GO:0044237"]) == {
        "GO:0044237",
        "GO:0009987",
        "GO:0008152",
        "GO:0008150",
    }
    sub = graph.ancestor_subgraph(["GO:0044237", "GO:0005622"], ["is_a", "part_of"])
    assert sub.terms == (
        "GO:0044237",
        "GO:0005622",
        "GO:0008152",
        "GO:0009987",
        "GO:0110165",
        "GO:0008150",
        "GO:0005575",
    )
    assert len(sub.edges) == 6
    assert all(e.relation != "regulates" for e in sub.edges)


def test_real_release_counts_match_the_data_readme(go2022: GoRelease) -> None:
    assert go2022.data_version == "releases/2022-07-01"
    assert len(go2022.terms) == 47_468
    assert sum(t.is_obsolete for t in go2022.terms) == 3_910
    assert sum(len(t.alt_ids) for t in go2022.terms) == 3_450
    live = Counter(str(t.aspect) for t in go2022.terms if not t.is_obsolete)
    assert (live["P"], live["F"], live["C"]) == (28_140, 11_238, 4_180)
    assert Counter(e.relation for e in go2022.relationships) == {
        "is_a": 70_058,
        "part_of": 6_997,
        "regulates": 3_184,
        "negatively_regulates": 2_742,
        "positively_regulates": 2_732,
    }


def test_ancestor_closure_equals_go_db_offspring_tables(go2022: GoRelease) -> None:
    graph = OntologyGraph(go2022.relationships)
    pairs: Counter[str] = Counter()
    for term in go2022.terms:
        if not term.is_obsolete and term.aspect is not None:
            pairs[term.aspect] += len(graph.ancestors(term.go_id))
    assert (pairs["P"], pairs["F"], pairs["C"]) == (630_849, 72_089, 45_453)
    roots = {t.go_id for t in go2022.terms if not t.is_obsolete and not graph.parents(t.go_id)}
    assert roots == {"GO:0008150", "GO:0003674", "GO:0005575"}


def test_reader_errors_name_file_line_and_field() -> None:
    lines = [
        "format-version: 1.2\n",
        "data-version: releases/x\n",
        "\n",
        "[Term]\n",
        "id: GO:0000001\n",
        "namespace: nonsense_space\n",
    ]
    with pytest.raises(ParseError) as caught:
        read_go_release(lines, "bad.obo")
    assert (caught.value.source, caught.value.line, caught.value.field) == (
        "bad.obo",
        4,
        "namespace",
    )
    with pytest.raises(FatalParseError, match="data-version"):
        read_go_release(["format-version: 1.2\n"], "nohdr.obo")
    with pytest.raises(ParseError) as caught:
        read_go_release(["data-version: v\n", "[Term]\n", "id: GO:1\n", "is_a\n"], "x.obo")
    assert (caught.value.line, caught.value.source) == (4, "x.obo")
