"""`with_ancestors`: each reference carries every ancestor of its terms, with the evidence of
the terms implying it."""

from __future__ import annotations

from protea_domain.annotations.aspect import Aspect
from protea_domain.prediction.references import (
    AnnotationInput,
    build_reference_annotations,
    with_ancestors,
)
from tests.unit.prediction.support import BP_PART, F1, F_ROOT, P_ROOT, A, B, tiny_graph


def test_references_carry_every_ancestor_with_the_implying_evidence() -> None:
    graph = tiny_graph()
    base = build_reference_annotations(
        [
            AnnotationInput("R1", BP_PART, "IDA"),
            AnnotationInput("R1", A, "IEA"),
            AnnotationInput("R2", F1, "EXP"),
            AnnotationInput("R2", B, None, negated=True),
        ],
        graph,
    )
    propagated = with_ancestors(base, graph)
    assert propagated.terms[Aspect.P]["R1"] == {
        BP_PART: frozenset({"IDA"}),
        B: frozenset({"IDA"}),  # part_of counts, regulates does not
        A: frozenset({"IDA", "IEA"}),
        P_ROOT: frozenset({"IDA", "IEA"}),
    }
    assert propagated.terms[Aspect.F]["R2"] == {F1: frozenset({"EXP"}), F_ROOT: frozenset({"EXP"})}
    assert "R2" not in propagated.terms[Aspect.P]  # a NOT annotation implies nothing
    assert propagated.fingerprint == f"{base.fingerprint}:propagated"
    assert propagated.accessions() == base.accessions()
    assert propagated.term_frequency(Aspect.P)[P_ROOT] == 1.0
    assert base.terms[Aspect.P]["R1"] == {BP_PART: frozenset({"IDA"}), A: frozenset({"IEA"})}
