"""In-memory annotation: embed references and queries, transfer GO terms, score.

Each distinct residue string is embedded once (proteins sharing a sequence share a vector).
No storage is touched: the whole run lives in memory, which suits a few hundred thousand
reference proteins with a compact recipe.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from protea_domain.ports.embedder import Embedder
from protea_domain.prediction.cafa import Scorer, best_scores
from protea_domain.prediction.features import TermTransfer
from protea_domain.prediction.go_graph import GoGraph
from protea_domain.prediction.references import ReferenceAnnotations
from protea_domain.prediction.transfer import (
    IndexFactory,
    ReferenceVectors,
    TransferSettings,
    predict_go_terms,
)


def embed_unique(
    embedder: Embedder, residues: Sequence[str], batch_size: int = 256
) -> npt.NDArray[np.float32]:
    """One row per input, each distinct residue string embedded once, in batches of similar
    length (recurrent and transformer embedders pad to the longest of a batch)."""
    distinct = sorted(set(residues), key=lambda text: (len(text), text))
    row_of = {text: i for i, text in enumerate(distinct)}
    matrix = np.zeros((len(distinct), embedder.dimension), dtype=np.float32)
    for start in range(0, len(distinct), batch_size):
        batch = distinct[start : start + batch_size]
        matrix[start : start + len(batch)] = embedder.embed(batch)
    return matrix[np.fromiter((row_of[t] for t in residues), dtype=np.int64, count=len(residues))]


@dataclass(frozen=True, slots=True)
class AnnotationRun:
    transfers: list[TermTransfer]
    scores: dict[str, dict[str, float]]


def annotate(
    queries: Sequence[tuple[str, str]],
    references: Sequence[tuple[str, str]],
    annotations: ReferenceAnnotations,
    embedder: Embedder,
    settings: TransferSettings,
    scorer: Scorer,
    *,
    graph: GoGraph | None = None,
    index_factory: IndexFactory | None = None,
) -> AnnotationRun:
    """Predict for `queries` ((accession, residues)) from annotated `references`; `scores`
    is query -> term -> score, propagated to ancestors (max) when `graph` is given."""
    annotated = set(annotations.accessions())
    kept = [(acc, res) for acc, res in references if acc in annotated]
    reference_vectors = ReferenceVectors(
        [acc for acc, _ in kept],
        embed_unique(embedder, [res for _, res in kept]),
        embedder.config.content_hash,
    )
    query_vectors = embed_unique(embedder, [res for _, res in queries])
    transfers = predict_go_terms(
        [acc for acc, _ in queries], query_vectors, reference_vectors, annotations, settings,
        index_factory=index_factory,
    )  # fmt: skip
    return AnnotationRun(transfers, best_scores(transfers, scorer, graph))
