"""Worker processes and job helpers for the reliability tests."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from uuid import UUID

import pika

from protea_adapters.clock import SystemClock
from protea_adapters.containers import build_registry
from protea_adapters.settings import load_settings
from protea_domain.jobs.job import Job
from protea_domain.jobs.status import JobStatus
from protea_domain.messaging.queues import DEAD_LETTER, WORK_QUEUES
from protea_domain.ports.unit_of_work import UnitOfWorkFactory
from protea_domain.use_cases import job_lifecycle
from protea_domain.use_cases.job_lifecycle import SubmitJob
from tests.integration.plugin_operations import PLUGINS

REPO = Path(__file__).resolve().parents[2]


@dataclass
class Cluster:
    """Worker processes sharing one database and one broker."""

    db_url: str
    amqp_url: str
    uow_factory: UnitOfWorkFactory
    tmp: Path
    lease_seconds: float = 2.0
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def env(self) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith("PROTEA_") or key == "PROTEA_REQUIRE_SERVICES"
        }
        env.update(
            PROTEA_DB_URL=self.db_url,
            PROTEA_AMQP_URL=self.amqp_url,
            PROTEA_LEASE_SECONDS=str(self.lease_seconds),
            PROTEA_PLUGINS=PLUGINS,
            PROTEA_HOME=str(self.tmp / "home"),
            PYTHONPATH=str(REPO),
        )
        return env

    def start_worker(self, *args: str) -> subprocess.Popen[bytes]:
        log = (self.tmp / f"worker-{len(self.processes)}.log").open("wb")
        process = subprocess.Popen(
            [sys.executable, "-m", "protea_entrypoints.cli.main", "worker", *args],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=REPO,
        )
        self.processes.append(process)
        return process

    def protea(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "protea_entrypoints.cli.main", *args],
            env=self.env,
            capture_output=True,
            text=True,
            cwd=REPO,
            timeout=60,
            check=False,
        )

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 15
        for process in self.processes:
            try:
                process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def logs(self) -> str:
        return "\n".join(path.read_text() for path in sorted(self.tmp.glob("worker-*.log")))

    def submit(self, operation: str, payload: dict[str, Any], **kwargs: Any) -> Job:
        settings = load_settings(environ={"PROTEA_PLUGINS": PLUGINS})
        return job_lifecycle.submit_job(
            self.uow_factory(),
            SystemClock(),
            build_registry(settings),
            SubmitJob(operation, payload, **kwargs),
        )

    def job(self, job_id: UUID) -> Job:
        return job_lifecycle.get_job(self.uow_factory(), job_id)

    def wait_for(self, job_id: UUID, *statuses: JobStatus, timeout: float = 30.0) -> Job:
        deadline = time.monotonic() + timeout
        while True:
            job = self.job(job_id)
            if job.status in statuses:
                return job
            if time.monotonic() > deadline:
                raise AssertionError(f"job {job_id} still {job.status}\n{self.logs()}")
            time.sleep(0.05)


def purge_queues(amqp_url: str) -> None:
    connection = pika.BlockingConnection(pika.URLParameters(amqp_url))
    try:
        channel = connection.channel()
        for queue in (*WORK_QUEUES, DEAD_LETTER):
            try:
                channel.queue_purge(queue)
            except pika.exceptions.ChannelClosedByBroker:
                channel = connection.channel()
    finally:
        connection.close()


def counter_lines(path: Path) -> list[str]:
    return path.read_text().splitlines() if path.exists() else []


def wait_until(predicate: Any, timeout: float, message: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(message)
        time.sleep(0.05)


def iter_statuses(cluster: Cluster, ids: list[UUID]) -> Iterator[JobStatus]:
    for job_id in ids:
        yield cluster.job(job_id).status
