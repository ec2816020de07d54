"""Evaluation operations: evaluation sets, information accretion and CAFA runs."""
