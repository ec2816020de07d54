"""Embedding storage fixtures: a (biodata, embedding) unit-of-work factory pair per adapter."""

from __future__ import annotations

from collections.abc import Callable, Generator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from protea_adapters.memory.biodata.store import MemoryBioDataStore
from protea_adapters.memory.biodata.unit_of_work import MemoryBioDataUnitOfWork
from protea_adapters.memory.embeddings.store import MemoryEmbeddingStore
from protea_adapters.memory.embeddings.unit_of_work import MemoryEmbeddingUnitOfWork
from protea_adapters.sqlalchemy import migrate
from protea_adapters.sqlalchemy.biodata.unit_of_work import SqlBioDataUnitOfWork
from protea_adapters.sqlalchemy.embeddings.unit_of_work import SqlEmbeddingUnitOfWork
from protea_adapters.sqlalchemy.engine import build_engine, build_session_factory
from protea_domain.ports.biodata_unit_of_work import BioDataUnitOfWork
from protea_domain.ports.embedding_repository import EmbeddingUnitOfWork
from tests.conftest import PG_URL, reset_postgres
from tests.support.biodata import BIODATA_TABLES

Factories = tuple[Callable[[], BioDataUnitOfWork], Callable[[], EmbeddingUnitOfWork]]
EMBEDDING_TABLES = (
    "predictions", "prediction_sets", "sequence_embeddings", "embedding_recipes", "scoring_configs",
)  # fmt: skip


@pytest.fixture
def memory_factories() -> Factories:
    biodata = MemoryBioDataStore()
    store = MemoryEmbeddingStore(biodata)
    return (lambda: MemoryBioDataUnitOfWork(biodata), lambda: MemoryEmbeddingUnitOfWork(store))


@pytest.fixture
def sqlite_factories(tmp_path: Path) -> Generator[Factories, None, None]:
    url = f"sqlite:///{tmp_path / 'embeddings.db'}"
    migrate.upgrade(url, "heads")
    engine = build_engine(url)
    factory = build_session_factory(engine)
    yield (lambda: SqlBioDataUnitOfWork(factory), lambda: SqlEmbeddingUnitOfWork(factory))
    engine.dispose()


@pytest.fixture(scope="session")
def embeddings_postgres_engine() -> Generator[Engine, None, None]:
    engine = reset_postgres(PG_URL)
    migrate.upgrade(PG_URL, "heads")
    yield engine
    engine.dispose()


@pytest.fixture
def postgres_factories(embeddings_postgres_engine: Engine) -> Factories:
    names = ", ".join((*EMBEDDING_TABLES, *BIODATA_TABLES))
    with embeddings_postgres_engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    factory = build_session_factory(embeddings_postgres_engine)
    return (lambda: SqlBioDataUnitOfWork(factory), lambda: SqlEmbeddingUnitOfWork(factory))
