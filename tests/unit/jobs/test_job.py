"""Job entity invariants."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from tests.support.jobs import make_job


def test_times_are_normalised_to_utc() -> None:
    local = datetime(2026, 1, 1, 10, 0, tzinfo=timezone(timedelta(hours=3)))
    job = make_job(created_at=local)
    assert job.created_at == datetime(2026, 1, 1, 7, 0, tzinfo=UTC)
    assert job.created_at.tzinfo is UTC


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        make_job(created_at=datetime(2026, 1, 1))
