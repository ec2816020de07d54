"""Prometheus collectors move when their methods are called; no-op fallback without the library."""

from __future__ import annotations

import logging
import math
import sys
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from protea_adapters.metrics.factory import build_metrics
from protea_adapters.metrics.noop import NoopMetrics
from protea_adapters.metrics.prometheus import PrometheusMetrics
from protea_domain.jobs.status import TERMINAL_STATUSES, JobStatus

COLLECTOR_NAMES = (
    "protea_jobs_total",
    "protea_job_duration_seconds",
    "protea_embeddings_batch_seconds",
    "protea_predictions_batch_seconds",
    "protea_db_pool_in_use",
    "protea_http_requests_total",
    "protea_http_request_duration_seconds",
    "protea_http_requests_in_flight",
)


def sample(metrics: PrometheusMetrics, name: str, **labels: str) -> float | None:
    return metrics.registry.get_sample_value(name, labels)


def test_job_finished_counts_by_operation_and_status_and_times_by_operation() -> None:
    metrics = PrometheusMetrics()
    metrics.job_finished("ping", JobStatus.SUCCEEDED, 1.5)
    metrics.job_finished("ping", JobStatus.SUCCEEDED, 0.5)
    metrics.job_finished("ping", JobStatus.FAILED, 2.0)
    metrics.job_finished("embed", "cancelled", 7.0)
    assert sample(metrics, "protea_jobs_total", operation="ping", status="succeeded") == 2
    assert sample(metrics, "protea_jobs_total", operation="ping", status="failed") == 1
    assert sample(metrics, "protea_jobs_total", operation="embed", status="cancelled") == 1
    assert sample(metrics, "protea_job_duration_seconds_count", operation="ping") == 3
    assert sample(metrics, "protea_job_duration_seconds_sum", operation="ping") == 4.0
    assert sample(metrics, "protea_job_duration_seconds_bucket", operation="ping", le="1.0") == 1


def test_batch_timings_move_their_own_histograms() -> None:
    metrics = PrometheusMetrics()
    metrics.embeddings_batch_finished(0.2)
    metrics.embeddings_batch_finished(0.3)
    metrics.predictions_batch_finished(4.0)
    assert sample(metrics, "protea_embeddings_batch_seconds_count") == 2
    assert sample(metrics, "protea_embeddings_batch_seconds_sum") == pytest.approx(0.5)
    assert sample(metrics, "protea_predictions_batch_seconds_count") == 1
    assert sample(metrics, "protea_predictions_batch_seconds_sum") == 4.0


@pytest.mark.parametrize("odd", [-0.1, math.nan, math.inf])
def test_negative_or_non_finite_durations_count_as_zero(odd: float) -> None:
    metrics = PrometheusMetrics()
    metrics.embeddings_batch_finished(odd)
    metrics.job_finished("ping", "failed", odd)
    assert sample(metrics, "protea_embeddings_batch_seconds_count") == 1
    assert sample(metrics, "protea_embeddings_batch_seconds_sum") == 0.0
    assert sample(metrics, "protea_job_duration_seconds_sum", operation="ping") == 0.0


def test_the_pool_gauge_is_read_on_every_scrape() -> None:
    in_use = [2]
    calls: list[int] = []

    def checkedout() -> int:
        calls.append(1)
        return in_use[0]

    metrics = PrometheusMetrics(pool_in_use=checkedout)
    assert b"protea_db_pool_in_use 2.0" in metrics.render()[0]
    in_use[0] = 5
    assert b"protea_db_pool_in_use 5.0" in metrics.render()[0]
    assert len(calls) >= 2


def test_a_failing_pool_callable_reads_nan_and_does_not_break_the_scrape() -> None:
    def broken() -> int:
        raise RuntimeError("engine disposed")

    metrics = PrometheusMetrics(pool_in_use=broken)
    body, _ = metrics.render()
    assert b"protea_db_pool_in_use NaN" in body
    value = sample(metrics, "protea_db_pool_in_use")
    assert value is not None
    assert math.isnan(value)


