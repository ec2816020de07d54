"""Best rows per (filename, namespace): max F, weighted F and micro F, min S (as cafaeval)."""

from __future__ import annotations

import numpy as np

from protea_domain.evaluation.table import MetricTable

BEST_METRICS = ("f", "f_w", "s", "f_micro", "f_micro_w")


def best_rows(table: MetricTable, metric: str) -> MetricTable:
    """Groups sorted by (filename, ns); first row reaching the optimum; adds `cov_max`."""
    values = table.column(metric)
    cov = table.column("cov_w" if metric.endswith("_w") else "cov")
    groups: dict[tuple[str, str], list[int]] = {}
    for i, key in enumerate(zip(table.filenames, table.namespaces, strict=True)):
        groups.setdefault(key, []).append(i)
    picked: list[int] = []
    cov_max: list[float] = []
    for key in sorted(groups):
        idx = np.array(groups[key], dtype=np.intp)
        candidates = values[idx]
        if np.isnan(candidates).all():
            continue
        pos = np.nanargmin(candidates) if metric == "s" else np.nanargmax(candidates)
        picked.append(int(idx[pos]))
        cov_max.append(float(np.nanmax(cov[idx])) if not np.isnan(cov[idx]).all() else np.nan)
    rows = np.array(picked, dtype=np.intp)
    values_out = np.column_stack((table.values[rows], np.array(cov_max, dtype=np.float64)))
    return MetricTable(
        columns=(*table.columns, "cov_max"),
        filenames=tuple(table.filenames[i] for i in picked),
        namespaces=tuple(table.namespaces[i] for i in picked),
        tau=table.tau[rows],
        values=values_out.reshape(len(picked), len(table.columns) + 1),
    )
