"""Bounded exponential backoff with jitter, for reconnecting."""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Backoff:
    """`attempts` tries in all; the n-th wait (n >= 1) is `initial * 2**(n-1)` capped at
    `maximum`, scaled by a random factor in [0.5, 1]."""

    attempts: int
    initial: float = 0.2
    maximum: float = 10.0

    def delay(self, failures: int) -> float:
        base = min(self.maximum, self.initial * 2.0 ** max(failures - 1, 0))
        return base * random.uniform(0.5, 1.0)


PUBLISH_BACKOFF = Backoff(attempts=3, initial=0.2, maximum=1.0)
CONSUME_BACKOFF = Backoff(attempts=30, initial=0.5, maximum=15.0)
