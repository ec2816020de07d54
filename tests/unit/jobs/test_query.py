"""Cursors and query validation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from uuid import UUID

import pytest
from hypothesis import given
from hypothesis import strategies as st

from protea_domain.errors import InvalidInputError
from protea_domain.jobs.query import MAX_PAGE_SIZE, JobCursor, JobQuery

aware = st.datetimes(min_value=datetime(1970, 1, 2), timezones=st.just(UTC)) | st.datetimes(
    min_value=datetime(1970, 1, 2), timezones=st.just(timezone(timedelta(hours=-7)))
)


@given(aware, st.uuids())
def test_cursor_round_trips(at: datetime, job_id: UUID) -> None:
    decoded = JobCursor.decode(JobCursor(at, job_id).encode())
    assert decoded == JobCursor(at, job_id)


@pytest.mark.parametrize("token", ["", "!!", "bm90LWEtY3Vyc29y", "MjAyNi0wMS0wMVQwMDowMDowMHx4"])
def test_malformed_cursors_are_invalid_input(token: str) -> None:
    with pytest.raises(InvalidInputError, match="cursor"):
        JobCursor.decode(token)


@pytest.mark.parametrize("limit", [0, -1, MAX_PAGE_SIZE + 1])
def test_page_size_is_bounded(limit: int) -> None:
    with pytest.raises(InvalidInputError, match="limit"):
        JobQuery(limit=limit)
