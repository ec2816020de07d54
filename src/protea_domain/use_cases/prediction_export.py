"""Exporting a stored prediction set in CAFA format (`protein<TAB>go_id<TAB>score`),
optionally rescored with another scoring config."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import groupby
from operator import attrgetter
from uuid import UUID

from protea_domain.errors import InvalidInputError
from protea_domain.ports.embedding_repository import EmbeddingUnitOfWork
from protea_domain.prediction.cafa import cafa_lines
from protea_domain.prediction.go_graph import GoGraph
from protea_domain.prediction.stored import StoredPrediction
from protea_domain.scoring.config import ScoringConfig


def rescored(row: StoredPrediction, scoring: ScoringConfig | None) -> float:
    """The row's stored score, or its score under `scoring` from its stored signals. Raises
    `InvalidInputError` when the row lacks a signal the config weights."""
    if scoring is None:
        return row.score
    try:
        return scoring.score_signals(row.features, row.evidence_codes)
    except KeyError as exc:
        raise InvalidInputError(
            f"prediction {row.accession} {row.go_id} has no stored signal {exc.args[0]!r}",
            location="scoring",
        ) from None


def cafa_stream(
    rows: Iterable[StoredPrediction],
    scoring: ScoringConfig | None = None,
    graph: GoGraph | None = None,
) -> Iterator[str]:
    """CAFA lines of rows ordered by accession: one protein in memory at a time, and the same
    bytes as `cafa_lines` of the whole table (propagated to every ancestor, max score, when
    `graph` is given: as `best_scores` does)."""
    for accession, group in groupby(rows, key=attrgetter("accession")):
        scores: dict[str, float] = {}
        for row in group:
            score = rescored(row, scoring)
            for term in graph.ancestors(row.go_id) if graph is not None else (row.go_id,):
                if score > scores.get(term, -1.0):
                    scores[term] = score
        yield from cafa_lines({accession: scores})


def export_cafa(
    uow: EmbeddingUnitOfWork,
    set_id: UUID,
    scoring: ScoringConfig | None = None,
    graph: GoGraph | None = None,
) -> Iterator[str]:
    """The set's CAFA lines (with newline), in `cafa_lines` order: the same bytes the in-memory
    pipeline writes for the same predictions (rescored with `scoring`, propagated over
    `graph`, when given). `uow` must be entered and the lines consumed inside it (rows are
    streamed). Raises `NotFoundError` for an unknown set before the first line."""
    return cafa_stream(uow.predictions.stream(set_id), scoring, graph)
