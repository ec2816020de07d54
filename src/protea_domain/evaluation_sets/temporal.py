"""Temporal evaluation sets: what proteins gained between two annotation releases, split into
no-knowledge (NK), limited-knowledge (LK) and partial-knowledge (PK) targets per namespace."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from protea_domain.annotations.evidence import EXPERIMENTAL_EVIDENCE_CODES
from protea_domain.annotations.fact import Fact
from protea_domain.evaluation_sets.term_dag import TermDag


class Category(StrEnum):
    NK = "NK"
    LK = "LK"
    PK = "PK"


@dataclass(frozen=True, slots=True)
class Target:
    """A protein to evaluate in one namespace. `ground_truth` is propagated; for PK it excludes
    the `known` (propagated t0) terms, which the evaluator also removes from predictions."""

    protein: str
    namespace: str
    category: Category
    ground_truth: frozenset[str]
    known: frozenset[str]


@dataclass(frozen=True, slots=True)
class EvaluationSet:
    targets: tuple[Target, ...]

    def of(self, category: Category) -> list[Target]:
        return [target for target in self.targets if target.category is category]

    def stats(self) -> dict[str, dict[str, dict[str, int]]]:
        """category -> namespace -> {"proteins", "terms"} (terms counted with propagation)."""
        table: dict[str, dict[str, dict[str, int]]] = {}
        for target in self.targets:
            cell = table.setdefault(target.category.value, {}).setdefault(
                target.namespace, {"proteins": 0, "terms": 0}
            )
            cell["proteins"] += 1
            cell["terms"] += len(target.ground_truth)
        return table


def _positive_terms(
    facts: Iterable[Fact], dag: TermDag, evidence: frozenset[str] | None
) -> dict[str, dict[str, set[str]]]:
    """protein -> namespace -> propagated terms, after the evidence filter, dropping terms the
    DAG does not know, and removing NOT-annotated terms with their descendants."""
    positive: dict[str, set[str]] = defaultdict(set)
    negative: dict[str, set[str]] = defaultdict(set)
    for fact in facts:
        if fact.go_id not in dag:
            continue
        if evidence is not None and fact.evidence_code not in evidence:
            continue
        (negative if fact.negated else positive)[fact.protein].add(fact.go_id)
    by_namespace: dict[str, dict[str, set[str]]] = {}
    for protein, terms in positive.items():
        excluded: set[str] = set()
        for term in negative.get(protein, ()):
            excluded |= {term} | dag.descendants(term)
        for term in dag.propagate(terms - excluded):
            namespace = dag.namespace[term]
            by_namespace.setdefault(protein, {}).setdefault(namespace, set()).add(term)
    return by_namespace


def build_evaluation_set(
    old: Iterable[Fact],
    new: Iterable[Fact],
    dag: TermDag,
    *,
    evidence: frozenset[str] | None = EXPERIMENTAL_EVIDENCE_CODES,
    old_evidence: frozenset[str] | None = EXPERIMENTAL_EVIDENCE_CODES,
) -> EvaluationSet:
    """Targets for every (protein, namespace) that gained terms from `old` (t0) to `new` (t1).
    NK: the protein had no annotation in any namespace at t0; LK: none in this namespace;
    PK: some in this namespace, and the ground truth is what is new. Evidence filters apply
    to each release (None keeps every annotation, for sources without evidence codes)."""
    before = _positive_terms(old, dag, old_evidence)
    after = _positive_terms(new, dag, evidence)
    targets: list[Target] = []
    for protein in sorted(after):
        known_anywhere = protein in before
        for namespace in sorted(after[protein]):
            known = frozenset(before.get(protein, {}).get(namespace, set()))
            gained = frozenset(after[protein][namespace] - known)
            if not gained:
                continue
            if not known_anywhere:
                category = Category.NK
            elif not known:
                category = Category.LK
            else:
                category = Category.PK
            targets.append(Target(protein, namespace, category, gained, known))
    return EvaluationSet(tuple(targets))
