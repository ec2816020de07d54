"""Dependency-injector containers, one per process kind, resolved explicitly by entrypoints."""

from __future__ import annotations

import importlib
from collections.abc import Iterator

from dependency_injector import containers, providers
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from protea_adapters.artifacts.factory import ArtifactStoreConfig, build_artifact_store
from protea_adapters.benchmark_config import load_benchmark_config
from protea_adapters.biodata_wiring import build_biodata_operations
from protea_adapters.clock import SystemClock
from protea_adapters.embedding_wiring import build_embedding_operations
from protea_adapters.evaluation_wiring import build_evaluation_operations
from protea_adapters.metrics.base import PoolInUse
from protea_adapters.metrics.factory import build_metrics
from protea_adapters.queue.factory import build_broker
from protea_adapters.settings import Settings, SettingsError
from protea_adapters.sqlalchemy import migrate
from protea_adapters.sqlalchemy.api_unit_of_work import SqlApiUnitOfWork
from protea_adapters.sqlalchemy.biodata.unit_of_work import SqlBioDataUnitOfWork
from protea_adapters.sqlalchemy.embeddings.unit_of_work import SqlEmbeddingUnitOfWork
from protea_adapters.sqlalchemy.engine import build_engine, build_session_factory
from protea_adapters.sqlalchemy.evaluation.unit_of_work import SqlEvaluationUnitOfWork
from protea_adapters.sqlalchemy.unit_of_work import SqlUnitOfWork
from protea_adapters.tracing.boot import boot_tracing, instrument_engine
from protea_adapters.tracing.noop import NoopTracer
from protea_domain.operations.ping import PingOperation
from protea_domain.operations.ping_batch import PingBatchOperation
from protea_domain.operations.registry import OperationRegistry
from protea_domain.ports.clock import Clock
from protea_domain.ports.metrics import MetricsRecorder
from protea_domain.ports.tracer import Tracer


def engine_resource(settings: Settings, tracer: Tracer) -> Iterator[Engine]:
    """The process's one engine; the embedded SQLite database is migrated on first use."""
    url = settings.database_url
    if url.startswith("sqlite"):
        migrate.upgrade(url)
    engine = build_engine(
        url,
        pool_size=settings.database.pool_size,
        max_overflow=settings.database.max_overflow,
        echo=settings.database.echo,
    )
    instrument_engine(engine, not isinstance(tracer, NoopTracer))
    try:
        yield engine
    finally:
        engine.dispose()


def artifact_store_config(settings: Settings) -> ArtifactStoreConfig:
    section = settings.artifacts
    secret = section.s3_secret_key.get_secret_value() if section.s3_secret_key else None
    fields = section.model_dump(exclude={"local_root", "s3_secret_key"})
    root = section.local_root or settings.home.expanduser() / "artifacts"
    return ArtifactStoreConfig(local_root=root, s3_secret_key=secret, **fields)


def pool_in_use(engine: Engine) -> PoolInUse:
    def checked_out() -> float:
        return float(getattr(engine.pool, "checkedout", lambda: 0)())

    return checked_out


def build_registry(
    settings: Settings,
    session_factory: sessionmaker[Session] | None = None,
    clock: Clock | None = None,
    metrics: MetricsRecorder | None = None,
) -> OperationRegistry:
    """The built-in operations (the biodata ones need a session factory) plus each
    `module:Class` of `settings.plugins`."""
    registry = OperationRegistry([PingOperation(), PingBatchOperation()])
    if session_factory is not None:
        for operation in build_biodata_operations(
            session_factory, clock or SystemClock(), uniprot_search_url=settings.uniprot.search_url
        ):
            registry.register(operation)
        for operation in build_evaluation_operations(
            session_factory,
            clock or SystemClock(),
            lambda: build_artifact_store(artifact_store_config(settings)),
        ):
            registry.register(operation)
        for operation in build_embedding_operations(
            session_factory, clock or SystemClock(), metrics=metrics
        ):
            registry.register(operation)
    for entry in settings.plugins:
        module_name, _, attribute = entry.partition(":")
        try:
            factory = getattr(importlib.import_module(module_name), attribute)
        except (ImportError, AttributeError) as exc:
            raise SettingsError(f"plugins: cannot load {entry!r}: {exc}") from exc
        registry.register(factory())
    return registry


def build_tracer(settings: Settings, service_name: str) -> Tracer:
    return boot_tracing(settings.telemetry, settings.telemetry.service_name or service_name)


class CoreContainer(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)
    service_name = providers.Object("protea-cli")
    clock = providers.ThreadSafeSingleton(SystemClock)
    tracer = providers.ThreadSafeSingleton(build_tracer, settings, service_name)
    engine = providers.Resource(engine_resource, settings=settings, tracer=tracer)
    session_factory = providers.ThreadSafeSingleton(build_session_factory, engine)
    unit_of_work = providers.Factory(SqlUnitOfWork, session_factory)
    api_unit_of_work = providers.Factory(SqlApiUnitOfWork, session_factory)
    metrics = providers.ThreadSafeSingleton(
        build_metrics, pool_in_use=providers.Callable(pool_in_use, engine)
    )
    registry = providers.ThreadSafeSingleton(
        build_registry, settings, session_factory, clock, metrics
    )
    biodata_unit_of_work = providers.Factory(SqlBioDataUnitOfWork, session_factory)
    evaluation_unit_of_work = providers.Factory(SqlEvaluationUnitOfWork, session_factory)
    embedding_unit_of_work = providers.Factory(SqlEmbeddingUnitOfWork, session_factory)
    broker = providers.ThreadSafeSingleton(build_broker, settings)
    artifact_store = providers.ThreadSafeSingleton(
        build_artifact_store, providers.Callable(artifact_store_config, settings)
    )
    benchmark_config = providers.ThreadSafeSingleton(
        load_benchmark_config, settings.provided.benchmark_config
    )


class CliContainer(CoreContainer):
    """The CLI process."""


class WorkerContainer(CoreContainer):
    """A worker process."""

    service_name = providers.Object("protea-worker")


class ApiContainer(CoreContainer):
    """The HTTP API process."""

    service_name = providers.Object("protea-api")
