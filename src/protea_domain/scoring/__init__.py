"""Scoring recipes applied to prediction signals."""

from protea_domain.scoring.config import TRANSFER, VOTE, ScoringConfig

__all__ = ["TRANSFER", "VOTE", "ScoringConfig"]
