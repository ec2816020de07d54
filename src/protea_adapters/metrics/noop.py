"""Metrics that record nothing: the stand-in when prometheus_client is not installed."""

from __future__ import annotations

from protea_adapters.metrics.base import ProcessMetrics

NOOP_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
NOOP_BODY = b"# metrics disabled: prometheus_client is not installed\n"


class NoopMetrics(ProcessMetrics):
    def job_finished(self, operation: str, status: str, seconds: float) -> None:
        pass

    def embeddings_batch_finished(self, seconds: float) -> None:
        pass

    def predictions_batch_finished(self, seconds: float) -> None:
        pass

    def http_request_started(self) -> None:
        pass

    def http_request_finished(self, method: str, route: str, status: int, seconds: float) -> None:
        pass

    def render(self, accept: str | None = None) -> tuple[bytes, str]:
        return NOOP_BODY, NOOP_CONTENT_TYPE
