"""Benchmarking presentation: how evaluation results are grouped, ordered and labelled."""
