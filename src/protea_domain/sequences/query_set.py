"""Query sets: proteins a user uploads as FASTA to be annotated (not part of the reference)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID


@dataclass(frozen=True, slots=True)
class QuerySet:
    id: UUID
    name: str
    created_at: datetime
    entry_count: int = 0
    source: str | None = None


@dataclass(frozen=True, slots=True)
class QuerySetEntry:
    """Entry `position` (0-based, file order) of a query set: its FASTA identifier and the
    MD5 of its (deduplicated) sequence."""

    query_set_id: UUID
    position: int
    identifier: str
    sequence_md5: str
    header: str | None = None
