"""Anonymous visitor counting: sha256(daily salt || client address), truncated; no address kept.

The salt is 32 random bytes held only in memory and replaced when the UTC calendar day
changes, so yesterday's hashes cannot be linked to today's, and nobody (not even the
operator, after the day ends) can test an address against a stored hash.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
from dataclasses import dataclass
from datetime import UTC, date, datetime

SALT_BYTES = 32
VISITOR_HEX_CHARS = 16
MAX_PATH_LENGTH = 255


@dataclass(frozen=True, slots=True)
class VisitorHit:
    day: date
    visitor: str
    path: str
    at: datetime


class DailySalt:
    """The current day's salt; thread-safe. `salt_for(day)` replaces it on a new day."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._day: date | None = None
        self._salt = b""

    def salt_for(self, day: date) -> bytes:
        with self._lock:
            if day != self._day:
                self._day = day
                self._salt = secrets.token_bytes(SALT_BYTES)
            return self._salt


def visitor_hash(salt: bytes, client: str) -> str:
    """The first 16 hex characters of sha256(salt || client)."""
    return hashlib.sha256(salt + client.encode()).hexdigest()[:VISITOR_HEX_CHARS]


def visitor_hit(salts: DailySalt, client: str, path: str, at: datetime) -> VisitorHit:
    """A hit by `client` on `path` at `at` (aware), the address reduced to its daily hash."""
    day = at.astimezone(UTC).date()
    return VisitorHit(day, visitor_hash(salts.salt_for(day), client), path[:MAX_PATH_LENGTH], at)
