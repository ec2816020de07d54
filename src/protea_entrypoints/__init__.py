"""Entrypoints: the CLI, workers and the HTTP API. They translate; they do not decide."""
