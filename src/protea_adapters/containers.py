"""Dependency-injector containers, one per process kind, resolved explicitly by entrypoints."""

from __future__ import annotations

import importlib
from collections.abc import Iterator

from dependency_injector import containers, providers
from sqlalchemy import Engine

from protea_adapters.clock import SystemClock
from protea_adapters.queue.factory import build_broker
from protea_adapters.settings import Settings, SettingsError
from protea_adapters.sqlalchemy import migrate
from protea_adapters.sqlalchemy.engine import build_engine, build_session_factory
from protea_adapters.sqlalchemy.unit_of_work import SqlUnitOfWork
from protea_domain.operations.ping import PingOperation
from protea_domain.operations.ping_batch import PingBatchOperation
from protea_domain.operations.registry import OperationRegistry


def engine_resource(settings: Settings) -> Iterator[Engine]:
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
    try:
        yield engine
    finally:
        engine.dispose()


def build_registry(settings: Settings) -> OperationRegistry:
    """The built-in operations plus each `module:Class` of `settings.plugins`."""
    registry = OperationRegistry([PingOperation(), PingBatchOperation()])
    for entry in settings.plugins:
        module_name, _, attribute = entry.partition(":")
        try:
            factory = getattr(importlib.import_module(module_name), attribute)
        except (ImportError, AttributeError) as exc:
            raise SettingsError(f"plugins: cannot load {entry!r}: {exc}") from exc
        registry.register(factory())
    return registry


class CoreContainer(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)
    clock = providers.ThreadSafeSingleton(SystemClock)
    engine = providers.Resource(engine_resource, settings=settings)
    session_factory = providers.ThreadSafeSingleton(build_session_factory, engine)
    unit_of_work = providers.Factory(SqlUnitOfWork, session_factory)
    registry = providers.ThreadSafeSingleton(build_registry, settings)
    broker = providers.ThreadSafeSingleton(build_broker, settings)


class CliContainer(CoreContainer):
    """The CLI process."""


class WorkerContainer(CoreContainer):
    """A worker process."""


class ApiContainer(CoreContainer):
    """The HTTP API process."""
