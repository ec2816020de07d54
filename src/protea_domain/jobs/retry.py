"""Exponential backoff with jitter for retryable failures."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    base_seconds: float = 1.0
    cap_seconds: float = 300.0
    jitter: float = 0.5

    def delay(self, attempt: int, rng: random.Random | None = None) -> timedelta:
        """Delay before attempt `attempt + 1`: base * 2^(attempt-1), capped, then scaled by a
        random factor in [1 - jitter, 1] so that retries of a burst spread out."""
        exponential = min(self.cap_seconds, self.base_seconds * 2 ** max(0, attempt - 1))
        factor = 1.0 - self.jitter * (rng or random).random()
        return timedelta(seconds=exponential * factor)
