"""The API records' storage contract on every adapter (memory, SQLite, PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from uuid import UUID

import pytest
from sqlalchemy import Engine

from protea_adapters.memory.api_store import MemoryApiStore, MemoryApiUnitOfWork
from protea_adapters.sqlalchemy.api_unit_of_work import SqlApiUnitOfWork
from protea_adapters.sqlalchemy.engine import build_engine, build_session_factory
from tests.conftest import UowFactory
from tests.contract.api_storage_contract import ApiStorageContract, ApiUowFactory
from tests.support.jobs import make_job, store


def _jobs(uow_factory: UowFactory) -> list[UUID]:
    jobs = [make_job() for _ in range(3)]
    store(uow_factory(), *jobs)
    return [job.id for job in jobs]


class TestMemoryApiStorage(ApiStorageContract):
    @pytest.fixture
    def uow_factory(self) -> ApiUowFactory:
        records = MemoryApiStore()
        return lambda: MemoryApiUnitOfWork(records)

    @pytest.fixture
    def job_ids(self, memory_uow_factory: UowFactory) -> list[UUID]:
        return _jobs(memory_uow_factory)


class TestSqliteApiStorage(ApiStorageContract):
    @pytest.fixture
    def uow_factory(self, sqlite_url: str) -> Iterator[ApiUowFactory]:
        engine = build_engine(sqlite_url)
        factory = build_session_factory(engine)
        yield lambda: SqlApiUnitOfWork(factory)
        engine.dispose()

    @pytest.fixture
    def job_ids(self, sqlite_uow_factory: UowFactory) -> list[UUID]:
        return _jobs(sqlite_uow_factory)


@pytest.mark.postgres
class TestPostgresApiStorage(ApiStorageContract):
    @pytest.fixture
    def uow_factory(
        self, postgres_engine: Engine, postgres_uow_factory: UowFactory
    ) -> ApiUowFactory:
        factory = build_session_factory(postgres_engine)
        return lambda: SqlApiUnitOfWork(factory)

    @pytest.fixture
    def job_ids(self, postgres_uow_factory: UowFactory) -> list[UUID]:
        return _jobs(postgres_uow_factory)
