"""Evaluation use cases: evaluation sets, information accretion and CAFA runs from storage."""
