"""Artifacts: files a job produces or consumes (embeddings, predictions, reports), by key."""
