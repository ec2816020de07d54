"""A stored snapshot gives the evaluator and the evaluation sets exactly the ontology its OBO
file gives them (real GO releases, loaded through the loader)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from protea_adapters.clock import ManualClock
from protea_domain.evaluation.files import load_ontology
from protea_domain.evaluation.ontology import EvaluationOntology
from protea_domain.evaluation_sets.from_obo import term_dag_from_obo
from protea_domain.ontology.obo_parser import parse_obo
from protea_domain.parsing.opener import read_lines, source_name
from protea_domain.use_cases.biodata.load_ontology import load_ontology_snapshot
from protea_domain.use_cases.evaluation.snapshot_data import (
    snapshot_dag,
    snapshot_evaluation_ontology,
)
from tests.contract.biodata.records import T0
from tests.contract.evaluation.conftest import EvalUowFactory
from tests.unit.evaluation_storage.test_end_to_end import OBO


def assert_same_ontology(stored: EvaluationOntology, read: EvaluationOntology) -> None:
    assert [ns.name for ns in stored.namespaces] == [ns.name for ns in read.namespaces]
    for mine, theirs in zip(stored.namespaces, read.namespaces, strict=True):
        assert mine.terms == theirs.terms
        assert mine.index == theirs.index
        assert mine.alternatives == theirs.alternatives
        assert np.array_equal(mine.has_parent, theirs.has_parent)
        assert len(mine.levels) == len(theirs.levels)
        for a, b in zip(mine.levels, theirs.levels, strict=True):
            for field in ("parents", "children", "starts", "edge_parents"):
                assert np.array_equal(getattr(a, field), getattr(b, field))


@pytest.mark.parametrize("release", ["slice", "go-basic-2022-07-01"])
def test_snapshot_ontology_equals_obo_ontology(
    release: str, evaluation_memory_factory: EvalUowFactory, shared_data: Path
) -> None:
    path = OBO if release == "slice" else shared_data / "go" / f"{release}.obo.gz"
    load = load_ontology_snapshot(evaluation_memory_factory, ManualClock(T0), path)
    with evaluation_memory_factory() as uow:
        stored = snapshot_evaluation_ontology(uow.ontology, load.snapshot.id)
        dag = snapshot_dag(uow.ontology, load.snapshot.id)
    assert_same_ontology(stored, load_ontology(path))
    expected, _ = term_dag_from_obo(parse_obo(read_lines(path), source_name(path)))
    assert dict(dag.namespace) == dict(expected.namespace)
    assert dict(dag.parents) == dict(expected.parents)
    assert sum(len(parents) for parents in dag.parents.values()) > len(dag.namespace) * 0.9
