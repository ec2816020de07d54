"""A `TermDag` and an id resolver from a parsed OBO document."""

from __future__ import annotations

from dataclasses import dataclass

from protea_domain.evaluation_sets.term_dag import TermDag
from protea_domain.ontology.obo_parser import OboDocument

PROPAGATION_RELATIONS = frozenset({"part_of"})


@dataclass(frozen=True, slots=True)
class TermResolver:
    """Maps an id of any release to the live primary id of this ontology, or None."""

    live: frozenset[str]
    alternative: dict[str, str]

    def resolve(self, go_id: str) -> str | None:
        if go_id in self.live:
            return go_id
        return self.alternative.get(go_id)


def term_dag_from_obo(document: OboDocument) -> tuple[TermDag, TermResolver]:
    """Live terms, their namespace, and parents over is_a and part_of inside the namespace
    (the cafaeval reading); alt ids map to their primary term; obsolete terms are dropped."""
    live = {term.id: term for term in document.terms if not term.is_obsolete}
    namespace = {term_id: term.namespace or "" for term_id, term in live.items()}
    parents: dict[str, frozenset[str]] = {}
    for term_id, term in live.items():
        candidates = [*term.is_a]
        candidates += [r.target for r in term.relationships if r.type in PROPAGATION_RELATIONS]
        parents[term_id] = frozenset(
            parent
            for parent in candidates
            if parent in live and namespace[parent] == namespace[term_id]
        )
    alternative = {alt: term.id for term in live.values() for alt in term.alt_ids}
    return TermDag(namespace, parents), TermResolver(frozenset(live), alternative)
