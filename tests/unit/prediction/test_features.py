"""Properties of the per-term signals, checked against their definitions."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from protea_domain.annotations.aspect import Aspect
from protea_domain.prediction.features import (
    FEATURE_NAMES,
    similarity,
    training_rows,
    transfer_terms,
)

TERMS = [f"GO:000000{i}" for i in range(6)]

neighbour_lists = st.lists(
    st.tuples(st.floats(0, 2), st.frozensets(st.sampled_from(TERMS), max_size=4)),
    max_size=8,
).map(lambda items: sorted(items, key=lambda item: item[0]))


@given(neighbour_lists, st.integers(8, 12))
def test_signals_follow_their_definitions(
    items: list[tuple[float, frozenset[str]]], k: int
) -> None:
    neighbours = [(f"R{i}", d) for i, (d, _) in enumerate(items)]
    carried = {
        f"R{i}": {t: frozenset({"IDA"}) for t in terms} for i, (_, terms) in enumerate(items)
    }
    frequency = {Aspect.P: {TERMS[0]: 0.25}}
    rows = transfer_terms("Q", neighbours, {Aspect.P: lambda acc: carried[acc]}, frequency,
                          k=k, metric="cosine")  # fmt: skip
    assert sorted(r.go_id for r in rows) == sorted(set().union(*[t for _, t in items]))
    for row in rows:
        carriers = [i for i, (_, terms) in enumerate(items) if row.go_id in terms]
        distances = [items[i][0] for i in carriers]
        assert row.vote_count == len(carriers)
        assert row.k_position == carriers[0] + 1
        assert row.distance == items[carriers[0]][0] == min(distances)
        assert row.transfer_score == pytest.approx(1 - row.distance / 2)
        assert row.vote_score == pytest.approx(sum(1 - d / 2 for d in distances) / k)
        assert 0 <= row.vote_score <= row.transfer_score * row.vote_count / k + 1e-12
        assert row.neighbor_distance_std == pytest.approx(float(np.std(distances)), abs=1e-9)
        assert row.ref_annotation_density == len(items[carriers[0]][1])
        assert row.go_term_frequency == (0.25 if row.go_id == TERMS[0] else 0.0)
        assert row.source == f"R{carriers[0]}"


@given(neighbour_lists)
def test_training_rows_are_the_prediction_features(
    items: list[tuple[float, frozenset[str]]],
) -> None:
    neighbours = [(f"R{i}", d) for i, (d, _) in enumerate(items)]
    carried = {f"R{i}": {t: frozenset[str]() for t in terms} for i, (_, terms) in enumerate(items)}
    rows = transfer_terms("Q", neighbours, {Aspect.F: lambda acc: carried[acc]}, {},
                          k=5, metric="l2")  # fmt: skip
    truth = {"Q": frozenset({TERMS[1]})}
    features, labels = training_rows(rows, truth)
    assert features == [tuple(float(getattr(r, n)) for n in FEATURE_NAMES) for r in rows]
    assert labels == [int(r.go_id == TERMS[1]) for r in rows]


def test_similarity() -> None:
    assert similarity(0.0, "cosine") == 1.0
    assert similarity(2.0, "cosine") == 0.0
    assert similarity(1.0, "l2") == 0.5
    assert math.isclose(similarity(0.5, "cosine"), 0.75)
