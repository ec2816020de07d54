"""`ScoringConfig`: a recipe turning a transfer's signals into one score in [0, 1].

score = clip(sum(w_s * signal_s) / sum(w_s), 0, 1) * evidence weight, where the evidence
weight is the highest weight among the evidence codes of the source annotation
(`default_evidence_weight` for codes without a weight, and for annotations without a code).
The default recipe is the reference rule: the transfer score `1 - d/2` alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from protea_domain.prediction.features import SIGNAL_NAMES, TermTransfer


@dataclass(frozen=True, slots=True)
class ScoringConfig:
    name: str = "transfer"
    weights: tuple[tuple[str, float], ...] = (("transfer_score", 1.0),)
    evidence_weights: tuple[tuple[str, float], ...] = ()
    default_evidence_weight: float = 1.0

    def __post_init__(self) -> None:
        unknown = [name for name, _ in self.weights if name not in SIGNAL_NAMES]
        if unknown:
            raise ValueError(f"unknown signals {unknown}; known: {SIGNAL_NAMES}")
        if not self.weights or sum(w for _, w in self.weights) <= 0:
            raise ValueError("weights must be non-empty with a positive sum")
        if any(w < 0 for _, w in (*self.weights, *self.evidence_weights)):
            raise ValueError("weights must be >= 0")
        if self.default_evidence_weight < 0:
            raise ValueError("default_evidence_weight must be >= 0")

    def evidence_weight(self, codes: frozenset[str]) -> float:
        table = dict(self.evidence_weights)
        if not codes:
            return self.default_evidence_weight
        return max(table.get(code, self.default_evidence_weight) for code in codes)

    def score(self, item: TermTransfer) -> float:
        total = sum(w for _, w in self.weights)
        raw = sum(w * item.signal(name) for name, w in self.weights) / total
        return min(1.0, max(0.0, raw)) * self.evidence_weight(item.evidence_codes)

    def __call__(self, item: TermTransfer) -> float:
        return self.score(item)


TRANSFER = ScoringConfig()
VOTE = ScoringConfig(name="vote", weights=(("vote_score", 1.0),))
