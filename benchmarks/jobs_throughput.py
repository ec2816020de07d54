"""End-to-end job throughput: N `ping` jobs from submit to succeeded.

Measured in one run, on this machine:
  * the ceiling: raw pika publish (confirms, persistent) + consume (ack) of N messages;
  * RabbitMQ + PostgreSQL with 1 and 2 worker processes (`protea worker --queue protea.ping`);
  * the embedded default (SQLite file + in-process queue) with a worker runtime in this process.

    python benchmarks/jobs_throughput.py [--jobs 2000] [--skip-services]

Needs PostgreSQL and RabbitMQ (bash scripts/services.sh up) unless --skip-services.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select, text

from protea_adapters.clock import SystemClock
from protea_adapters.containers import build_registry
from protea_adapters.queue.inprocess import InProcessBroker
from protea_adapters.queue.rabbitmq.broker import RabbitMqBroker
from protea_adapters.settings import load_settings
from protea_adapters.sqlalchemy import migrate
from protea_adapters.sqlalchemy.engine import build_engine, build_session_factory
from protea_adapters.sqlalchemy.tables import jobs
from protea_adapters.sqlalchemy.unit_of_work import SqlUnitOfWork
from protea_domain.messaging.queues import PING
from protea_domain.use_cases.job_lifecycle import SubmitJob, submit_job
from protea_entrypoints.worker.runtime import WorkerRuntime

REPO = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get(
    "PROTEA_BENCH_PG_URL", "postgresql+psycopg2://protea@127.0.0.1:5432/protea_bench"
)
AMQP_URL = os.environ.get("PROTEA_BENCH_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/%2F")


def fresh_postgres(url: str) -> None:
    admin = build_engine(url.rsplit("/", 1)[0] + "/postgres")
    name = url.rsplit("/", 1)[1]
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    migrate.upgrade(url)


def succeeded(engine_url: str) -> Callable[[], int]:
    engine = build_engine(engine_url)

    def count() -> int:
        with engine.connect() as connection:
            statement = select(func.count()).where(jobs.c.status == "succeeded")
            return int(connection.execute(statement).scalar_one())

    return count


def submit_all(url: str, n: int) -> None:
    engine = build_engine(url)
    factory = build_session_factory(engine)
    registry = build_registry(load_settings(environ={}))
    clock = SystemClock()
    for _ in range(n):
        submit_job(SqlUnitOfWork(factory), clock, registry, SubmitJob("ping", {}))
    engine.dispose()


def wait_all(count: Callable[[], int], n: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while count() < n:
        if time.monotonic() > deadline:
            raise SystemExit(f"only {count()} of {n} jobs succeeded within {timeout} s")
        time.sleep(0.05)


def rabbitmq_postgres(n: int, workers: int) -> float:
    fresh_postgres(PG_URL)
    RabbitMqBroker(AMQP_URL, name="protea-bench").declare()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PROTEA_")}
    env.update(PROTEA_DB_URL=PG_URL, PROTEA_AMQP_URL=AMQP_URL, PROTEA_LOG_LEVEL="WARNING")
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "protea_entrypoints.cli.main", "worker", "--queue", PING],
            env=env,
            cwd=REPO,
        )
        for _ in range(workers)
    ]
    try:
        time.sleep(3.0)
        count = succeeded(PG_URL)
        started = time.perf_counter()
        submit_all(PG_URL, n)
        wait_all(count, n, timeout=600)
        return n / (time.perf_counter() - started)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(30)


def embedded(n: int, workers: int) -> float:
    with tempfile.TemporaryDirectory() as home:
        url = f"sqlite:///{home}/protea.db"
        migrate.upgrade(url)
        engine = build_engine(url)
        factory = build_session_factory(engine)
        broker = InProcessBroker()
        runtime = WorkerRuntime(
            uow_factory=lambda: SqlUnitOfWork(factory),
            clock=SystemClock(),
            registry=build_registry(load_settings(environ={})),
            broker=broker,
            queues=[PING],
            concurrency=workers,
            grace_seconds=5.0,
        )
        runtime.start()
        try:
            count = succeeded(url)
            started = time.perf_counter()
            submitter = threading.Thread(target=submit_all, args=(url, n))
            submitter.start()
            wait_all(count, n, timeout=600)
            submitter.join()
            return n / (time.perf_counter() - started)
        finally:
            runtime.stop()
            engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jobs", type=int, default=2000)
    parser.add_argument("--skip-services", action="store_true", help="embedded default only")
    args = parser.parse_args()
    n = args.jobs
    print(f"jobs per run: {n}; machine: {os.cpu_count()} cores")
    ceiling = None
    if not args.skip_services:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from raw_pika import measure_raw_pika

        ceiling = measure_raw_pika(AMQP_URL, n)
        print(f"raw pika publish+consume (confirms, persistent, ack): {ceiling:8.1f} msg/s")
    rows = []
    if not args.skip_services:
        for workers in (1, 2):
            rows.append((f"rabbitmq+postgres, {workers} worker(s)", rabbitmq_postgres(n, workers)))
    for workers in (1, 2):
        label = f"embedded sqlite+in-process, concurrency {workers}"
        rows.append((label, embedded(n, workers)))
    for label, rate in rows:
        ratio = f"  ({rate / ceiling:.3f} of raw pika)" if ceiling else ""
        print(f"{label:45s} {rate:8.1f} jobs/s{ratio}")


if __name__ == "__main__":
    main()
