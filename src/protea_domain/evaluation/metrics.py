"""Confusion counts per threshold for one namespace, computed block by block.

Each score s is first turned into a threshold code: 0 for no score, otherwise
`searchsorted(tau, s, "right") + 1`, so `s >= tau[i]` exactly when its code exceeds i + 1.
The code is monotone in the score and keeps "no score" apart, so propagating codes (max or
fill) gives the codes of the propagated scores; blocks of targets are propagated as dense
(active terms x targets) matrices of one or two bytes per cell, then reduced to per-target
histograms over the codes. Reverse and
forward cumulative sums of the bins give, for every threshold, the true positives, false
positives and false negatives of each target; nothing of size targets x terms x thresholds is
ever built. Sums over targets run in cafaeval's target order with numpy's pairwise summation,
so unweighted results are bit-identical; weighted per-target sums add the same terms in
another order (differences stay in the last bits and never show in printed results).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from protea_domain.evaluation.annotations import TargetTerms, block_rows
from protea_domain.evaluation.ontology import BoolArray, FloatArray, IntArray, NamespaceOntology
from protea_domain.evaluation.predictions import RawPredictions
from protea_domain.evaluation.propagation import (
    PropagationMode,
    closure,
    propagate_block,
    restrict_levels,
)

CodeArray = npt.NDArray[np.uint8] | npt.NDArray[np.uint16]
Denominator = Literal["all", "annotated"]
EmptyTargets = Literal["keep", "drop"]


@dataclass(frozen=True, slots=True)
class TermView:
    """The terms one metric family counts (`mask`) and their weights (None: each counts 1)."""

    mask: BoolArray
    weights: FloatArray | None
    denominator: Denominator


@dataclass(frozen=True, slots=True)
class RawMetrics:
    """Unnormalised sums over targets per threshold, and the target count `ne`."""

    n: FloatArray
    tp: FloatArray
    fp: FloatArray
    fn: FloatArray
    pr: FloatArray
    rc: FloatArray
    ne: int


def _histogram(
    cols: IntArray, bins: IntArray, weights: FloatArray | None, width: int, n_bins: int
) -> npt.NDArray[np.int64] | FloatArray:
    hist = np.bincount(cols * n_bins + bins, weights=weights, minlength=width * n_bins)
    return hist.reshape(width, n_bins)


class _Accumulator:
    def __init__(self, view: TermView, n_targets: int, n_tau: int) -> None:
        self.view = view
        dtype = np.int64 if view.weights is None else np.float64
        self.tp = np.zeros((n_tau, n_targets), dtype=dtype)
        self.fp = np.zeros((n_tau, n_targets), dtype=dtype)
        self.fn = np.zeros((n_tau, n_targets), dtype=dtype)
        self.ngt = np.zeros(n_targets, dtype=dtype)

    def add(self, start: int, codes: CodeArray, truth: BoolArray, terms: IntArray) -> None:
        """Add a block of threshold codes (0: no score; c > 0: score in bin c - 1)."""
        width = codes.shape[1]
        n_bins = self.tp.shape[0] + 1
        mask = self.view.mask[terms]
        weights = None if self.view.weights is None else self.view.weights[terms]
        g_term, g_col = np.nonzero(truth & mask[:, None])
        g_bins = np.maximum(codes[g_term, g_col].astype(np.intp) - 1, 0)
        h_gt = _histogram(
            g_col, g_bins, None if weights is None else weights[g_term], width, n_bins
        )
        p_term, p_col = np.nonzero((codes > 0) & ~truth & mask[:, None])
        p_bins = codes[p_term, p_col].astype(np.intp) - 1
        h_fp = _histogram(
            p_col, p_bins, None if weights is None else weights[p_term], width, n_bins
        )
        above_gt = np.cumsum(h_gt[:, ::-1], axis=1)[:, ::-1]
        above_fp = np.cumsum(h_fp[:, ::-1], axis=1)[:, ::-1]
        below_gt = np.cumsum(h_gt, axis=1)
        stop = start + width
        self.tp[:, start:stop] = above_gt[:, 1:].T
        self.fp[:, start:stop] = above_fp[:, 1:].T
        self.fn[:, start:stop] = below_gt[:, :-1].T
        self.ngt[start:stop] = above_gt[:, 0]

    def finish(self, empty_targets: EmptyTargets) -> RawMetrics:
        tp, fp, fn, ngt = self.tp, self.fp, self.fn, self.ngt
        annotated = ngt > 0
        if empty_targets == "drop":
            keep = annotated[None, :]
            tp, fp, fn = tp * keep, fp * keep, fn * keep
        n_pred = tp + fp
        has_pred = n_pred > 0
        zeros = np.zeros(tp.shape, dtype=np.float64)
        pr = np.divide(tp, n_pred, out=zeros.copy(), where=has_pred).sum(axis=1)
        ngt_row = np.broadcast_to(ngt, tp.shape)
        rc = np.divide(tp, ngt_row, out=zeros, where=ngt_row > 0).sum(axis=1)
        ne = int(annotated.sum()) if self.view.denominator == "annotated" else ngt.size
        return RawMetrics(
            n=has_pred.sum(axis=1).astype(np.float64),
            tp=tp.sum(axis=1).astype(np.float64),
            fp=fp.sum(axis=1).astype(np.float64),
            fn=fn.sum(axis=1).astype(np.float64),
            pr=pr,
            rc=rc,
            ne=ne,
        )


def _block_terms(rows: TargetTerms, start: int, stop: int) -> IntArray:
    return rows.indices[rows.indptr[start] : rows.indptr[stop]]


def namespace_metrics(
    ns: NamespaceOntology,
    truth: TargetTerms,
    known: TargetTerms | None,
    predictions: RawPredictions,
    tau: FloatArray,
    views: tuple[TermView, ...],
    mode: PropagationMode,
    empty_targets: EmptyTargets,
) -> tuple[RawMetrics, ...]:
    """Raw metrics of one prediction set in one namespace, one entry per view.

    Each block of targets is restricted to its active terms: the predicted terms with their
    ancestors and the (already propagated) true and known terms.
    """
    accumulators = [_Accumulator(view, truth.size, tau.size) for view in views]
    rows = predictions.rows
    dtype = np.uint8 if tau.size + 2 <= 255 else np.uint16
    all_codes = np.where(
        predictions.scores > 0, np.searchsorted(tau, predictions.scores, side="right") + 1, 0
    ).astype(dtype)
    step = block_rows(ns.size)
    local = np.full(ns.size, -1, dtype=np.intp)
    start = 0
    while start < truth.size:
        stop = min(truth.size, start + step)
        lo, hi = np.searchsorted(rows, [start, stop])
        predicted = closure(predictions.terms[lo:hi], ns.size, ns.levels)
        active = predicted.copy()
        active[_block_terms(truth, start, stop)] = True
        if known is not None:
            active[_block_terms(known, start, stop)] = True
        terms = np.flatnonzero(active)
        local[terms] = np.arange(terms.size)
        codes = np.zeros((terms.size, stop - start), dtype=dtype)
        np.maximum.at(
            codes, (local[predictions.terms[lo:hi]], rows[lo:hi] - start), all_codes[lo:hi]
        )
        propagate_block(codes, restrict_levels(ns.levels, predicted, local), mode)
        block_truth = truth.block(start, stop, local)
        if known is not None:
            block_known = known.block(start, stop, local)
            codes[block_known] = 0
            block_truth &= ~block_known
        for acc in accumulators:
            acc.add(start, codes, block_truth, terms)
        local[terms] = -1
        start = stop
        step = block_rows(terms.size)
    return tuple(acc.finish(empty_targets) for acc in accumulators)