def test_http_requests_are_counted_timed_and_tracked_in_flight() -> None:
    metrics = PrometheusMetrics()
    metrics.http_request_started()
    metrics.http_request_started()
    assert sample(metrics, "protea_http_requests_in_flight") == 2
    metrics.http_request_finished("get", "/jobs/{id}", 200, 0.03)
    assert sample(metrics, "protea_http_requests_in_flight") == 1
    metrics.http_request_finished("POST", "/jobs", 422, 0.01)
    assert sample(metrics, "protea_http_requests_in_flight") == 0
    assert (
        sample(
            metrics, "protea_http_requests_total", method="GET", route="/jobs/{id}", status="200"
        )
        == 1
    )
    assert (
        sample(metrics, "protea_http_requests_total", method="POST", route="/jobs", status="422")
        == 1
    )
    assert (
        sample(
            metrics, "protea_http_request_duration_seconds_count", method="GET", route="/jobs/{id}"
        )
        == 1
    )


def test_instances_own_their_registries() -> None:
    first, second = PrometheusMetrics(), PrometheusMetrics()
    first.job_finished("ping", "succeeded", 1.0)
    assert sample(first, "protea_jobs_total", operation="ping", status="succeeded") == 1
    assert sample(second, "protea_jobs_total", operation="ping", status="succeeded") is None


def test_render_uses_the_prometheus_text_format_and_lists_every_collector() -> None:
    metrics = PrometheusMetrics(pool_in_use=lambda: 0)
    metrics.job_finished("ping", "succeeded", 0.1)
    body, content_type = metrics.render()
    assert content_type.startswith("text/plain; version=0.0.4")
    text = body.decode()
    for name in COLLECTOR_NAMES:
        assert f"# HELP {name} " in text
    assert 'protea_jobs_total{operation="ping",status="succeeded"} 1.0' in text


def test_render_negotiates_openmetrics() -> None:
    body, content_type = PrometheusMetrics().render("application/openmetrics-text; version=1.0.0")
    assert content_type.startswith("application/openmetrics-text")
    assert body.endswith(b"# EOF\n")


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["ping", "embed", "predict"]),
            st.sampled_from(sorted(TERMINAL_STATUSES)),
            st.floats(min_value=0, max_value=1e5, allow_nan=False),
        ),
        max_size=40,
    )
)
def test_counters_and_sums_match_what_was_reported(
    events: list[tuple[str, JobStatus, float]],
) -> None:
    metrics = PrometheusMetrics()
    for operation, status, seconds in events:
        metrics.job_finished(operation, status, seconds)
    counts = Counter((op, str(status)) for op, status, _ in events)
    for (operation, label), count in counts.items():
        assert sample(metrics, "protea_jobs_total", operation=operation, status=label) == count
    for operation in {op for op, _, _ in events}:
        total = sum(s for op, _, s in events if op == operation)
        observed = sample(metrics, "protea_job_duration_seconds_sum", operation=operation)
        assert observed == pytest.approx(total)


def test_build_metrics_uses_prometheus_when_installed(caplog: pytest.LogCaptureFixture) -> None:
    metrics = build_metrics(pool_in_use=lambda: 3)
    assert isinstance(metrics, PrometheusMetrics)
    assert sample(metrics, "protea_db_pool_in_use") == 3
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_without_prometheus_client_metrics_degrade_to_noop_with_one_warning(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setitem(sys.modules, "prometheus_client", None)  # makes the import fail
    monkeypatch.delitem(sys.modules, "protea_adapters.metrics.prometheus", raising=False)
    caplog.set_level(logging.INFO)
    metrics = build_metrics(pool_in_use=lambda: 1)
    assert isinstance(metrics, NoopMetrics)
    [warning] = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert "prometheus_client" in warning.getMessage()
    metrics.job_finished("ping", "succeeded", 1.0)
    metrics.embeddings_batch_finished(1.0)
    metrics.predictions_batch_finished(1.0)
    metrics.http_request_started()
    metrics.http_request_finished("GET", "/", 200, 0.1)
    body, content_type = metrics.render()
    assert content_type.startswith("text/plain")
    assert b"disabled" in body
