"""Information accretion: IA(t) = -log2 P(t | all parents of t), over propagated annotations."""

from __future__ import annotations

import math
from collections.abc import Mapping

from protea_domain.evaluation_sets.term_dag import TermDag


def information_accretion(annotations: Mapping[str, set[str]], dag: TermDag) -> dict[str, float]:
    """IA of every term of `dag` from `annotations` (protein -> terms, propagated or not: they
    are propagated here). P(t | parents) = |proteins with t| / |proteins with every parent of
    t|. Roots, and terms no protein carries, get 0 (the CAFA convention)."""
    carriers: dict[str, set[str]] = {}
    for protein, terms in annotations.items():
        for term in dag.propagate(term for term in terms if term in dag):
            carriers.setdefault(term, set()).add(protein)
    accretion: dict[str, float] = {}
    for term in dag.namespace:
        with_term = carriers.get(term)
        parents = dag.parents.get(term, frozenset())
        if not with_term or not parents:
            accretion[term] = 0.0
            continue
        with_parents = set.intersection(*(carriers.get(parent, set()) for parent in parents))
        accretion[term] = 0.0 - math.log2(len(with_term) / len(with_parents))
    return accretion
