"""Thumbs-up entries and anonymous visits."""

from __future__ import annotations

from datetime import date

from protea_domain.api_access.ports.unit_of_work import ApiUnitOfWork
from protea_domain.api_access.support import MAX_COMMENT_LENGTH, SupportEntry
from protea_domain.api_access.visitors import DailySalt, visitor_hit
from protea_domain.errors import InvalidInputError
from protea_domain.ports.clock import Clock


def add_support(uow: ApiUnitOfWork, clock: Clock, comment: str | None) -> SupportEntry:
    if comment is not None and len(comment) > MAX_COMMENT_LENGTH:
        raise InvalidInputError(f"at most {MAX_COMMENT_LENGTH} characters", location="comment")
    with uow:
        entry = uow.support.add(SupportEntry(clock.now(), (comment or "").strip() or None))
        uow.commit()
    return entry


def support_summary(uow: ApiUnitOfWork, limit: int) -> tuple[int, list[SupportEntry]]:
    """The number of entries and the newest `limit` of them."""
    with uow:
        return uow.support.count(), uow.support.latest(limit)


def record_visit(
    uow: ApiUnitOfWork, clock: Clock, salts: DailySalt, client: str, path: str
) -> None:
    """Count a page view by `client` (an address, hashed here and never stored)."""
    hit = visitor_hit(salts, client, path, clock.now())
    with uow:
        uow.visitors.add(hit)
        uow.commit()


def visits_since(uow: ApiUnitOfWork, since: date) -> list[tuple[date, int, int]]:
    with uow:
        return uow.visitors.daily(since)
