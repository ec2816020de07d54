"""DESIGN.md section 4, proven against real PostgreSQL, RabbitMQ and worker processes."""

from __future__ import annotations

import json
import subprocess
import time
from datetime import timedelta
from uuid import UUID

import pika
import pytest

from protea_adapters.clock import SystemClock
from protea_adapters.queue.rabbitmq.broker import RabbitMqBroker
from protea_domain.jobs.status import JobStatus
from protea_domain.messaging.queues import PING
from protea_domain.messaging.wire import job_message
from protea_domain.use_cases import job_lifecycle
from tests.integration.tcp_proxy import LateProxy
from tests.integration.workers import Cluster, counter_lines, wait_until

pytestmark = [pytest.mark.integration, pytest.mark.postgres, pytest.mark.rabbitmq]

DONE = (JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED)


def test_killing_a_worker_mid_job_still_ends_the_job_once(cluster: Cluster) -> None:
    counter = cluster.tmp / "counter"
    victim = cluster.start_worker("--queue", PING)
    job = cluster.submit("counting_sleep", {"seconds": 3.0, "counter": str(counter)})
    running = cluster.wait_for(job.id, JobStatus.RUNNING)
    assert running.lease_owner is not None
    assert running.lease_owner.endswith(f":{victim.pid}")
    time.sleep(0.5)
    victim.kill()
    victim.wait()
    cluster.start_worker("--queue", PING)
    done = cluster.wait_for(job.id, *DONE, timeout=40)
    assert done.status is JobStatus.SUCCEEDED
    assert done.attempts == 2
    assert len(counter_lines(counter)) == 1


def test_a_message_delivered_twice_to_racing_workers_runs_once(cluster: Cluster) -> None:
    counter = cluster.tmp / "counter"
    job = cluster.submit("counting_sleep", {"seconds": 0.5, "counter": str(counter)})
    broker = RabbitMqBroker(cluster.amqp_url, name="protea-test")
    for _ in range(3):
        broker.publish(job_message(PING, job.id, 0, {}))
    for _ in range(2):
        cluster.start_worker("--queue", PING, "--concurrency", "2")
    assert cluster.wait_for(job.id, *DONE).status is JobStatus.SUCCEEDED
    time.sleep(1.5)
    assert len(counter_lines(counter)) == 1
    assert cluster.job(job.id).attempts == 1


