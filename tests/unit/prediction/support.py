"""A tiny GO for prediction tests: P root > A > B, F root > F1, C root."""

from __future__ import annotations

from protea_domain.ontology.obo_parser import OboRelationship, OboTerm
from protea_domain.prediction.go_graph import GoGraph

P_ROOT, A, B, BP_PART = "GO:0008150", "GO:0000001", "GO:0000002", "GO:0000003"
F_ROOT, F1, F2 = "GO:0003674", "GO:0000011", "GO:0000012"
C_ROOT, OBSOLETE, ALT_OF_A = "GO:0005575", "GO:0000099", "GO:0000098"


def tiny_graph() -> GoGraph:
    return GoGraph(
        [
            OboTerm(P_ROOT, namespace="biological_process"),
            OboTerm(A, namespace="biological_process", is_a=(P_ROOT,), alt_ids=(ALT_OF_A,)),
            OboTerm(B, namespace="biological_process", is_a=(A,)),
            OboTerm(BP_PART, namespace="biological_process",
                    relationships=(OboRelationship("part_of", B),
                                   OboRelationship("regulates", P_ROOT))),
            OboTerm(F_ROOT, namespace="molecular_function"),
            OboTerm(F1, namespace="molecular_function", is_a=(F_ROOT,)),
            OboTerm(F2, namespace="molecular_function", is_a=(F_ROOT,)),
            OboTerm(C_ROOT, namespace="cellular_component"),
            OboTerm(OBSOLETE, namespace="biological_process", is_obsolete=True),
        ]
    )  # fmt: skip
