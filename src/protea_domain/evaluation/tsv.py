"""TSV rendering byte-identical to cafaeval's `DataFrame.to_csv(float_format=..., sep="\\t")`."""

from __future__ import annotations

import csv
import io
import math

import numpy as np

from protea_domain.evaluation.table import MetricTable


def decimals_for(th_step: float) -> int:
    """cafaeval's `int(np.ceil(-np.log10(th_step))) + 1`."""
    return int(np.ceil(-np.log10(th_step))) + 1


def _fmt(value: float, pattern: str) -> str:
    return "" if math.isnan(value) else pattern % value


def render_table(table: MetricTable, decimals: int) -> str:
    pattern = f"%.{decimals}f"
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
    writer.writerow(("filename", "ns", "tau", *table.columns))
    for i in range(len(table)):
        writer.writerow(
            (
                table.filenames[i],
                table.namespaces[i],
                _fmt(float(table.tau[i]), pattern),
                *(_fmt(v, pattern) for v in table.values[i].tolist()),
            )
        )
    return buffer.getvalue()
