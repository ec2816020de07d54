"""Per-(query, term) signals of neighbour transfer, defined once for training and prediction.

Given a query's neighbours (nearest first) and the terms each carries, `transfer_terms`
produces one `TermTransfer` per term carried by at least one neighbour:

* `distance`: distance to the nearest neighbour carrying the term;
* `transfer_score`: `similarity(distance)`, i.e. `1 - d/2` for cosine distance d in [0, 2]
  (the original platform's rule) and `1 / (1 + d)` for L2;
* `vote_score`: sum of `similarity(d_j)` over the neighbours j carrying the term, divided by
  k (a goPredSim-like reliability index in [0, 1]);
* `vote_count`: how many of the neighbours carry the term;
* `k_position`: 1-based rank of the nearest neighbour carrying the term;
* `go_term_frequency`: fraction of reference proteins annotated in the term's aspect that
  carry it (from the reference set, not from the neighbours);
* `ref_annotation_density`: how many terms of the same aspect that nearest neighbour carries;
* `neighbor_distance_std`: population standard deviation of the distances of the neighbours
  carrying the term (0 for one).

A training table uses the very same `TermTransfer` rows, labelled afterwards
(`training_rows`), so no feature can be computed differently in training and prediction.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from protea_domain.annotations.aspect import Aspect
from protea_domain.prediction.knn import Metric

FEATURE_NAMES = (
    "vote_count",
    "k_position",
    "go_term_frequency",
    "ref_annotation_density",
    "neighbor_distance_std",
)
SIGNAL_NAMES = ("transfer_score", "vote_score", *FEATURE_NAMES)


def similarity(distance: float, metric: Metric) -> float:
    """The transfer score of one distance: `1 - d/2` (cosine), `1 / (1 + d)` (L2)."""
    if metric == "cosine":
        return min(1.0, max(0.0, 1.0 - distance / 2.0))
    return 1.0 / (1.0 + distance)


@dataclass(frozen=True, slots=True)
class TermTransfer:
    """One GO term transferred to one query, with every signal."""

    query: str
    go_id: str
    aspect: Aspect
    source: str
    distance: float
    transfer_score: float
    vote_score: float
    vote_count: int
    k_position: int
    go_term_frequency: float
    ref_annotation_density: int
    neighbor_distance_std: float
    evidence_codes: frozenset[str]

    def signal(self, name: str) -> float:
        """The value of a signal of `SIGNAL_NAMES`; raises `KeyError` for another name."""
        if name not in SIGNAL_NAMES:
            raise KeyError(name)
        return float(getattr(self, name))

    def features(self) -> tuple[float, ...]:
        return tuple(float(getattr(self, name)) for name in FEATURE_NAMES)


TermsOf = Callable[[str], Mapping[str, frozenset[str]]]


def transfer_terms(
    query: str,
    neighbours: Sequence[tuple[str, float]],
    terms_of: Mapping[Aspect, TermsOf],
    term_frequency: Mapping[Aspect, Mapping[str, float]],
    *,
    k: int,
    metric: Metric,
) -> list[TermTransfer]:
    """Every term carried by the `neighbours` ((accession, distance), nearest first) of
    `query`; `terms_of[aspect](accession)` gives a reference's terms with evidence codes."""
    results: list[TermTransfer] = []
    for aspect, lookup in terms_of.items():
        hits: dict[str, list[int]] = {}
        for position, (accession, _) in enumerate(neighbours):
            for term in lookup(accession):
                hits.setdefault(term, []).append(position)
        frequency = term_frequency.get(aspect, {})
        for term, positions in hits.items():
            first = positions[0]
            source, distance = neighbours[first]
            distances = [neighbours[p][1] for p in positions]
            source_terms = lookup(source)
            results.append(
                TermTransfer(
                    query=query,
                    go_id=term,
                    aspect=aspect,
                    source=source,
                    distance=distance,
                    transfer_score=similarity(distance, metric),
                    vote_score=sum(similarity(d, metric) for d in distances) / k,
                    vote_count=len(positions),
                    k_position=first + 1,
                    go_term_frequency=frequency.get(term, 0.0),
                    ref_annotation_density=len(source_terms),
                    neighbor_distance_std=_pstdev(distances),
                    evidence_codes=source_terms[term],
                )
            )
    return results


def _pstdev(values: Sequence[float]) -> float:
    if len(values) < 2:
        return 0.0
    mean = sum(values) / len(values)
    return math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))


def training_rows(
    transfers: Iterable[TermTransfer], truth: Mapping[str, frozenset[str]]
) -> tuple[list[tuple[float, ...]], list[int]]:
    """Feature rows (`FEATURE_NAMES` order) and 0/1 labels: 1 when the term is in the
    query's ground truth `truth[query]`."""
    rows: list[tuple[float, ...]] = []
    labels: list[int] = []
    for item in transfers:
        rows.append(item.features())
        labels.append(int(item.go_id in truth.get(item.query, frozenset())))
    return rows, labels
