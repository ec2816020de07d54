"""Visitor hit repository port."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from protea_domain.api_access.visitors import VisitorHit


class VisitorHitRepository(Protocol):
    """Anonymous page hits (hashed visitors only), inside a unit of work (transactional)."""

    def add(self, hit: VisitorHit) -> None:
        """Append a hit. Never deduplicates."""
        ...

    def daily(self, since: date) -> list[tuple[date, int, int]]:
        """(day, hits, distinct visitors) for every day from `since` that has hits, oldest
        first."""
        ...
