"""`session_scope`: commit on normal exit, roll back on any exception, always close."""

from __future__ import annotations

import pytest
from sqlalchemy import func, insert, select

from protea_adapters.sqlalchemy.engine import build_engine, build_session_factory, session_scope
from protea_adapters.sqlalchemy.tables import outbox
from tests.support.jobs import T0


def _row(n: int) -> dict[str, object]:
    return {
        "queue": "protea.ping",
        "message_id": f"m{n}",
        "body": {},
        "headers": {},
        "created_at": T0,
        "available_at": T0,
        "attempts": 0,
    }


def test_session_scope_commits_rolls_back_and_closes(sqlite_url: str) -> None:
    engine = build_engine(sqlite_url)
    factory = build_session_factory(engine)
    with session_scope(factory) as session:
        session.execute(insert(outbox).values(_row(1)))

    def insert_then_fail() -> None:
        with session_scope(factory) as session:
            session.execute(insert(outbox).values(_row(2)))
            raise RuntimeError("abort")

    with pytest.raises(RuntimeError):
        insert_then_fail()
    with session_scope(factory) as session:
        assert session.execute(select(func.count()).select_from(outbox)).scalar_one() == 1
    assert engine.pool.checkedout() == 0  # type: ignore[attr-defined]
    engine.dispose()
