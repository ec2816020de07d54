"""Fixtures for tests against real PostgreSQL, RabbitMQ and worker processes."""

from __future__ import annotations

import os
from collections.abc import Generator
from pathlib import Path

import pika
import pytest
from sqlalchemy import Engine

from protea_adapters.queue.rabbitmq.broker import RabbitMqBroker
from protea_adapters.sqlalchemy.engine import build_session_factory
from protea_adapters.sqlalchemy.unit_of_work import SqlUnitOfWork
from tests.conftest import PG_URL, _truncate_all, service_missing
from tests.integration.workers import Cluster, purge_queues

AMQP_URL = os.environ.get("PROTEA_TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/%2F")


@pytest.fixture
def amqp_url() -> str:
    try:
        pika.BlockingConnection(pika.URLParameters(AMQP_URL)).close()
    except Exception as exc:
        service_missing(f"RabbitMQ at {AMQP_URL}: {exc!r}")
    RabbitMqBroker(AMQP_URL, name="protea-test").declare()
    purge_queues(AMQP_URL)
    return AMQP_URL


@pytest.fixture
def cluster(
    postgres_engine: Engine, amqp_url: str, tmp_path: Path
) -> Generator[Cluster, None, None]:
    _truncate_all(postgres_engine)
    factory = build_session_factory(postgres_engine)
    cluster = Cluster(PG_URL, amqp_url, lambda: SqlUnitOfWork(factory), tmp_path)
    yield cluster
    cluster.stop_all()
    purge_queues(amqp_url)
