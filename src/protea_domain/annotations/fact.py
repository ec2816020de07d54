"""`Fact`: one annotation reduced to what evaluation sets and reference loading need."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Fact:
    """One annotation as the evaluation set needs it. `evidence_code` None means the source
    carries none (it then passes only an evidence filter of None)."""

    protein: str
    go_id: str
    evidence_code: str | None = None
    negated: bool = False
