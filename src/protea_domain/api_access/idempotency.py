"""Idempotency records: one per (principal, key), tying a request fingerprint to its result."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

MAX_KEY_LENGTH = 255
DEFAULT_TTL = timedelta(days=1)
"""How long a key replays its first request; then it is free again."""
PURGE_BATCH = 100
"""At most this many expired records are deleted by each keyed request."""


def request_fingerprint(body: Any) -> str:
    """SHA-256 of the canonical JSON of a request body (key order and spacing ignored)."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class IdempotencyRecord:
    """`resource_id` is None while the first request is still being processed. A record
    expires (no longer replays, and may be deleted) once it is older than the TTL."""

    principal: str
    key: str
    fingerprint: str
    created_at: datetime
    resource_id: UUID | None = None
