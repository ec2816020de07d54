from __future__ import annotations

import numpy as np
import pytest

from protea_domain.annotations.aspect import Aspect
from protea_domain.prediction import (
    AnnotationInput,
    ReferenceVectors,
    TermTransfer,
    TransferSettings,
    build_reference_annotations,
    predict_go_terms,
)
from protea_domain.prediction.reference_cache import ReferenceCache
from tests.unit.prediction.support import ALT_OF_A, F1, F2, OBSOLETE, A, B, tiny_graph

ROWS = [
    AnnotationInput("R1", A, "IDA"),
    AnnotationInput("R2", ALT_OF_A, "IEA"),  # an alt id: read as A
    AnnotationInput("R2", B, "IEA"),
    AnnotationInput("R2", F1, "EXP"),
    AnnotationInput("R3", F2, "IDA"),
    AnnotationInput("R3", F1, "IDA", negated=True),  # NOT: never transferred
    AnnotationInput("R3", OBSOLETE, "IDA"),  # dropped
]
# query Q at [1, 0]: R1 at cosine distance 0, R2 at 1, R3 at 2
REFERENCES = ReferenceVectors(
    ["R1", "R2", "R3"], np.array([[1, 0], [0, 1], [-1, 0]], dtype=np.float16), "recipe"
)
QUERY = np.array([[1, 0]], dtype=np.float32)


def _by_term(settings: TransferSettings, rows: list[AnnotationInput] = ROWS,
             evidence: str = "all") -> dict[str, TermTransfer]:  # fmt: skip
    annotations = build_reference_annotations(rows, tiny_graph(), evidence)  # type: ignore[arg-type]
    result = predict_go_terms(["Q"], QUERY, REFERENCES, annotations, settings)
    return {t.go_id: t for t in result}


def test_transfer_rule_per_aspect() -> None:
    terms = _by_term(TransferSettings(k=2))
    a, b, f1, f2 = terms[A], terms[B], terms[F1], terms[F2]
    assert set(terms) == {A, B, F1, F2}
    assert (a.source, a.distance, a.transfer_score, a.k_position) == ("R1", 0.0, 1.0, 1)
    assert a.vote_count == 2
    assert a.vote_score == pytest.approx((1.0 + 0.5) / 2)
    assert (b.distance, b.transfer_score, b.k_position, b.vote_count) == (1.0, 0.5, 2, 1)
    assert a.neighbor_distance_std == pytest.approx(0.5)
    # F is searched among F-annotated references only: R2 is F's nearest, R3 second
    assert (f1.source, f1.k_position, f1.distance) == ("R2", 1, 1.0)
    assert (f2.source, f2.k_position, f2.transfer_score) == ("R3", 2, 0.0)
    assert a.go_term_frequency == 1.0
    assert b.go_term_frequency == 0.5
    assert b.ref_annotation_density == 2
    assert a.ref_annotation_density == 1
    assert a.evidence_codes == {"IDA"}
    assert a.aspect is Aspect.P


def test_unified_mode_uses_one_neighbour_list() -> None:
    terms = _by_term(TransferSettings(k=2, mode="unified"))
    # neighbours R1 then R2 for every aspect; R3 (F2) is third and not reached
    assert set(terms) == {A, B, F1}
    assert terms[F1].k_position == 2


def test_evidence_filter_and_not() -> None:
    assert set(_by_term(TransferSettings(k=3), evidence="experimental")) == {A, F1, F2}
    assert set(_by_term(TransferSettings(k=3), evidence="no_iea")) == {A, F1, F2}
    only_not = [AnnotationInput("R1", F1, "IDA", negated=True), AnnotationInput("R2", A)]
    assert set(_by_term(TransferSettings(k=3), rows=only_not)) == {A}


def test_self_exclusion_threshold_and_cache() -> None:
    annotations = build_reference_annotations(ROWS, tiny_graph())
    settings = TransferSettings(k=1)
    own = predict_go_terms(["R1"], QUERY, REFERENCES, annotations, settings)
    assert {t.source for t in own if t.aspect is Aspect.P} == {"R2"}
    kept = predict_go_terms(["R1"], QUERY, REFERENCES, annotations,
                            TransferSettings(k=1, exclude_self=False))  # fmt: skip
    assert {t.source for t in kept if t.aspect is Aspect.P} == {"R1"}
    near = predict_go_terms(["Q"], QUERY, REFERENCES, annotations,
                            TransferSettings(k=3, max_distance=0.5))  # fmt: skip
    assert {t.go_id for t in near} == {A}
    cache: ReferenceCache[object] = ReferenceCache()
    for _ in range(2):
        predict_go_terms(["Q"], QUERY, REFERENCES, annotations, settings, cache=cache)  # type: ignore[arg-type]
    assert cache.builds == 2  # P and F (C has no reference), built once each


def test_fingerprint_tracks_content_and_filter() -> None:
    graph = tiny_graph()
    one = build_reference_annotations(ROWS, graph)
    assert one.fingerprint == build_reference_annotations(list(reversed(ROWS)), graph).fingerprint
    assert one.fingerprint != build_reference_annotations(ROWS[:-2], graph, "no_iea").fingerprint
    assert one.fingerprint != build_reference_annotations(ROWS[1:], graph).fingerprint
