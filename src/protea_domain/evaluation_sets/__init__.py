"""Evaluation sets for temporal CAFA-style benchmarks (NK/LK/PK) and information accretion."""
