"""Ground truth and known terms mapped onto the evaluation ontology and propagated.

Each namespace keeps its targets in order of first appearance (cafaeval's row order) and their
propagated terms as sorted compressed rows (CSR), never a dense targets x terms matrix.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from protea_domain.evaluation.ontology import EvaluationOntology, IntArray, NamespaceOntology
from protea_domain.evaluation.propagation import closure, propagate_block, restrict_levels

BLOCK_ELEMENTS = 1 << 21


def block_rows(n_terms: int) -> int:
    """Targets per dense block so that a block holds about BLOCK_ELEMENTS cells."""
    return max(1, BLOCK_ELEMENTS // max(1, n_terms))


@dataclass(frozen=True, slots=True)
class TargetTerms:
    """Propagated terms of each target of one namespace, rows in cafaeval's order."""

    namespace: str
    position: int
    targets: tuple[str, ...]
    rows: Mapping[str, int]
    indptr: IntArray
    indices: IntArray

    @property
    def size(self) -> int:
        return len(self.targets)

    def block(self, start: int, stop: int, local: IntArray) -> np.ndarray:
        """Dense boolean (active terms x targets[start:stop]); `local` maps term to row."""
        out = np.zeros((int(local.max()) + 1, stop - start), dtype=np.bool_)
        lo, hi = self.indptr[start], self.indptr[stop]
        counts = np.diff(self.indptr[start : stop + 1])
        cols = np.repeat(np.arange(stop - start), counts)
        out[local[self.indices[lo:hi]], cols] = True
        return out


def propagate_rows(
    ns: NamespaceOntology, n_rows: int, rows: IntArray, terms: IntArray
) -> tuple[IntArray, IntArray]:
    """Propagate raw (row, term) memberships; returns CSR (indptr, indices)."""
    order = np.argsort(rows, kind="stable")
    rows, terms = rows[order], terms[order]
    counts = np.zeros(n_rows, dtype=np.intp)
    pieces: list[IntArray] = []
    local = np.full(ns.size, -1, dtype=np.intp)
    step = block_rows(ns.size)
    start = 0
    while start < n_rows:
        stop = min(n_rows, start + step)
        lo, hi = np.searchsorted(rows, [start, stop])
        active = closure(terms[lo:hi], ns.size, ns.levels)
        present = np.flatnonzero(active)
        local[present] = np.arange(present.size)
        block = np.zeros((present.size, stop - start), dtype=np.bool_)
        block[local[terms[lo:hi]], rows[lo:hi] - start] = True
        propagate_block(block, restrict_levels(ns.levels, active, local), "max")
        col, term = np.nonzero(block.T)
        counts[start:stop] = np.bincount(col, minlength=stop - start)
        pieces.append(present[term])
        local[present] = -1
        start = stop
        step = block_rows(present.size)
    indptr = np.concatenate(([0], np.cumsum(counts))).astype(np.intp)
    indices = np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.intp)
    return indptr, indices


def build_ground_truth(
    pairs: Iterable[tuple[str, str]], ontology: EvaluationOntology
) -> tuple[TargetTerms, ...]:
    """Map `(target, term)` pairs (alt ids replaced, unknown ids dropped) and propagate."""
    lookup = ontology.annotation_lookup()
    per_ns: list[dict[str, list[int]]] = [{} for _ in ontology.namespaces]
    for target, term in pairs:
        hit = lookup.get(term)
        if hit is not None:
            per_ns[hit[0]].setdefault(target, []).extend(hit[1])
    result: list[TargetTerms] = []
    for pos, ns in enumerate(ontology.namespaces):
        found = per_ns[pos]
        if not found:
            continue
        targets = tuple(found)
        lengths = [len(v) for v in found.values()]
        rows = np.repeat(np.arange(len(targets), dtype=np.intp), lengths)
        terms = np.fromiter((t for v in found.values() for t in v), dtype=np.intp)
        indptr, indices = propagate_rows(ns, len(targets), rows, terms)
        result.append(
            TargetTerms(
                ns.name, pos, targets, {t: i for i, t in enumerate(targets)}, indptr, indices
            )
        )
    return tuple(result)


def align_known(
    pairs: Iterable[tuple[str, str]],
    ontology: EvaluationOntology,
    ground_truth: tuple[TargetTerms, ...],
) -> dict[str, TargetTerms]:
    """Known (t0) terms of the ground-truth targets, propagated, rows aligned with the truth."""
    known = {k.namespace: k for k in build_ground_truth(pairs, ontology)}
    aligned: dict[str, TargetTerms] = {}
    for gt in ground_truth:
        source = known.get(gt.namespace)
        counts = np.zeros(gt.size, dtype=np.intp)
        pieces: list[IntArray] = []
        if source is not None:
            for row, target in enumerate(gt.targets):
                k = source.rows.get(target)
                if k is not None:
                    piece = source.indices[source.indptr[k] : source.indptr[k + 1]]
                    counts[row] = piece.size
                    pieces.append(piece)
        indptr = np.concatenate(([0], np.cumsum(counts))).astype(np.intp)
        indices = np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.intp)
        aligned[gt.namespace] = TargetTerms(
            gt.namespace, gt.position, gt.targets, gt.rows, indptr, indices
        )
    return aligned
