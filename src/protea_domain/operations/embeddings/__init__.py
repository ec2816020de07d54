"""Embedding and prediction jobs: coordinators that fan out batches, and the batch children."""
