"""GO transfer from nearest neighbours (DESIGN.md section 5).

Aspect-separated mode (the reference rule): per aspect, search the k nearest neighbours among
the reference proteins annotated in that aspect, and transfer that aspect's terms. Unified
mode: one search among every annotated reference protein, every aspect's terms transferred
from the same k neighbours. Signals per (query, term) are those of `features`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from protea_domain.annotations.aspect import Aspect
from protea_domain.ports.vector_index import VectorIndex
from protea_domain.prediction.exact_index import ExactIndex
from protea_domain.prediction.features import TermsOf, TermTransfer, transfer_terms
from protea_domain.prediction.knn import DEFAULT_MAX_BLOCK_BYTES, Metric
from protea_domain.prediction.reference_cache import CacheKey, ReferenceCache
from protea_domain.prediction.references import ReferenceAnnotations

TransferMode = Literal["aspect", "unified"]
IndexFactory = Callable[[npt.NDArray[np.floating], Metric], VectorIndex]
_EMPTY: Mapping[str, frozenset[str]] = {}


@dataclass(frozen=True, slots=True)
class TransferSettings:
    """k neighbours; `max_distance` drops farther ones; `exclude_self` never lets a query
    be its own neighbour (same accession in the reference set); `propagate_references` says the
    reference annotations carry every ancestor of their terms (`references.with_ancestors`,
    applied by whoever loads the references: it changes what neighbours vote for, and with
    the vote score and k around 20 it beats the naive baseline in most CAFA cells; see
    benchmarks/README.md)."""

    k: int = 5
    metric: Metric = "cosine"
    mode: TransferMode = "aspect"
    max_distance: float | None = None
    exclude_self: bool = True
    max_block_bytes: int = DEFAULT_MAX_BLOCK_BYTES
    propagate_references: bool = False

    def __post_init__(self) -> None:
        if self.k < 1:
            raise ValueError("k must be >= 1")
        if self.mode not in ("aspect", "unified"):
            raise ValueError("mode must be 'aspect' or 'unified'")


@dataclass(frozen=True, slots=True)
class ReferenceVectors:
    """Reference accessions and their vectors (row i for accessions[i]), one recipe."""

    accessions: Sequence[str]
    vectors: npt.NDArray[np.floating]
    recipe_hash: str


def predict_go_terms(
    query_accessions: Sequence[str],
    query_vectors: npt.NDArray[np.float32],
    references: ReferenceVectors,
    annotations: ReferenceAnnotations,
    settings: TransferSettings,
    *,
    index_factory: IndexFactory | None = None,
    cache: ReferenceCache[tuple[list[str], VectorIndex]] | None = None,
) -> list[TermTransfer]:
    """Transfer GO terms to every query; rows grouped by query in input order."""
    if len(query_accessions) != query_vectors.shape[0]:
        raise ValueError("one vector per query accession")
    factory = index_factory or _exact_factory(settings.max_block_bytes)
    row_of = {accession: i for i, accession in enumerate(references.accessions)}
    groups: list[tuple[str, list[Aspect]]] = (
        [(aspect.value, [aspect]) for aspect in Aspect]
        if settings.mode == "aspect"
        else [("unified", list(Aspect))]
    )
    frequency = {aspect: annotations.term_frequency(aspect) for aspect in Aspect}
    per_query: list[list[TermTransfer]] = [[] for _ in query_accessions]
    for name, aspects in groups:
        wanted = sorted({a for aspect in aspects for a in annotations.accessions(aspect)})
        accessions = [a for a in wanted if a in row_of]
        if not accessions:
            continue

        def build(accessions: list[str] = accessions) -> tuple[list[str], VectorIndex]:
            rows = np.fromiter((row_of[a] for a in accessions), dtype=np.int64)
            return accessions, factory(references.vectors[rows], settings.metric)

        key = CacheKey(references.recipe_hash, f"{annotations.fingerprint}:{settings.metric}")
        subset, index = cache.get(name, key, build) if cache is not None else build()
        position = {accession: i for i, accession in enumerate(subset)}
        exclude = None
        if settings.exclude_self:
            exclude = np.fromiter(
                (position.get(q, -1) for q in query_accessions), dtype=np.int64,
                count=len(query_accessions),
            )  # fmt: skip
        found = index.search(
            query_vectors, min(settings.k, len(subset)), max_distance=settings.max_distance,
            exclude=exclude,
        )  # fmt: skip
        terms_of: dict[Aspect, TermsOf] = {
            aspect: _lookup(annotations.terms.get(aspect, {})) for aspect in aspects
        }
        for q, query in enumerate(query_accessions):
            neighbours = [(subset[i], d) for i, d in found.row(q)]
            per_query[q].extend(
                transfer_terms(query, neighbours, terms_of, frequency, k=settings.k,
                               metric=settings.metric)
            )  # fmt: skip
    return [item for rows in per_query for item in rows]


def _lookup(by_accession: Mapping[str, Mapping[str, frozenset[str]]]) -> TermsOf:
    def terms(accession: str) -> Mapping[str, frozenset[str]]:
        return by_accession.get(accession, _EMPTY)

    return terms


def _exact_factory(max_block_bytes: int) -> IndexFactory:
    def factory(vectors: npt.NDArray[np.floating], metric: Metric) -> VectorIndex:
        return ExactIndex(vectors, metric=metric, max_block_bytes=max_block_bytes)

    return factory
