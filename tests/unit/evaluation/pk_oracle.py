"""A naive, dense evaluator of the partial-knowledge (PK) semantics, for generated cases.

Parsing and propagation come from cafaeval 1.3.0 (the PK fork reads files the same way); the
PK rules are re-implemented here target by target and threshold by threshold, straight from
their definition: terms of interest restrict every target, known terms (propagated) leave both
the ground truth and the predictions of their target, and the denominators follow the options.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import Any

import numpy as np


def _toi(ontologies: dict[str, Any], terms: list[str]) -> dict[str, set[int]]:
    chosen: dict[str, set[int]] = {ns: set() for ns in ontologies}
    for term in terms:
        for ns, graph in ontologies.items():
            if term in graph.terms_dict:
                chosen[ns].add(graph.terms_dict[term]["index"])
            elif term in graph.terms_dict_alt:
                chosen[ns].update(graph.terms_dict[t]["index"] for t in graph.terms_dict_alt[term])
    return chosen


def _raw(
    pred: np.ndarray,
    gt: np.ndarray,
    known: np.ndarray,
    cols: list[list[int]],
    tau_arr: np.ndarray,
    weights: np.ndarray | None,
    denominator: str,
    drop_empty: bool,
) -> tuple[dict[str, np.ndarray], int]:
    n_targets = gt.shape[0]
    w = np.ones(gt.shape[1]) if weights is None else weights
    ngt = np.array(
        [sum(w[j] for j in cols[i] if gt[i, j] and not known[i, j]) for i in range(n_targets)]
    )
    annotated = ngt > 0
    out = {k: np.zeros(tau_arr.size) for k in ("n", "tp", "fp", "fn", "pr", "rc")}
    for t, tau in enumerate(tau_arr):
        tp, fp, fn, pr, rc, n = [], [], [], [], [], 0
        for i in range(n_targets):
            if drop_empty and not annotated[i]:
                tp.append(0.0), fp.append(0.0), fn.append(0.0), pr.append(0.0), rc.append(0.0)
                continue
            live = [j for j in cols[i] if not known[i, j]]
            hit = [j for j in live if pred[i, j] >= tau]
            t_i = sum(w[j] for j in hit if gt[i, j])
            f_i = sum(w[j] for j in hit if not gt[i, j])
            fn_i = sum(w[j] for j in live if gt[i, j] and pred[i, j] < tau)
            n += (t_i + f_i) > 0
            tp.append(t_i), fp.append(f_i), fn.append(fn_i)
            pr.append(t_i / (t_i + f_i) if t_i + f_i > 0 else 0.0)
            rc.append(t_i / ngt[i] if ngt[i] > 0 else 0.0)
        out["n"][t] = n
        for key, values in (("tp", tp), ("fp", fp), ("fn", fn), ("pr", pr), ("rc", rc)):
            out[key][t] = np.array(values, dtype=float).sum()
    ne = int(annotated.sum()) if denominator == "annotated" else n_targets
    return out, ne


def pk_reference(
    obo: Path,
    pred_dir: Path,
    gt_file: Path,
    known_file: Path,
    toi_terms: list[str],
    out_dir: Path,
    *,
    ia: Path | None,
    norm: str,
    prop: str,
    th_step: float,
    no_orphans: bool,
    denominator: str,
    weighted_denominator: str,
    drop_empty: bool,
) -> dict[str, bytes] | None:
    """Output files as cafaeval writes them; None when no prediction file was evaluated."""
    import pandas as pd
    from cafaeval.evaluation import normalize, write_results
    from cafaeval.parser import gt_parser, obo_parser, pred_parser

    tau_arr = np.arange(th_step, 1, th_step)
    ontologies = obo_parser(
        str(obo), ("is_a", "part_of"), None if ia is None else str(ia), not no_orphans
    )
    chosen = _toi(ontologies, toi_terms)
    gts = gt_parser(str(gt_file), ontologies)
    known_gts = gt_parser(str(known_file), ontologies) if known_file.read_text().strip() else {}
    frames = []
    paths = [Path(root) / f for root, _dirs, files in os.walk(pred_dir) for f in files]
    for path in paths:
        predictions = pred_parser(str(path), ontologies, gts, prop, None)
        parts, parts_w = [], []
        for ns, prediction in predictions.items():
            graph, gt = ontologies[ns], gts[ns]
            known = np.zeros_like(gt.matrix)
            if ns in known_gts:
                for target, row in gt.ids.items():
                    if target in known_gts[ns].ids:
                        known[row] = known_gts[ns].matrix[known_gts[ns].ids[target]]
            toi = sorted(chosen[ns] & set(graph.toi.tolist()))
            cols = [toi] * gt.matrix.shape[0]
            raw, ne = _raw(
                prediction.matrix, gt.matrix, known, cols, tau_arr, None, denominator, drop_empty
            )
            parts.append(normalize(pd.DataFrame(raw), ns, tau_arr, np.full(tau_arr.size, ne), norm))
            if graph.ia is not None:
                toi_w = sorted(chosen[ns] & set(graph.toi_ia.tolist()))
                cols_w = [toi_w] * gt.matrix.shape[0]
                raw_w, ne_w = _raw(
                    prediction.matrix,
                    gt.matrix,
                    known,
                    cols_w,
                    tau_arr,
                    graph.ia,
                    weighted_denominator,
                    drop_empty,
                )
                parts_w.append(
                    normalize(pd.DataFrame(raw_w), ns, tau_arr, np.full(tau_arr.size, ne_w), norm)
                )
        if not parts:
            continue
        frame = pd.concat(parts)
        if parts_w:
            frame = pd.merge(frame, pd.concat(parts_w), on=["ns", "tau"], suffixes=("", "_w"))
        frame["filename"] = path.name
        frames.append(frame)
    if not frames:
        return None
    df = pd.concat(frames)
    df = df[df["cov"] > 0].reset_index(drop=True).set_index(["filename", "ns", "tau"])
    best = {}
    for metric in ("f", "f_w", "s", "f_micro", "f_micro_w"):
        if metric not in df.columns:
            continue
        grouped = df.groupby(level=["filename", "ns"])[metric]
        index = grouped.idxmin() if metric == "s" else grouped.idxmax()
        chosen_rows = df.loc[index].copy()
        cov = (
            df["cov_w" if metric.endswith("_w") else "cov"].groupby(level=["filename", "ns"]).max()
        )
        chosen_rows["cov_max"] = [cov.loc[(f, n)] for f, n, _ in chosen_rows.index]
        best[metric] = chosen_rows
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        write_results(df, best, out_dir=str(out_dir), th_step=th_step)
    return {p.name: p.read_bytes() for p in sorted(out_dir.iterdir())}