def test_connections_closed_by_the_server_mid_flight(cluster: Cluster) -> None:
    counter = cluster.tmp / "counter"
    jobs = [
        cluster.submit("counting_sleep", {"seconds": 0.3, "counter": str(counter)})
        for _ in range(20)
    ]
    cluster.start_worker("--queue", PING, "--concurrency", "2")
    wait_until(lambda: len(counter_lines(counter)) >= 3, 30, "no job finished")
    closed = subprocess.run(
        ["rabbitmqctl", "close_all_connections", "reliability test"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert closed.returncode == 0, closed.stderr
    for job in jobs:
        assert cluster.wait_for(job.id, *DONE, timeout=60).status is JobStatus.SUCCEEDED
    assert sorted(line.split()[0] for line in counter_lines(counter)) == sorted(
        str(job.id) for job in jobs
    )


def test_jobs_committed_before_any_publish_are_relayed_by_workers(cluster: Cluster) -> None:
    counter = cluster.tmp / "counter"
    result = cluster.protea(
        "jobs",
        "submit",
        "counting_sleep",
        "--payload",
        json.dumps({"seconds": 0.1, "counter": str(counter)}),
        "--no-wait",
    )
    assert result.returncode == 0, result.stderr
    job_id = result.stdout.strip()
    connection = pika.BlockingConnection(pika.URLParameters(cluster.amqp_url))
    depth = connection.channel().queue_declare(PING, passive=True).method.message_count
    connection.close()
    assert depth == 0
    cluster.start_worker("--queue", PING)
    assert cluster.wait_for(UUID(job_id), *DONE).status is JobStatus.SUCCEEDED


def test_an_expired_lease_is_requeued_by_the_reaper_command(cluster: Cluster) -> None:
    job = cluster.submit("ping", {})
    job_lifecycle.claim_job(
        cluster.uow_factory(), SystemClock(), job.id, "ghost", timedelta(seconds=0.2)
    )
    time.sleep(0.4)
    reaped = cluster.protea("reaper", "--once")
    assert reaped.returncode == 0, reaped.stderr
    assert "requeued 1" in reaped.stdout
    cluster.start_worker("--queue", PING)
    done = cluster.wait_for(job.id, *DONE)
    assert (done.status, done.attempts) == (JobStatus.SUCCEEDED, 2)


def test_a_poison_child_ends_in_the_dead_letter_queue(cluster: Cluster) -> None:
    parent = cluster.submit("exploding_batch", {}, max_attempts=3)
    RabbitMqBroker(cluster.amqp_url, name="protea-test").publisher.publish_bytes(
        PING, b"\xff not json", pika.BasicProperties(message_id="garbage", delivery_mode=2)
    )
    cluster.start_worker("--concurrency", "2")
    failed = cluster.wait_for(parent.id, *DONE, timeout=60)
    assert (failed.status, failed.error_code) == (JobStatus.FAILED, "children_failed")
    expected = {"garbage", f"op:{parent.id}:0:retry2"}

    def parked() -> dict[str, dict[str, str]]:
        rows = json.loads(cluster.protea("dlq", "list", "--json").stdout)
        return {row["message_id"]: row for row in rows if row["message_id"] in expected}

    wait_until(lambda: set(parked()) == expected, 15, "dead letters missing")
    assert {row["original_queue"] for row in parked().values()} == {PING}
    assert cluster.protea("dlq", "purge", "--yes").returncode == 0
    assert parked() == {}


def test_cancelled_jobs_never_run_and_running_ones_stop(cluster: Cluster) -> None:
    counter = cluster.tmp / "counter"
    queued = cluster.submit("counting_sleep", {"seconds": 0.1, "counter": str(counter)})
    assert cluster.protea("jobs", "cancel", str(queued.id)).returncode == 0
    long = cluster.submit("counting_sleep", {"seconds": 20.0, "counter": str(counter)})
    cluster.start_worker("--queue", PING, "--concurrency", "1")
    cluster.wait_for(long.id, JobStatus.RUNNING)
    assert cluster.protea("jobs", "cancel", str(long.id)).returncode == 0
    after = cluster.submit("counting_sleep", {"seconds": 0.1, "counter": str(counter)})
    assert cluster.wait_for(after.id, *DONE, timeout=10).status is JobStatus.SUCCEEDED
    assert cluster.job(queued.id).status is JobStatus.CANCELLED
    assert cluster.job(queued.id).attempts == 0
    assert cluster.job(long.id).status is JobStatus.CANCELLED
    assert [line.split()[0] for line in counter_lines(counter)] == [str(after.id)]


def test_sigterm_finishes_the_current_job_within_grace(cluster: Cluster) -> None:
    counter = cluster.tmp / "counter"
    job = cluster.submit("counting_sleep", {"seconds": 1.0, "counter": str(counter)})
    worker = cluster.start_worker("--queue", PING, "--grace", "10")
    cluster.wait_for(job.id, JobStatus.RUNNING)
    worker.terminate()
    assert worker.wait(15) == 0
    assert cluster.job(job.id).status is JobStatus.SUCCEEDED
    assert len(counter_lines(counter)) == 1


def test_sigterm_releases_a_job_that_outlives_grace(cluster: Cluster) -> None:
    counter = cluster.tmp / "counter"
    job = cluster.submit("counting_sleep", {"seconds": 6.0, "counter": str(counter)})
    worker = cluster.start_worker("--queue", PING, "--grace", "0.5")
    cluster.wait_for(job.id, JobStatus.RUNNING)
    worker.terminate()
    assert worker.wait(15) == 0
    released = cluster.job(job.id)
    assert released.status is JobStatus.QUEUED
    cluster.start_worker("--queue", PING)
    assert cluster.wait_for(job.id, *DONE, timeout=30).status is JobStatus.SUCCEEDED
    assert len(counter_lines(counter)) == 1


def test_workers_log_json_with_job_ids_and_serve_their_metrics(cluster: Cluster) -> None:
    import socket
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    job = cluster.submit("ping", {"fail": True})
    worker = cluster.start_worker("--queue", PING, "--metrics-port", str(port))
    assert cluster.wait_for(job.id, *DONE).status is JobStatus.FAILED
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
        exposition = response.read().decode()
    assert 'protea_jobs_total{operation="ping",status="failed"} 1.0' in exposition
    assert "protea_job_duration_seconds_count" in exposition
    worker.terminate()
    worker.wait(15)
    lines = [json.loads(line) for line in cluster.logs().splitlines() if line.startswith("{")]
    assert lines, cluster.logs()
    assert {"timestamp", "level", "logger", "message"} <= set(lines[0])
    assert any(line.get("job_id") == str(job.id) for line in lines)


def test_a_worker_started_before_the_broker_waits_and_then_works(cluster: Cluster) -> None:
    proxy = LateProxy(("127.0.0.1", 5672))
    cluster.amqp_url = f"amqp://guest:guest@127.0.0.1:{proxy.port}/%2F"
    job = cluster.submit("ping", {})
    worker = cluster.start_worker("--queue", PING)
    time.sleep(3.0)
    assert worker.poll() is None, cluster.logs()
    assert cluster.job(job.id).status is JobStatus.QUEUED
    proxy.open()
    try:
        assert cluster.wait_for(job.id, *DONE, timeout=40).status is JobStatus.SUCCEEDED
    finally:
        cluster.stop_all()
        proxy.close()


def test_sigterm_exits_within_grace_even_when_the_job_has_no_progress_points(
    cluster: Cluster,
) -> None:
    counter = cluster.tmp / "counter"
    job = cluster.submit("silent_sleep", {"seconds": 8.0, "counter": str(counter)})
    worker = cluster.start_worker("--queue", PING, "--grace", "0.5")
    cluster.wait_for(job.id, JobStatus.RUNNING)
    started = time.monotonic()
    worker.terminate()
    assert worker.wait(15) == 0
    assert time.monotonic() - started < 6, cluster.logs()
    assert cluster.job(job.id).status is JobStatus.QUEUED
    cluster.start_worker("--queue", PING)
    assert cluster.wait_for(job.id, *DONE, timeout=30).status is JobStatus.SUCCEEDED
    assert len(counter_lines(counter)) == 1


def test_a_broker_restart_mid_flight_loses_no_job(cluster: Cluster) -> None:
    counter = cluster.tmp / "counter"
    jobs = [
        cluster.submit("counting_sleep", {"seconds": 0.2, "counter": str(counter)})
        for _ in range(15)
    ]
    cluster.start_worker("--queue", PING)
    wait_until(lambda: len(counter_lines(counter)) >= 2, 30, "no job finished")
    for action in ("stop_app", "start_app"):
        done = subprocess.run(["rabbitmqctl", action], capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
    for job in jobs:
        assert cluster.wait_for(job.id, *DONE, timeout=90).status is JobStatus.SUCCEEDED
    assert sorted(line.split()[0] for line in counter_lines(counter)) == sorted(
        str(job.id) for job in jobs
    )
