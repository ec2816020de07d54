"""Metrics port."""

from __future__ import annotations

from typing import Protocol


class MetricsRecorder(Protocol):
    """Where use cases report what they measured; the adapter decides what to keep.

    Recording is fire-and-forget: methods never raise and never block on I/O, so a broken
    metrics backend cannot fail a job. Thread-safe. Durations are wall-clock seconds >= 0.
    """

    def job_finished(self, operation: str, status: str, seconds: float) -> None:
        """A job of `operation` reached a terminal `status` (a `JobStatus` value) after
        running for `seconds`."""
        ...

    def embeddings_batch_finished(self, seconds: float) -> None:
        """One batch of sequences was embedded in `seconds`."""
        ...

    def predictions_batch_finished(self, seconds: float) -> None:
        """One batch of predictions was computed in `seconds`."""
        ...
