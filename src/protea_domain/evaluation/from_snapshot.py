"""The evaluation ontology of a stored snapshot, built exactly as from its OBO file."""

from __future__ import annotations

from collections.abc import Iterable

from protea_domain.evaluation.ontology import EvaluationOntology, build_evaluation_ontology
from protea_domain.ontology.obo_parser import OboRelationship, OboTerm
from protea_domain.ontology.terms import IS_A, GoTerm, TermRelationship


def evaluation_ontology_from_snapshot(
    terms: Iterable[GoTerm], relationships: Iterable[TermRelationship]
) -> EvaluationOntology:
    """Rebuild the OBO stanzas the evaluator reads (id, namespace, alt ids, obsolete flag,
    is_a and other relationships) from stored terms and edges, in the order given, and feed
    them to `build_evaluation_ontology`. Terms come from the repository ordered by id, which
    is the order of GO's OBO releases, so the result equals `load_ontology(obo)` term for term.
    Terms without an aspect (no GO namespace) are left out, as cafaeval leaves them."""
    is_a: dict[str, list[str]] = {}
    others: dict[str, list[OboRelationship]] = {}
    for edge in relationships:
        if edge.relation == IS_A:
            is_a.setdefault(edge.child, []).append(edge.parent)
        else:
            others.setdefault(edge.child, []).append(OboRelationship(edge.relation, edge.parent))
    stanzas = [
        OboTerm(
            id=term.go_id,
            name=term.name,
            namespace=term.aspect.namespace,
            alt_ids=term.alt_ids,
            is_obsolete=term.is_obsolete,
            is_a=tuple(is_a.get(term.go_id, ())),
            relationships=tuple(others.get(term.go_id, ())),
        )
        for term in terms
        if term.aspect is not None
    ]
    return build_evaluation_ontology(stanzas)
