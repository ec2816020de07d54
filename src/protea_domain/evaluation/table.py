"""Normalisation of raw sums into cafaeval's metric columns, and the result table type."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from protea_domain.evaluation.metrics import RawMetrics
from protea_domain.evaluation.ontology import FloatArray

Normalisation = Literal["cafa", "pred", "gt"]

METRIC_COLUMNS = (
    "n",
    "tp",
    "fp",
    "fn",
    "pr",
    "rc",
    "cov",
    "mi",
    "ru",
    "f",
    "s",
    "pr_micro",
    "rc_micro",
    "f_micro",
)


@dataclass(frozen=True, slots=True)
class MetricTable:
    """Rows indexed by (filename, ns, tau) with float columns, in cafaeval's order."""

    columns: tuple[str, ...]
    filenames: tuple[str, ...]
    namespaces: tuple[str, ...]
    tau: FloatArray
    values: FloatArray

    def column(self, name: str) -> FloatArray:
        return self.values[:, self.columns.index(name)]

    def __len__(self) -> int:
        return len(self.filenames)


def _divide(num: FloatArray, den: FloatArray) -> FloatArray:
    return np.divide(num, den, out=np.zeros_like(num, dtype=np.float64), where=den > 0)


def _f(pr: FloatArray, rc: FloatArray) -> FloatArray:
    num = 2 * pr * rc
    den = pr + rc
    return np.divide(num, den, out=np.zeros_like(num, dtype=np.float64), where=den != 0)


def normalise(raw: RawMetrics, norm: Normalisation) -> dict[str, FloatArray]:
    """cafaeval's `normalize`: same operations in the same order, so the same floats."""
    ne = np.full(raw.n.size, raw.ne)
    n = raw.n
    out: dict[str, FloatArray] = {"n": n}
    for name, values in (
        ("tp", raw.tp),
        ("fp", raw.fp),
        ("fn", raw.fn),
        ("pr", raw.pr),
        ("rc", raw.rc),
    ):
        by_pred = norm == "pred" or (norm == "cafa" and name == "pr")
        out[name] = _divide(values, n if by_pred else ne.astype(np.float64))
    with np.errstate(divide="ignore", invalid="ignore"):
        out["cov"] = n / ne
    out["mi"] = out["fp"]
    out["ru"] = out["fn"]
    out["f"] = _f(out["pr"], out["rc"])
    out["s"] = np.sqrt(out["ru"] ** 2 + out["mi"] ** 2)
    out["pr_micro"] = _divide(out["tp"], out["tp"] + out["fp"])
    out["rc_micro"] = _divide(out["tp"], out["tp"] + out["fn"])
    out["f_micro"] = _f(out["pr_micro"], out["rc_micro"])
    return out
