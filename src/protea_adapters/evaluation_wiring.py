"""The evaluation operations on SQL storage (for `build_registry`)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.orm import Session, sessionmaker

from protea_adapters.sqlalchemy.embeddings.unit_of_work import SqlEmbeddingUnitOfWork
from protea_adapters.sqlalchemy.evaluation.unit_of_work import sql_evaluation_uow_factory
from protea_domain.operations.evaluation.operations import evaluation_operations
from protea_domain.ports.artifact_store import ArtifactStore
from protea_domain.ports.clock import Clock
from protea_domain.ports.operation import Operation


class LazyArtifactStore(ArtifactStore):
    """Builds the real store on first use (an S3 store is probed when built, which a process
    that never runs an evaluation should not pay for or fail on). Thread-safe."""

    def __init__(self, build: Callable[[], ArtifactStore]) -> None:
        self._build = build
        self._store: ArtifactStore | None = None
        self._lock = threading.Lock()

    def _get(self) -> ArtifactStore:
        with self._lock:
            if self._store is None:
                self._store = self._build()
            return self._store

    def put_bytes(self, key: str, data: bytes) -> str:
        return self._get().put_bytes(key, data)

    def put_file(self, key: str, source: Path) -> str:
        return self._get().put_file(key, source)

    def get_bytes(self, key: str) -> bytes:
        return self._get().get_bytes(key)

    def open(self, key: str) -> AbstractContextManager[BinaryIO]:
        return self._get().open(key)

    def download(self, key: str, destination: Path) -> Path:
        return self._get().download(key, destination)

    def exists(self, key: str) -> bool:
        return self._get().exists(key)

    def delete(self, key: str) -> None:
        self._get().delete(key)

    def list(self, prefix: str = "") -> list[str]:
        return self._get().list(prefix)

    def uri(self, key: str) -> str:
        return self._get().uri(key)

    def key_for(self, uri: str) -> str:
        return self._get().key_for(uri)


def build_evaluation_operations(
    session_factory: sessionmaker[Session],
    clock: Clock,
    artifacts: ArtifactStore | Callable[[], ArtifactStore],
) -> list[Operation]:
    """`generate_evaluation_set`, `compute_information_accretion` and `run_cafa_evaluation` on
    SQL storage, reading predictions from and writing TSV outputs to the artifact store (a
    store, or a function building it on first use)."""
    store = artifacts if not callable(artifacts) else LazyArtifactStore(artifacts)
    return evaluation_operations(
        sql_evaluation_uow_factory(session_factory),
        clock,
        store,
        lambda: SqlEmbeddingUnitOfWork(session_factory),
    )
