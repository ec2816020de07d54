"""Evaluation unit-of-work factories per adapter (memory, SQLite, PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable, Generator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from protea_adapters.memory.biodata.store import MemoryBioDataStore
from protea_adapters.memory.evaluation.store import MemoryEvaluationStore
from protea_adapters.memory.evaluation.unit_of_work import MemoryEvaluationUnitOfWork
from protea_adapters.sqlalchemy import migrate
from protea_adapters.sqlalchemy.engine import build_engine, build_session_factory
from protea_adapters.sqlalchemy.evaluation.unit_of_work import sql_evaluation_uow_factory
from protea_domain.ports.evaluation_unit_of_work import EvaluationUnitOfWork
from tests.support.biodata import (  # noqa: F401
    MIGRATION_TARGET,
    biodata_postgres_engine,
    shared_data,
    truncate_biodata,
)

EvalUowFactory = Callable[[], EvaluationUnitOfWork]


@pytest.fixture
def evaluation_memory_factory() -> EvalUowFactory:
    biodata, evaluation = MemoryBioDataStore(), MemoryEvaluationStore()
    return lambda: MemoryEvaluationUnitOfWork(biodata, evaluation)


@pytest.fixture
def evaluation_sqlite_factory(tmp_path: Path) -> Generator[EvalUowFactory, None, None]:
    url = f"sqlite:///{tmp_path / 'evaluation.db'}"
    migrate.upgrade(url, MIGRATION_TARGET)
    engine = build_engine(url)
    yield sql_evaluation_uow_factory(build_session_factory(engine))
    engine.dispose()


@pytest.fixture
def evaluation_postgres_factory(biodata_postgres_engine: Engine) -> EvalUowFactory:  # noqa: F811
    truncate_biodata(biodata_postgres_engine)  # CASCADE empties the evaluation tables too
    return sql_evaluation_uow_factory(build_session_factory(biodata_postgres_engine))
