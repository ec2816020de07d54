"""Retry timing for HTTP calls: exponential backoff with jitter, honouring `Retry-After`."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class HttpRetryPolicy:
    """`attempts` tries in all; the wait before try n+1 is `base * 2**(n-1)` (capped at
    `max_delay`, plus up to 10 % jitter), or the server's `Retry-After` when it gives one
    (capped at `max_retry_after`)."""

    attempts: int = 5
    base: float = 0.5
    max_delay: float = 30.0
    max_retry_after: float = 120.0
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False)

    def delay(self, attempt: int, retry_after: str | None = None) -> float:
        server = parse_retry_after(retry_after)
        if server is not None:
            return min(server, self.max_retry_after)
        backoff: float = min(self.base * 2 ** (attempt - 1), self.max_delay)
        return backoff * (1 + random.random() / 10)


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a `Retry-After` header (delta-seconds or an HTTP date); None when
    absent or unreadable."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
