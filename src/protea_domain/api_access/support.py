"""Support entries: a thumbs-up with an optional comment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

MAX_COMMENT_LENGTH = 2_000


@dataclass(frozen=True, slots=True)
class SupportEntry:
    at: datetime
    comment: str | None = None
    id: int | None = None
