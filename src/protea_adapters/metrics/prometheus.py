"""Prometheus collectors of DESIGN.md section 6, in a registry owned by one object."""

from __future__ import annotations

import logging
import math
from collections.abc import Callable

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.exposition import choose_encoder

from protea_adapters.metrics.base import PoolInUse, ProcessMetrics

logger = logging.getLogger(__name__)

JOB_SECONDS_BUCKETS = (0.1, 0.5, 1, 5, 15, 30, 60, 300, 900, 1800, 3600, 7200, 14400, 43200)
BATCH_SECONDS_BUCKETS = (0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300)
HTTP_SECONDS_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)


class PrometheusMetrics(ProcessMetrics):
    """Every collector lives in this object's own `CollectorRegistry` (no global state: two
    instances never clash, tests build as many as they like).

    `pool_in_use`, when given (e.g. `engine.pool.checkedout`), is called on every scrape to
    refresh `protea_db_pool_in_use`; if it raises, the gauge reads NaN for that scrape.
    """

    def __init__(
        self,
        *,
        pool_in_use: PoolInUse | None = None,
        registry: CollectorRegistry | None = None,
    ) -> None:
        self.registry = registry or CollectorRegistry(auto_describe=True)
        r = self.registry
        self.jobs_total = Counter(
            "protea_jobs_total",
            "Jobs that reached a terminal status.",
            ("operation", "status"),
            registry=r,
        )
        self.job_duration = Histogram(
            "protea_job_duration_seconds",
            "Running time of jobs that reached a terminal status.",
            ("operation",),
            buckets=JOB_SECONDS_BUCKETS,
            registry=r,
        )
        self.embeddings_batch = Histogram(
            "protea_embeddings_batch_seconds",
            "Time to embed one batch of sequences.",
            buckets=BATCH_SECONDS_BUCKETS,
            registry=r,
        )
        self.predictions_batch = Histogram(
            "protea_predictions_batch_seconds",
            "Time to compute one batch of predictions.",
            buckets=BATCH_SECONDS_BUCKETS,
            registry=r,
        )
        self.db_pool_in_use = Gauge(
            "protea_db_pool_in_use",
            "Database connections checked out of the pool (read at scrape time).",
            registry=r,
        )
        if pool_in_use is not None:
            self.db_pool_in_use.set_function(_guarded(pool_in_use))
        self.http_requests_total = Counter(
            "protea_http_requests_total",
            "HTTP requests answered.",
            ("method", "route", "status"),
            registry=r,
        )
        self.http_request_duration = Histogram(
            "protea_http_request_duration_seconds",
            "Time to answer HTTP requests.",
            ("method", "route"),
            buckets=HTTP_SECONDS_BUCKETS,
            registry=r,
        )
        self.http_in_flight = Gauge(
            "protea_http_requests_in_flight",
            "HTTP requests being answered now.",
            registry=r,
        )

    def job_finished(self, operation: str, status: str, seconds: float) -> None:
        self.jobs_total.labels(operation=operation, status=str(status)).inc()
        self.job_duration.labels(operation=operation).observe(_seconds(seconds))

    def embeddings_batch_finished(self, seconds: float) -> None:
        self.embeddings_batch.observe(_seconds(seconds))

    def predictions_batch_finished(self, seconds: float) -> None:
        self.predictions_batch.observe(_seconds(seconds))

    def http_request_started(self) -> None:
        self.http_in_flight.inc()

    def http_request_finished(self, method: str, route: str, status: int, seconds: float) -> None:
        self.http_in_flight.dec()
        method = method.upper()
        self.http_requests_total.labels(method=method, route=route, status=str(status)).inc()
        self.http_request_duration.labels(method=method, route=route).observe(_seconds(seconds))

    def render(self, accept: str | None = None) -> tuple[bytes, str]:
        encoder, content_type = choose_encoder(accept or "")
        return encoder(self.registry), content_type


def _seconds(value: float) -> float:
    """Durations as observed: negative or non-finite values (a clock step) count as 0."""
    return value if math.isfinite(value) and value > 0 else 0.0


def _guarded(read: PoolInUse) -> Callable[[], float]:
    def guarded() -> float:
        try:
            return float(read())
        except Exception:
            logger.debug("protea_db_pool_in_use: the pool callable failed", exc_info=True)
            return math.nan

    return guarded
