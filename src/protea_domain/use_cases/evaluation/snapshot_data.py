"""The ontology views the evaluation use cases build from a stored snapshot, and the
annotation filters they share."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar
from uuid import UUID

from protea_domain.annotations.evidence import EXPERIMENTAL_EVIDENCE_CODES
from protea_domain.annotations.fact import Fact
from protea_domain.errors import InvalidInputError, NotFoundError
from protea_domain.evaluation.from_snapshot import evaluation_ontology_from_snapshot
from protea_domain.evaluation.ontology import EvaluationOntology
from protea_domain.evaluation_sets.from_snapshot import term_dag_from_snapshot
from protea_domain.evaluation_sets.term_dag import TermDag
from protea_domain.ontology.terms import PROPAGATION_RELATIONS
from protea_domain.ports.ontology_repository import OntologyRepository

T = TypeVar("T")

EVIDENCE_FILTERS: dict[str, frozenset[str] | None] = {
    "experimental": EXPERIMENTAL_EVIDENCE_CODES,
    "any": None,
}


def required(lookup: Callable[[], T], location: str) -> T:
    """`lookup()`, with a `NotFoundError` turned into `InvalidInputError` at `location`: a
    payload naming something that does not exist is bad input, not worth retrying."""
    try:
        return lookup()
    except NotFoundError as exc:
        raise InvalidInputError(str(exc), location=location) from exc


def evidence_filter(name: str, location: str) -> frozenset[str] | None:
    """The evidence codes a named filter keeps (None: every annotation)."""
    if name not in EVIDENCE_FILTERS:
        raise InvalidInputError(
            f"expected one of {', '.join(EVIDENCE_FILTERS)}, got {name!r}", location=location
        )
    return EVIDENCE_FILTERS[name]


def snapshot_dag(ontology: OntologyRepository, snapshot_id: UUID) -> TermDag:
    terms = ontology.terms(snapshot_id)
    return term_dag_from_snapshot(terms, ontology.relationships(snapshot_id, PROPAGATION_RELATIONS))


def snapshot_evaluation_ontology(
    ontology: OntologyRepository, snapshot_id: UUID
) -> EvaluationOntology:
    terms = ontology.terms(snapshot_id)
    return evaluation_ontology_from_snapshot(terms, ontology.relationships(snapshot_id))


def positive_annotations(
    facts: Iterable[Fact], dag: TermDag, evidence: frozenset[str] | None
) -> dict[str, set[str]]:
    """protein -> terms kept by the evidence filter and known to the DAG, less every term a
    NOT annotation of the protein negates, with that term's descendants (unpropagated)."""
    positive: dict[str, set[str]] = {}
    negative: dict[str, set[str]] = {}
    for fact in facts:
        if fact.go_id not in dag:
            continue
        if evidence is not None and fact.evidence_code not in evidence:
            continue
        (negative if fact.negated else positive).setdefault(fact.protein, set()).add(fact.go_id)
    for protein, negated in negative.items():
        terms = positive.get(protein)
        if terms is None:
            continue
        for term in negated:
            terms -= {term} | dag.descendants(term)
    return {protein: terms for protein, terms in positive.items() if terms}
