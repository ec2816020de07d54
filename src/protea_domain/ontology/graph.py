"""Graph algorithms over a snapshot's typed edges: ancestors, descendants, propagation, and the
ancestor subgraph of a set of terms (breadth-first)."""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass

from protea_domain.ontology.terms import PROPAGATION_RELATIONS, TermRelationship


@dataclass(frozen=True, slots=True)
class Subgraph:
    """Terms reached and the edges walked, in BFS order (deterministic for a given input)."""

    terms: tuple[str, ...]
    edges: tuple[TermRelationship, ...]


class OntologyGraph:
    """An immutable view of typed edges. `relations=None` means every relation type.
    Unknown terms have no neighbours (they are not an error)."""

    def __init__(self, edges: Iterable[TermRelationship]) -> None:
        self._parents: dict[str, list[TermRelationship]] = defaultdict(list)
        self._children: dict[str, list[TermRelationship]] = defaultdict(list)
        for edge in edges:
            self._parents[edge.child].append(edge)
            self._children[edge.parent].append(edge)
        for neighbours in (*self._parents.values(), *self._children.values()):
            neighbours.sort(key=lambda e: (e.parent, e.child, e.relation))

    def parents(self, term: str, relations: Iterable[str] | None = None) -> list[TermRelationship]:
        allowed = None if relations is None else frozenset(relations)
        return [e for e in self._parents.get(term, ()) if allowed is None or e.relation in allowed]

    def ancestors(self, term: str, relations: Iterable[str] | None = None) -> set[str]:
        """Every term reachable upwards from `term` (excluding it) over `relations`."""
        return set(self.ancestor_subgraph([term], relations).terms) - {term}

    def descendants(self, term: str, relations: Iterable[str] | None = None) -> set[str]:
        """Every term reachable downwards from `term` (excluding it) over `relations`."""
        allowed = None if relations is None else frozenset(relations)
        seen: set[str] = set()
        queue = deque([term])
        while queue:
            current = queue.popleft()
            for edge in self._children.get(current, ()):
                if (allowed is None or edge.relation in allowed) and edge.child not in seen:
                    seen.add(edge.child)
                    queue.append(edge.child)
        seen.discard(term)
        return seen

    def ancestor_subgraph(
        self, terms: Iterable[str], relations: Iterable[str] | None = None
    ) -> Subgraph:
        """BFS upwards from `terms` over `relations`: the start terms, their ancestors, and
        every edge between them of an allowed type."""
        allowed = None if relations is None else frozenset(relations)
        order: list[str] = []
        seen: set[str] = set()
        edges: list[TermRelationship] = []
        queue: deque[str] = deque()
        for term in terms:
            if term not in seen:
                seen.add(term)
                order.append(term)
                queue.append(term)
        while queue:
            current = queue.popleft()
            for edge in self._parents.get(current, ()):
                if allowed is not None and edge.relation not in allowed:
                    continue
                edges.append(edge)
                if edge.parent not in seen:
                    seen.add(edge.parent)
                    order.append(edge.parent)
                    queue.append(edge.parent)
        return Subgraph(tuple(order), tuple(edges))

    def propagate(
        self, terms: Iterable[str], relations: Iterable[str] = PROPAGATION_RELATIONS
    ) -> set[str]:
        """`terms` with all their ancestors over is_a + part_of (by default)."""
        return set(self.ancestor_subgraph(terms, relations).terms)
