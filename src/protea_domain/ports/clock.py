"""Clock port."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol


class Clock(Protocol):
    """Source of the current time. `now()` returns a timezone-aware UTC datetime; never raises."""

    def now(self) -> datetime: ...
