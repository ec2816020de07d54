"""Adapters: implementations of the domain's ports on real and in-memory infrastructure."""
