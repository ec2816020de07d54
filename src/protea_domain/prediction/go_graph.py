"""The slice of an ontology that prediction needs: primary ids, aspects, ancestors.

Built from parsed OBO terms: alt ids map to their primary term, obsolete terms are unknown,
ancestors follow `is_a` and `part_of` inside a namespace (as CAFA propagation does).
"""

from __future__ import annotations

from collections.abc import Iterable

from protea_domain.annotations.aspect import Aspect, parse_aspect
from protea_domain.ontology.obo_parser import OboTerm
from protea_domain.parsing.fields import FieldError

PROPAGATION_RELATIONS = ("part_of",)


class GoGraph:
    """Live terms of one ontology release with their aspect and ancestors."""

    def __init__(self, terms: Iterable[OboTerm], version: str | None = None) -> None:
        self.version = version
        self._aspect: dict[str, Aspect] = {}
        self._primary: dict[str, str] = {}
        parents: dict[str, tuple[str, ...]] = {}
        for term in terms:
            if term.is_obsolete or term.namespace is None:
                continue
            try:
                aspect = parse_aspect(term.namespace)
            except FieldError:
                continue
            self._aspect[term.id] = aspect
            self._primary[term.id] = term.id
            for alt in term.alt_ids:
                self._primary.setdefault(alt, term.id)
            related = [r.target for r in term.relationships if r.type in PROPAGATION_RELATIONS]
            parents[term.id] = (*term.is_a, *related)
        self._parents = {
            term: tuple(p for p in ps if self._aspect.get(p) == self._aspect[term])
            for term, ps in parents.items()
        }
        self._ancestors: dict[str, frozenset[str]] = {}

    def primary(self, go_id: str) -> str | None:
        """The live primary id for `go_id` (itself, or the term holding it as alt id), else
        None (obsolete or unknown)."""
        return self._primary.get(go_id)

    def aspect(self, go_id: str) -> Aspect | None:
        return self._aspect.get(go_id)

    def __contains__(self, go_id: object) -> bool:
        return go_id in self._aspect

    def __len__(self) -> int:
        return len(self._aspect)

    def parents(self, go_id: str) -> tuple[str, ...]:
        """Direct is_a and part_of parents of a live term, within its namespace."""
        return self._parents.get(go_id, ())

    def terms(self) -> list[str]:
        """Every live primary id, sorted."""
        return sorted(self._aspect)

    def ancestors(self, go_id: str) -> frozenset[str]:
        """`go_id` and every term above it over is_a + part_of within its namespace."""
        cached = self._ancestors.get(go_id)
        if cached is not None:
            return cached
        seen = {go_id}
        stack = [go_id]
        while stack:
            for parent in self._parents.get(stack.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    stack.append(parent)
        result = frozenset(seen)
        self._ancestors[go_id] = result
        return result
