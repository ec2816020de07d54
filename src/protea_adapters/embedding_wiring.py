"""Building the embedding unit of work and operations from a process's session factory (for
`containers.py` and `build_registry`)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session, sessionmaker

from protea_adapters.biodata_wiring import sql_biodata_uow_factory
from protea_adapters.embedders.factory import BuiltinEmbedderFactory
from protea_adapters.sqlalchemy.embeddings.unit_of_work import SqlEmbeddingUnitOfWork
from protea_domain.operations.embeddings.registry import embedding_operations
from protea_domain.ports.clock import Clock
from protea_domain.ports.embedder_factory import EmbedderFactory
from protea_domain.ports.metrics import MetricsRecorder
from protea_domain.ports.operation import Operation


def sql_embedding_uow_factory(
    session_factory: sessionmaker[Session],
) -> Callable[[], SqlEmbeddingUnitOfWork]:
    return lambda: SqlEmbeddingUnitOfWork(session_factory)


def build_embedding_operations(
    session_factory: sessionmaker[Session],
    clock: Clock,
    *,
    metrics: MetricsRecorder | None = None,
    embedders: EmbedderFactory | None = None,
) -> list[Operation]:
    """`compute_embeddings`, `embed_batch`, `predict_go_terms`, `predict_batch` on SQL
    storage with the built-in embedders."""
    return embedding_operations(
        sql_biodata_uow_factory(session_factory),
        sql_embedding_uow_factory(session_factory),
        embedders or BuiltinEmbedderFactory(),
        clock,
        metrics,
    )
