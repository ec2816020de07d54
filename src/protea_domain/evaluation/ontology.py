"""The evaluation ontology: one dense term index per namespace, built with cafaeval's rules.

A term takes part when it is not obsolete and names a namespace other than `external`
(`default-namespace` is ignored). Namespaces and terms keep their order of appearance; a
repeated id keeps its first position and its last stanza. Edges are `is_a` and
`relationship: part_of` to a parent of the same namespace; other parents are dropped.
Alternative ids map to every live term of the namespace that lists them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from protea_domain.evaluation.errors import OntologyCycleError
from protea_domain.ontology.obo_parser import OboTerm

IntArray = npt.NDArray[np.intp]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class PropagationLevel:
    """Edges whose parent sits at one height; `starts` opens each parent's run of children."""

    parents: IntArray
    children: IntArray
    starts: IntArray
    edge_parents: IntArray


@dataclass(frozen=True, slots=True)
class NamespaceOntology:
    name: str
    terms: tuple[str, ...]
    index: Mapping[str, int]
    alternatives: Mapping[str, tuple[int, ...]]
    has_parent: BoolArray
    levels: tuple[PropagationLevel, ...]

    @property
    def size(self) -> int:
        return len(self.terms)

    def ia_vector(self, ia: Mapping[str, float]) -> FloatArray:
        """IA per term as cafaeval sets it: missing, zero, NaN and infinite values become 0."""
        values = np.array([ia.get(term, 0.0) or 0.0 for term in self.terms], dtype=np.float64)
        return np.nan_to_num(values, nan=0.0, posinf=0.0, neginf=0.0)


@dataclass(frozen=True, slots=True)
class EvaluationOntology:
    namespaces: tuple[NamespaceOntology, ...]

    def namespace(self, name: str) -> NamespaceOntology:
        for item in self.namespaces:
            if item.name == name:
                return item
        raise KeyError(name)

    def annotation_lookup(self) -> dict[str, tuple[int, tuple[int, ...]]]:
        """Map an id to (namespace position, term indexes) as cafaeval's ground-truth reader.

        The first namespace holding the id as a term or an alternative id wins; inside it a
        primary id wins over an alternative one.
        """
        lookup: dict[str, tuple[int, tuple[int, ...]]] = {}
        for pos, ns in enumerate(self.namespaces):
            for term, idx in ns.index.items():
                lookup.setdefault(term, (pos, (idx,)))
            for alt, idxs in ns.alternatives.items():
                if alt not in ns.index:
                    lookup.setdefault(alt, (pos, idxs))
        return lookup

    def prediction_lookup(self, positions: Iterable[int]) -> dict[str, tuple[int, tuple[int, ...]]]:
        """Map an id as cafaeval's prediction reader over the namespaces that have ground truth.

        A later namespace overrides an earlier one; inside a namespace an alternative id wins
        over a primary one.
        """
        lookup: dict[str, tuple[int, tuple[int, ...]]] = {}
        for pos in positions:
            ns = self.namespaces[pos]
            for term, idx in ns.index.items():
                lookup[term] = (pos, (idx,))
            for alt, idxs in ns.alternatives.items():
                lookup[alt] = (pos, idxs)
        return lookup


def _heights(size: int, child: IntArray, parent: IntArray, name: str) -> IntArray:
    """Longest path down to a leaf, by Kahn's algorithm from the leaves, one frontier at a time."""
    order = np.argsort(child, kind="stable")
    by_child_parent = parent[order]
    ptr = np.concatenate(([0], np.cumsum(np.bincount(child, minlength=size))))
    remaining = np.bincount(parent, minlength=size)
    height = np.zeros(size, dtype=np.intp)
    frontier = np.flatnonzero(remaining == 0)
    visited = 0
    while frontier.size:
        visited += frontier.size
        counts = ptr[frontier + 1] - ptr[frontier]
        if not counts.sum():
            break
        starts = np.repeat(ptr[frontier], counts)
        offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
        parents = by_child_parent[starts + offsets]
        np.maximum.at(height, parents, np.repeat(height[frontier], counts) + 1)
        np.subtract.at(remaining, parents, 1)
        touched = np.unique(parents)
        frontier = touched[remaining[touched] == 0]
    if visited != size:
        raise OntologyCycleError(f"namespace {name!r}: the is_a/part_of graph has a cycle")
    return height


def _levels(
    size: int, child: IntArray, parent: IntArray, name: str
) -> tuple[PropagationLevel, ...]:
    height = _heights(size, child, parent, name)
    levels: list[PropagationLevel] = []
    edge_height = height[parent]
    for h in range(1, int(height.max(initial=0)) + 1):
        sel = np.flatnonzero(edge_height == h)
        if sel.size == 0:
            continue
        by_parent = sel[np.argsort(parent[sel], kind="stable")]
        p = parent[by_parent]
        starts = np.flatnonzero(np.concatenate(([True], p[1:] != p[:-1])))
        levels.append(PropagationLevel(p[starts].astype(np.intp), child[by_parent], starts, p))
    return tuple(levels)


def _namespace(name: str, stanzas: dict[str, OboTerm]) -> NamespaceOntology:
    terms = tuple(stanzas)
    index = {term: i for i, term in enumerate(terms)}
    alternatives: dict[str, list[int]] = {}
    edges: set[tuple[int, int]] = set()
    for term, stanza in stanzas.items():
        i = index[term]
        for alt in stanza.alt_ids:
            bucket = alternatives.setdefault(alt, [])
            if i not in bucket:
                bucket.append(i)
        targets = list(stanza.is_a)
        targets.extend(r.target for r in stanza.relationships if r.type == "part_of")
        for target in targets:
            j = index.get(target)
            if j is not None:
                edges.add((i, j))
    pairs = np.array(sorted(edges), dtype=np.intp).reshape(-1, 2)
    child, parent = pairs[:, 0].copy(), pairs[:, 1].copy()
    has_parent = np.zeros(len(terms), dtype=np.bool_)
    has_parent[child] = True
    return NamespaceOntology(
        name=name,
        terms=terms,
        index=index,
        alternatives={alt: tuple(idxs) for alt, idxs in alternatives.items()},
        has_parent=has_parent,
        levels=_levels(len(terms), child, parent, name),
    )


def build_evaluation_ontology(terms: Iterable[OboTerm]) -> EvaluationOntology:
    """Build the per-namespace graphs from parsed OBO terms with cafaeval's selection rules."""
    grouped: dict[str, dict[str, OboTerm]] = {}
    for term in terms:
        if term.is_obsolete or term.namespace is None or term.namespace == "external":
            continue
        grouped.setdefault(term.namespace, {})[term.id] = term
    return EvaluationOntology(tuple(_namespace(ns, st) for ns, st in grouped.items()))
