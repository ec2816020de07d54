"""Alembic stairway (upgrade, downgrade, upgrade for every revision) and schema drift."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from protea_adapters.sqlalchemy import migrate
from protea_adapters.sqlalchemy.engine import build_engine
from protea_adapters.sqlalchemy.tables import metadata
from tests.conftest import PG_STAIRWAY_URL, reset_postgres


def _stairway(url: str) -> None:
    revisions = migrate.revisions(url)
    assert revisions, "no migrations found"
    previous = "base"
    for revision in revisions:
        migrate.upgrade(url, revision)
        migrate.downgrade(url, previous)
        migrate.upgrade(url, revision)
        previous = revision


def _drift(url: str) -> list[object]:
    engine = build_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return list(compare_metadata(context, metadata))
    finally:
        engine.dispose()


def test_sqlite_stairway_and_no_drift(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'stairway.db'}"
    _stairway(url)
    assert _drift(url) == []


@pytest.mark.postgres
def test_postgres_stairway_and_no_drift() -> None:
    reset_postgres(PG_STAIRWAY_URL).dispose()
    _stairway(PG_STAIRWAY_URL)
    assert _drift(PG_STAIRWAY_URL) == []
