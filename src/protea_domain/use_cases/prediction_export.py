"""Exporting a stored prediction set in CAFA format (`protein<TAB>go_id<TAB>score`)."""

from __future__ import annotations

from collections.abc import Iterator
from uuid import UUID

from protea_domain.ports.embedding_repository import EmbeddingUnitOfWork
from protea_domain.prediction.cafa import cafa_lines


def prediction_table(uow: EmbeddingUnitOfWork, set_id: UUID) -> dict[str, dict[str, float]]:
    """query -> term -> score of a stored set (complete or not). Raises `NotFoundError`."""
    table: dict[str, dict[str, float]] = {}
    with uow:
        for row in uow.predictions.predictions(set_id):
            scores = table.setdefault(row.accession, {})
            scores[row.go_id] = max(row.score, scores.get(row.go_id, -1.0))
    return table


def export_cafa(uow: EmbeddingUnitOfWork, set_id: UUID) -> Iterator[str]:
    """The set's CAFA lines (with newline), in `cafa_lines` order: the same bytes the in-memory
    pipeline writes for the same predictions. Raises `NotFoundError`."""
    return cafa_lines(prediction_table(uow, set_id))
