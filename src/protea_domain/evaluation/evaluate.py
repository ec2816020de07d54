"""CAFA evaluation over parsed inputs: cafaeval 1.3.0 and CAFA-evaluator-PK semantics.

Lineages and where they differ (each difference is an option, reference behaviour by default):

* cafaeval 1.3.0 (no `known`, no `toi`): every metric is normalised by `ne`, the number of
  ground-truth targets of the namespace, weighted or not (`denominator="all"`,
  `weighted_denominator="all"`), even targets whose ground truth lies outside the counted
  terms (e.g. only a root under `no_orphans`).
* CAFA-evaluator-PK (`known` and/or `toi` given): known (t0) terms, propagated, are removed per
  target from the ground truth and from the predictions; `toi` restricts the counted terms for
  every target. The unweighted `ne` counts only targets with ground truth left in the terms of
  interest (`denominator="annotated"`) while the weighted `ne` still counts every target
  (`weighted_denominator="all"`). `cafaeval-protea` (a later fork of the PK lineage) uses
  "annotated" for both.
* Targets whose remaining ground truth is empty still count in `n`, precision and
  misinformation in the PK fork (`empty_targets="keep"`), so coverage can exceed 1 there;
  `empty_targets="drop"` removes them from every sum instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from protea_domain.evaluation.annotations import align_known, build_ground_truth
from protea_domain.evaluation.best import BEST_METRICS, best_rows
from protea_domain.evaluation.metrics import Denominator, EmptyTargets, TermView, namespace_metrics
from protea_domain.evaluation.ontology import BoolArray, EvaluationOntology, FloatArray
from protea_domain.evaluation.predictions import read_predictions
from protea_domain.evaluation.propagation import PropagationMode
from protea_domain.evaluation.table import METRIC_COLUMNS, MetricTable, Normalisation, normalise
from protea_domain.evaluation.tsv import decimals_for


@dataclass(frozen=True, slots=True)
class EvaluationOptions:
    norm: Normalisation = "cafa"
    prop: PropagationMode = "max"
    th_step: float = 0.01
    no_orphans: bool = False
    max_terms: int | None = None
    denominator: Denominator | None = None
    weighted_denominator: Denominator | None = None
    empty_targets: EmptyTargets = "keep"


@dataclass(frozen=True, slots=True)
class EvaluationResult:
    """`table` is evaluation_all (None when nothing was evaluated); `best` per metric name."""

    table: MetricTable | None
    best: dict[str, MetricTable]
    decimals: int


def thresholds(th_step: float) -> FloatArray:
    return np.arange(th_step, 1, th_step)


def _toi_masks(
    ontology: EvaluationOntology, toi: Iterable[str] | None
) -> dict[str, BoolArray] | None:
    if toi is None:
        return None
    masks = {ns.name: np.zeros(ns.size, dtype=np.bool_) for ns in ontology.namespaces}
    for term in toi:
        for ns in ontology.namespaces:
            if term in ns.index:
                masks[ns.name][ns.index[term]] = True
            elif term in ns.alternatives:
                masks[ns.name][list(ns.alternatives[term])] = True
    return masks


def evaluate(
    ontology: EvaluationOntology,
    ground_truth: Iterable[tuple[str, str]],
    predictions: Iterable[tuple[str, Iterable[str]]],
    options: EvaluationOptions | None = None,
    *,
    ia: Mapping[str, float] | None = None,
    known: Iterable[tuple[str, str]] | None = None,
    toi: Iterable[str] | None = None,
) -> EvaluationResult:
    """Evaluate each `(filename, lines)` prediction set against the ground-truth pairs."""
    opts = options or EvaluationOptions()
    pk = known is not None or toi is not None
    denominator = opts.denominator or ("annotated" if pk else "all")
    weighted_denominator = opts.weighted_denominator or "all"
    tau = thresholds(opts.th_step)
    truth = build_ground_truth(ground_truth, ontology)
    known_rows = align_known(known, ontology, truth) if known is not None else None
    toi_masks = _toi_masks(ontology, toi)
    views: dict[str, tuple[TermView, ...]] = {}
    for gt in truth:
        ns = ontology.namespaces[gt.position]
        mask = np.ones(ns.size, dtype=np.bool_) if not opts.no_orphans else ns.has_parent.copy()
        if toi_masks is not None:
            mask &= toi_masks[ns.name]
        ns_views = [TermView(mask, None, denominator)]
        if ia is not None:
            weights = ns.ia_vector(ia)
            w_mask = weights > 0
            if toi_masks is not None:
                w_mask &= toi_masks[ns.name]
            ns_views.append(TermView(w_mask, weights, weighted_denominator))
        views[gt.namespace] = tuple(ns_views)

    filenames: list[str] = []
    namespaces: list[str] = []
    taus: list[FloatArray] = []
    blocks: list[FloatArray] = []
    columns: tuple[str, ...] = METRIC_COLUMNS
    if ia is not None:
        columns = (*METRIC_COLUMNS, *(f"{c}_w" for c in METRIC_COLUMNS))
    evaluated = False
    for filename, lines in predictions:
        raw = read_predictions(lines, filename, ontology, truth, opts.max_terms)
        evaluated = evaluated or bool(raw)
        for gt in truth:
            preds = raw.get(gt.namespace)
            if preds is None:
                continue
            ns = ontology.namespaces[gt.position]
            known_ns = known_rows[gt.namespace] if known_rows is not None else None
            results = namespace_metrics(
                ns, gt, known_ns, preds, tau, views[gt.namespace], opts.prop, opts.empty_targets
            )
            tables = [normalise(r, opts.norm) for r in results]
            values = np.column_stack([t[c] for t in tables for c in METRIC_COLUMNS])
            keep = tables[0]["cov"] > 0
            count = int(keep.sum())
            filenames.extend([filename] * count)
            namespaces.extend([gt.namespace] * count)
            taus.append(tau[keep])
            blocks.append(values[keep])
    decimals = decimals_for(opts.th_step)
    if not evaluated:
        return EvaluationResult(None, {}, decimals)
    table = MetricTable(
        columns=columns,
        filenames=tuple(filenames),
        namespaces=tuple(namespaces),
        tau=np.concatenate(taus) if taus else np.zeros(0),
        values=np.vstack(blocks) if blocks else np.zeros((0, len(columns))),
    )
    best = {m: best_rows(table, m) for m in BEST_METRICS if m in columns}
    return EvaluationResult(table, best, decimals)
