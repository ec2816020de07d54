"""Building the process's metrics: Prometheus when installed, else no-op with one warning."""

from __future__ import annotations

import logging

from protea_adapters.metrics.base import PoolInUse, ProcessMetrics
from protea_adapters.metrics.noop import NoopMetrics

logger = logging.getLogger(__name__)


def build_metrics(*, pool_in_use: PoolInUse | None = None) -> ProcessMetrics:
    """`PrometheusMetrics(pool_in_use=...)`, or `NoopMetrics` plus one warning when the
    `prometheus_client` package (extra `observability`) is missing."""
    try:
        from protea_adapters.metrics.prometheus import PrometheusMetrics
    except ImportError as exc:
        logger.warning("metrics disabled: %s (install protea[observability] for /metrics)", exc)
        return NoopMetrics()
    return PrometheusMetrics(pool_in_use=pool_in_use)
