"""A `TermDag` from the terms and edges of a stored ontology snapshot."""

from __future__ import annotations

from collections.abc import Iterable

from protea_domain.evaluation_sets.term_dag import TermDag
from protea_domain.ontology.terms import PROPAGATION_RELATIONS, GoTerm, TermRelationship


def term_dag_from_snapshot(
    terms: Iterable[GoTerm], relationships: Iterable[TermRelationship]
) -> TermDag:
    """Live terms with an aspect, their namespace, and parents over is_a and part_of inside
    the namespace: the same DAG `term_dag_from_obo` reads from the OBO file of the snapshot."""
    namespace = {
        term.go_id: term.aspect.namespace
        for term in terms
        if not term.is_obsolete and term.aspect is not None
    }
    parents: dict[str, set[str]] = {term_id: set() for term_id in namespace}
    for edge in relationships:
        if edge.relation not in PROPAGATION_RELATIONS:
            continue
        if edge.child not in namespace or edge.parent not in namespace:
            continue
        if namespace[edge.child] == namespace[edge.parent]:
            parents[edge.child].add(edge.parent)
    return TermDag(namespace, {term: frozenset(found) for term, found in parents.items()})
