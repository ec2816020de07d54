"""Visitor analytics: GETs to non-asset paths counted by a daily-salted hash; no address kept."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime

from sqlalchemy import inspect, text
from starlette.testclient import TestClient

from protea_adapters.containers import CoreContainer
from protea_domain.api_access.visitors import (
    SALT_BYTES,
    DailySalt,
    visitor_hash,
    visitor_hit,
)

CLIENT_IP = "testclient"  # what Starlette's TestClient reports as the client address


def _rows(container: CoreContainer) -> list[dict[str, object]]:
    with container.engine().connect() as connection:
        rows = connection.execute(text("SELECT * FROM visitor_hits ORDER BY id"))
        return [dict(row._mapping) for row in rows]


def test_gets_are_counted_by_hash_and_assets_probes_and_writes_are_not(
    client: TestClient, auth: dict[str, str], container: CoreContainer
) -> None:
    client.get("/v1/jobs")
    client.get("/v1/benchmark-matrix")
    for path in ("/livez", "/readyz", "/v1/metrics", "/favicon.ico", "/app.js"):
        client.get(path)
    client.post("/v1/support", json={}, headers=auth)
    rows = _rows(container)
    assert [row["path"] for row in rows] == ["/v1/jobs", "/v1/benchmark-matrix"]
    salts: DailySalt = client.app.state.deps.salts  # type: ignore[attr-defined]
    expected = visitor_hash(salts.salt_for(datetime.now(UTC).date()), CLIENT_IP)
    assert {row["visitor"] for row in rows} == {expected}
    assert len(expected) == 16
    int(expected, 16)


def test_no_address_is_stored_anywhere(client: TestClient, container: CoreContainer) -> None:
    client.get("/v1/jobs", headers={"X-Forwarded-For": "203.0.113.9"})
    engine = container.engine()
    tables = inspect(engine).get_table_names()
    assert "visitor_hits" in tables
    with engine.connect() as connection:
        dump = " ".join(
            str(value)
            for table in tables
            for row in connection.execute(text(f'SELECT * FROM "{table}"'))
            for value in row
        )
    assert CLIENT_IP not in dump
    assert "203.0.113.9" not in dump
    assert _rows(container)


def test_the_salt_is_random_per_day_and_kept_within_a_day() -> None:
    salts = DailySalt()
    monday, tuesday = date(2026, 11, 30), date(2026, 12, 1)
    first = salts.salt_for(monday)
    assert len(first) == SALT_BYTES
    assert salts.salt_for(monday) == first
    assert salts.salt_for(tuesday) != first
    assert DailySalt().salt_for(monday) != first


def test_the_hash_is_sha256_of_salt_then_address_truncated() -> None:
    salt = bytes(range(32))
    expected = hashlib.sha256(salt + b"198.51.100.4").hexdigest()[:16]
    assert visitor_hash(salt, "198.51.100.4") == expected


def test_hits_rotate_with_the_utc_calendar_day() -> None:
    salts = DailySalt()
    late = visitor_hit(salts, "198.51.100.4", "/", datetime(2026, 11, 30, 23, 59, tzinfo=UTC))
    early = visitor_hit(salts, "198.51.100.4", "/", datetime(2026, 12, 1, 0, 1, tzinfo=UTC))
    assert (late.day, early.day) == (date(2026, 11, 30), date(2026, 12, 1))
    assert late.visitor != early.visitor
