from __future__ import annotations

import dataclasses

import pytest

from protea_domain.annotations.aspect import Aspect
from protea_domain.errors import InvalidInputError
from protea_domain.prediction import TermTransfer, best_scores, cafa_lines
from protea_domain.prediction.features import SIGNAL_NAMES
from protea_domain.prediction.stored import StoredPrediction
from protea_domain.scoring import TRANSFER, VOTE, ScoringConfig
from protea_domain.use_cases.prediction_export import cafa_stream
from tests.unit.prediction.support import BP_PART, P_ROOT, A, B, tiny_graph

ITEM = TermTransfer(
    query="Q", go_id=B, aspect=Aspect.P, source="R", distance=0.4, transfer_score=0.8,
    vote_score=0.3, vote_count=2, k_position=1, go_term_frequency=0.1,
    ref_annotation_density=3, neighbor_distance_std=0.0, evidence_codes=frozenset({"IEA"}),
)  # fmt: skip


def test_scoring_recipes() -> None:
    assert TRANSFER(ITEM) == 0.8
    assert VOTE(ITEM) == 0.3
    mixed = ScoringConfig("mix", weights=(("transfer_score", 3), ("vote_score", 1)))
    assert mixed(ITEM) == pytest.approx((3 * 0.8 + 0.3) / 4)
    weighted = ScoringConfig(evidence_weights=(("IEA", 0.5), ("IDA", 1.0)))
    assert weighted(ITEM) == pytest.approx(0.4)
    both = dataclasses.replace(ITEM, evidence_codes=frozenset({"IEA", "IDA"}))
    assert weighted(both) == pytest.approx(0.8)  # the best evidence counts
    clipped = ScoringConfig(weights=(("vote_count", 1.0),))
    assert clipped(ITEM) == 1.0
    with pytest.raises(ValueError, match="unknown"):
        ScoringConfig(weights=(("nope", 1.0),))
    with pytest.raises(ValueError, match="positive"):
        ScoringConfig(weights=(("vote_score", 0.0),))


def test_stored_signals_score_like_the_transfer_and_documents_round_trip() -> None:
    mixed = ScoringConfig("mix", (("transfer_score", 3), ("vote_score", 1)), (("IEA", 0.5),), 0.9)
    signals = {name: ITEM.signal(name) for name in SIGNAL_NAMES}
    assert mixed.score_signals(signals, ITEM.evidence_codes) == mixed(ITEM)
    assert mixed.score_signals(signals, ()) == pytest.approx(0.9 * (3 * 0.8 + 0.3) / 4)
    with pytest.raises(KeyError, match="vote_score"):
        mixed.score_signals({"transfer_score": 1.0}, ())
    assert ScoringConfig.from_document(mixed.document()) == mixed
    as_object = {"name": "mix", "weights": {"transfer_score": 3, "vote_score": 1}}
    assert ScoringConfig.from_document(as_object) == dataclasses.replace(
        mixed, evidence_weights=(), default_evidence_weight=1.0
    )
    with pytest.raises(ValueError, match="unknown"):
        ScoringConfig.from_document({"name": "x", "weights": {"nope": 1}})


def test_streamed_export_equals_the_table_export() -> None:
    rows = [
        StoredPrediction(q, t, "P", s, "R", {"vote_score": s / 2}, ("IEA",) if s > 0.5 else ())
        for q, t, s in [("Q1", A, 0.9), ("Q1", B, 0.0004), ("Q2", B, 0.7), ("Q2", A, 0.7),
                        ("Q3", A, 0.2)]
    ]  # fmt: skip
    table: dict[str, dict[str, float]] = {}
    for row in rows:
        table.setdefault(row.accession, {})[row.go_id] = row.score
    assert list(cafa_stream(rows)) == list(cafa_lines(table))
    vote = ScoringConfig("v", (("vote_score", 1.0),), (("IEA", 0.5),))
    halved = list(cafa_stream(rows, vote))
    assert halved == [f"Q1\t{A}\t0.225\n", f"Q2\t{A}\t0.175\n",
                      f"Q2\t{B}\t0.175\n", f"Q3\t{A}\t0.100\n"]  # fmt: skip
    with pytest.raises(InvalidInputError, match="no stored signal 'transfer_score'"):
        list(cafa_stream(rows, TRANSFER))


def test_cafa_export_with_and_without_propagation() -> None:
    other = dataclasses.replace(ITEM, go_id=BP_PART, transfer_score=0.9)
    low = dataclasses.replace(ITEM, query="P", go_id=A, transfer_score=0.0004)
    plain = "".join(cafa_lines(best_scores([ITEM, other, low], TRANSFER)))
    assert plain == f"Q\t{BP_PART}\t0.900\nQ\t{B}\t0.800\n"  # zero after rounding: omitted
    propagated = list(cafa_lines(best_scores([ITEM, other], TRANSFER, tiny_graph())))
    assert propagated == [
        f"Q\t{A}\t0.900\n", f"Q\t{B}\t0.900\n", f"Q\t{BP_PART}\t0.900\n", f"Q\t{P_ROOT}\t0.900\n",
    ]  # fmt: skip
