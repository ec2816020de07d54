from __future__ import annotations

from protea_domain.annotations.aspect import Aspect
from tests.unit.prediction.support import (
    ALT_OF_A,
    BP_PART,
    F1,
    OBSOLETE,
    P_ROOT,
    A,
    B,
    tiny_graph,
)  # fmt: skip


def test_primary_ids_aspects_and_ancestors() -> None:
    graph = tiny_graph()
    assert graph.primary(ALT_OF_A) == A
    assert graph.primary(OBSOLETE) is None
    assert graph.primary("GO:1234567") is None
    assert graph.aspect(F1) is Aspect.F
    assert graph.ancestors(BP_PART) == {BP_PART, B, A, P_ROOT}  # part_of followed
    assert graph.ancestors(P_ROOT) == {P_ROOT}
    assert len(graph) == 8
