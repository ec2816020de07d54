"""Shared fixtures: adapters of each kind, real services, and strict mode for CI.

With PROTEA_REQUIRE_SERVICES=1 (set by .ci/run) a missing service fails its tests, and any
skipped test is reported as a failure, so nothing silently stops being checked in CI.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Generator, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from sqlalchemy import Engine, create_engine, make_url, text

from protea_adapters.memory.store import MemoryStore
from protea_adapters.memory.unit_of_work import MemoryUnitOfWork
from protea_adapters.sqlalchemy import migrate
from protea_adapters.sqlalchemy.engine import build_engine, build_session_factory
from protea_adapters.sqlalchemy.tables import metadata
from protea_adapters.sqlalchemy.unit_of_work import SqlUnitOfWork
from protea_domain.ports.unit_of_work import UnitOfWork

STRICT = os.environ.get("PROTEA_REQUIRE_SERVICES") == "1"

settings.register_profile(
    "protea", deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.load_profile("protea")
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER")
"""`gw0`, `gw1`, ... under pytest-xdist: each worker gets databases of its own."""


def per_worker(url: str) -> str:
    """`url` with the xdist worker's name appended to the database name (unchanged outside
    xdist), so parallel workers never reset each other's schema."""
    if not XDIST_WORKER:
        return url
    parsed = make_url(url)
    return parsed.set(database=f"{parsed.database}_{XDIST_WORKER}").render_as_string(
        hide_password=False
    )


PG_URL = per_worker(
    os.environ.get("PROTEA_TEST_PG_URL", "postgresql+psycopg2://protea@127.0.0.1:5432/protea_test")
)
PG_STAIRWAY_URL = per_worker(
    os.environ.get(
        "PROTEA_TEST_PG_STAIRWAY_URL",
        "postgresql+psycopg2://protea@127.0.0.1:5432/protea_stairway",
    )
)
SHARED_SERVICE_MARKERS = ("rabbitmq", "s3")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under xdist (`--dist loadgroup`), every test of the one RabbitMQ broker and the one S3
    server runs on the same worker, one after another: they purge shared queues and buckets."""
    for item in items:
        if any(item.get_closest_marker(name) for name in SHARED_SERVICE_MARKERS):
            item.add_marker(pytest.mark.xdist_group("shared-services"))


def ensure_database(url: str) -> None:
    """Create the database of `url` when missing (a worker's own database under xdist),
    through the server's `postgres` database."""
    parsed = make_url(url)
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            exists = connection.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"),
                {"name": parsed.database},
            ).first()
            if exists is None:
                connection.execute(text(f'CREATE DATABASE "{parsed.database}"'))
    finally:
        admin.dispose()


UowFactory = Callable[[], UnitOfWork]


def shared_data_path() -> Path:
    """../shared/data beside the repository, or $PROTEA_SHARED_DATA."""
    env = os.environ.get("PROTEA_SHARED_DATA")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real public data of ../shared/data; a missing folder fails, never skips."""
    path = shared_data_path()
    if not path.is_dir():
        pytest.fail(f"shared data folder missing: {path} (set PROTEA_SHARED_DATA)", pytrace=False)
    return path


def service_missing(message: str) -> None:
    """Skip locally, fail under PROTEA_REQUIRE_SERVICES=1."""
    if STRICT:
        pytest.fail(f"required service unavailable: {message}", pytrace=False)
    pytest.skip(message)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if STRICT and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped under PROTEA_REQUIRE_SERVICES=1: {report.longrepr}"


def reset_postgres(url: str) -> Engine:
    engine = build_engine(url)
    try:
        if XDIST_WORKER:
            ensure_database(url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    except Exception as exc:
        engine.dispose()
        service_missing(f"PostgreSQL at {url}: {exc.__class__.__name__}: {exc}")
    return engine


@pytest.fixture(scope="session")
def postgres_engine() -> Generator[Engine, None, None]:
    engine = reset_postgres(PG_URL)
    migrate.upgrade(PG_URL)
    yield engine
    engine.dispose()


def _truncate_all(engine: Engine) -> None:
    names = ", ".join(table.name for table in reversed(metadata.sorted_tables))
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture
def postgres_uow_factory(postgres_engine: Engine) -> UowFactory:
    _truncate_all(postgres_engine)
    factory = build_session_factory(postgres_engine)
    return lambda: SqlUnitOfWork(factory)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'protea.db'}"
    migrate.upgrade(url)
    return url


@pytest.fixture
def sqlite_uow_factory(sqlite_url: str) -> Generator[UowFactory, None, None]:
    engine = build_engine(sqlite_url)
    factory = build_session_factory(engine)
    yield lambda: SqlUnitOfWork(factory)
    engine.dispose()


@pytest.fixture
def memory_uow_factory() -> UowFactory:
    store = MemoryStore()
    return lambda: MemoryUnitOfWork(store)
