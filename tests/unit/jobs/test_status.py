"""The state machine of DESIGN.md section 3."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from protea_domain.jobs import moves
from protea_domain.jobs.status import TERMINAL_STATUSES, JobStatus, legal_sources

Q, R, S, F, C = (
    JobStatus.QUEUED,
    JobStatus.RUNNING,
    JobStatus.SUCCEEDED,
    JobStatus.FAILED,
    JobStatus.CANCELLED,
)
LEGAL = {(Q, R), (R, S), (R, F), (Q, C), (R, C), (R, Q)}
T = datetime(2026, 1, 1, tzinfo=UTC)


@given(st.sampled_from(JobStatus), st.sampled_from(JobStatus))
def test_exactly_the_documented_moves_are_legal(source: JobStatus, target: JobStatus) -> None:
    assert source.can_move_to(target) == ((source, target) in LEGAL)
    assert (source in legal_sources(target)) == ((source, target) in LEGAL)


def test_terminal_states_have_no_way_out() -> None:
    assert {S, F, C} == TERMINAL_STATUSES
    for status in TERMINAL_STATUSES:
        assert status.is_terminal
        assert not any(status.can_move_to(target) for target in JobStatus)


def test_moves_name_their_legal_sources() -> None:
    assert moves.claim(T, "w", timedelta(1)).allowed_from == {Q}
    assert moves.succeed(T, None, None).allowed_from == {R}
    assert moves.fail(T, "c", "m").allowed_from == {R}
    assert moves.cancel(T, None).allowed_from == {Q, R}
    assert moves.requeue(T).allowed_from == {R}


def test_a_move_from_an_illegal_source_cannot_be_built() -> None:
    with pytest.raises(ValueError, match="not a legal move"):
        moves.JobMove(S, T, frozenset({Q}))
    with pytest.raises(ValueError, match="not movable"):
        moves.JobMove(C, T, frozenset({Q}), {"status": "x"})
