"""Fixtures for the biodata tests: a biodata unit-of-work factory per adapter, the shared
real-data folder, and small real records taken from it."""

from __future__ import annotations

import os
from collections.abc import Callable, Generator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from protea_adapters.memory.biodata.store import MemoryBioDataStore
from protea_adapters.memory.biodata.unit_of_work import MemoryBioDataUnitOfWork
from protea_adapters.sqlalchemy import biodata_tables, migrate
from protea_adapters.sqlalchemy.biodata.unit_of_work import SqlBioDataUnitOfWork
from protea_adapters.sqlalchemy.engine import build_engine, build_session_factory
from protea_adapters.sqlalchemy.tables import metadata
from protea_domain.ports.biodata_unit_of_work import BioDataUnitOfWork
from tests.conftest import PG_URL, reset_postgres

BioUowFactory = Callable[[], BioDataUnitOfWork]

# "heads": works whether or not the API revision is chained onto 0003_biodata yet.
MIGRATION_TARGET = "heads"
BIODATA_TABLES = [
    t.name for t in metadata.sorted_tables if getattr(biodata_tables, t.name, None) is t
]


def shared_data_path() -> Path:
    env = os.environ.get("PROTEA_SHARED_DATA")
    return Path(env) if env else Path(__file__).resolve().parents[3] / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = shared_data_path()
    if not path.is_dir():
        pytest.fail(f"shared data folder missing: {path} (set PROTEA_SHARED_DATA)", pytrace=False)
    return path


def sqlite_biodata(path: Path) -> tuple[Engine, BioUowFactory]:
    url = f"sqlite:///{path}"
    migrate.upgrade(url, MIGRATION_TARGET)
    engine = build_engine(url)
    factory = build_session_factory(engine)
    return engine, lambda: SqlBioDataUnitOfWork(factory)


@pytest.fixture
def biodata_memory_factory() -> BioUowFactory:
    store = MemoryBioDataStore()
    return lambda: MemoryBioDataUnitOfWork(store)


@pytest.fixture
def biodata_sqlite_factory(tmp_path: Path) -> Generator[BioUowFactory, None, None]:
    engine, factory = sqlite_biodata(tmp_path / "biodata.db")
    yield factory
    engine.dispose()


@pytest.fixture(scope="session")
def biodata_postgres_engine() -> Generator[Engine, None, None]:
    engine = reset_postgres(PG_URL)
    migrate.upgrade(PG_URL, MIGRATION_TARGET)
    yield engine
    engine.dispose()


def truncate_biodata(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {', '.join(BIODATA_TABLES)} RESTART IDENTITY CASCADE"))


@pytest.fixture
def biodata_postgres_factory(biodata_postgres_engine: Engine) -> BioUowFactory:
    truncate_biodata(biodata_postgres_engine)
    factory = build_session_factory(biodata_postgres_engine)
    return lambda: SqlBioDataUnitOfWork(factory)
