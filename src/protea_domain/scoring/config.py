"""`ScoringConfig`: a recipe turning a transfer's signals into one score in [0, 1].

score = clip(sum(w_s * signal_s) / sum(w_s), 0, 1) * evidence weight, where the evidence
weight is the highest weight among the evidence codes of the source annotation
(`default_evidence_weight` for codes without a weight, and for annotations without a code).
The default recipe is the reference rule: the transfer score `1 - d/2` alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

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

    def evidence_weight(self, codes: Iterable[str]) -> float:
        table = dict(self.evidence_weights)
        weights = [table.get(code, self.default_evidence_weight) for code in codes]
        return max(weights) if weights else self.default_evidence_weight

    def score(self, item: TermTransfer) -> float:
        return self.score_signals({name: item.signal(name) for name, _ in self.weights},
                                  item.evidence_codes)  # fmt: skip

    def score_signals(self, signals: Mapping[str, float], evidence_codes: Iterable[str]) -> float:
        """The score of stored signals (e.g. a stored prediction's features); raises
        `KeyError` naming a weighted signal that `signals` lacks."""
        total = sum(w for _, w in self.weights)
        raw = sum(w * float(signals[name]) for name, w in self.weights) / total
        return min(1.0, max(0.0, raw)) * self.evidence_weight(evidence_codes)

    def document(self) -> dict[str, Any]:
        """A JSON document of the recipe (the inverse of `from_document`)."""
        return {
            "name": self.name,
            "weights": [[name, weight] for name, weight in self.weights],
            "evidence_weights": [[code, weight] for code, weight in self.evidence_weights],
            "default_evidence_weight": self.default_evidence_weight,
        }

    @classmethod
    def from_document(cls, data: Mapping[str, Any]) -> ScoringConfig:
        """A recipe from `document()` output (weights as pairs or as an object); raises
        `ValueError`, `TypeError` or `KeyError` on a malformed document."""

        def pairs(value: Any) -> tuple[tuple[str, float], ...]:
            items = value.items() if isinstance(value, Mapping) else value
            return tuple((str(name), float(weight)) for name, weight in items)

        return cls(
            name=str(data["name"]),
            weights=pairs(data["weights"]),
            evidence_weights=pairs(data.get("evidence_weights", ())),
            default_evidence_weight=float(data.get("default_evidence_weight", 1.0)),
        )

    def __call__(self, item: TermTransfer) -> float:
        return self.score(item)


TRANSFER = ScoringConfig()
VOTE = ScoringConfig(name="vote", weights=(("vote_score", 1.0),))
