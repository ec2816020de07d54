"""Mapping a GO id as written in an annotation file onto a snapshot's primary term."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from protea_domain.annotations.load_report import (
    ALT_ID_REMAPPED,
    OBSOLETE_TERM,
    UNKNOWN_TERM,
)
from protea_domain.ontology.terms import GoTerm


@dataclass(frozen=True, slots=True)
class Resolution:
    """`go_id` is the primary id to store, or None when the row must be skipped; `reason` is
    `alt_id_remapped`, `unknown_term`, `obsolete_term`, or None for a live primary id."""

    go_id: str | None
    reason: str | None


class TermResolver:
    """Live primary ids resolve to themselves, alt ids of live terms to their primary id;
    obsolete terms (or alt ids of obsolete terms) and unknown ids are refused."""

    def __init__(self, terms: Iterable[GoTerm]) -> None:
        self._primary: dict[str, bool] = {}
        self._alt: dict[str, str] = {}
        for term in terms:
            self._primary[term.go_id] = term.is_obsolete
            for alt in term.alt_ids:
                self._alt[alt] = term.go_id
        self._cache: dict[str, Resolution] = {}

    def resolve(self, go_id: str) -> Resolution:
        cached = self._cache.get(go_id)
        if cached is None:
            cached = self._cache[go_id] = self._resolve(go_id)
        return cached

    def _resolve(self, go_id: str) -> Resolution:
        obsolete = self._primary.get(go_id)
        if obsolete is not None:
            return Resolution(None, OBSOLETE_TERM) if obsolete else Resolution(go_id, None)
        primary = self._alt.get(go_id)
        if primary is None:
            return Resolution(None, UNKNOWN_TERM)
        if self._primary[primary]:
            return Resolution(None, OBSOLETE_TERM)
        return Resolution(primary, ALT_ID_REMAPPED)
