"""Tracer adapters."""
