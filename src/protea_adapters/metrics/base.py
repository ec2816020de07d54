"""What a process's metrics object offers beyond the domain port: HTTP tracking and scraping."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from protea_domain.ports.metrics import MetricsRecorder

PoolInUse = Callable[[], float]
"""Reads how many database connections are checked out now (e.g. `engine.pool.checkedout`)."""


class ProcessMetrics(MetricsRecorder, Protocol):
    """The domain's `MetricsRecorder` plus what the HTTP layer and the scrape endpoint need.
    Like the port, recording never raises."""

    def http_request_started(self) -> None:
        """A request entered the application (in-flight gauge +1)."""
        ...

    def http_request_finished(self, method: str, route: str, status: int, seconds: float) -> None:
        """A request that `http_request_started` counted has been answered (in-flight -1).
        `route` is the route template (`/jobs/{id}`), never the raw path, to bound cardinality."""
        ...

    def render(self, accept: str | None = None) -> tuple[bytes, str]:
        """The exposition body and its content type, negotiated from an HTTP Accept header
        (Prometheus text format by default, OpenMetrics when asked for)."""
        ...
