"""What the request handlers use, resolved once from the process's container."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from protea_adapters.containers import CoreContainer
from protea_adapters.metrics.base import ProcessMetrics
from protea_adapters.queue.factory import Broker
from protea_adapters.settings import Settings
from protea_adapters.sqlalchemy.api_unit_of_work import SqlApiUnitOfWork
from protea_domain.api_access.ports.unit_of_work import ApiUnitOfWorkFactory
from protea_domain.api_access.visitors import DailySalt
from protea_domain.benchmarking.config import BenchmarkConfig
from protea_domain.operations.registry import OperationRegistry
from protea_domain.ports.artifact_store import ArtifactStore
from protea_domain.ports.biodata_unit_of_work import BioDataUnitOfWork
from protea_domain.ports.clock import Clock
from protea_domain.ports.embedding_repository import EmbeddingUnitOfWork
from protea_domain.ports.evaluation_unit_of_work import EvaluationUnitOfWork
from protea_domain.ports.tracer import Tracer
from protea_domain.ports.unit_of_work import UnitOfWorkFactory
from protea_entrypoints.api.client_address import TrustedProxies
from protea_entrypoints.api.graph_cache import GraphCache
from protea_entrypoints.api.settings import ApiSettings, api_settings_of


@dataclass
class ApiDeps:
    settings: Settings
    api: ApiSettings
    clock: Clock
    uow: UnitOfWorkFactory
    api_uow: ApiUnitOfWorkFactory
    registry: OperationRegistry
    metrics: ProcessMetrics
    tracer: Tracer
    container: CoreContainer
    salts: DailySalt
    graphs: GraphCache = field(default_factory=GraphCache)
    proxies: TrustedProxies = field(default_factory=TrustedProxies)

    def broker(self) -> Broker | None:
        """The configured broker (None on the embedded default: it lives in-process)."""
        return None if self.settings.is_embedded else self.container.broker()

    def artifact_store(self) -> ArtifactStore:
        store: ArtifactStore = self.container.artifact_store()
        return store

    def biodata_uow(self) -> BioDataUnitOfWork:
        """A fresh unit of work over the biological data (enter it with `with`)."""
        uow: BioDataUnitOfWork = self.container.biodata_unit_of_work()
        return uow

    def evaluation_uow(self) -> EvaluationUnitOfWork:
        """A fresh unit of work over the biological data and the evaluation records (enter it
        with `with`)."""
        uow: EvaluationUnitOfWork = self.container.evaluation_unit_of_work()
        return uow

    def embedding_uow(self) -> EmbeddingUnitOfWork:
        """A fresh unit of work over embedding recipes, prediction sets and scoring configs
        (enter it with `with`)."""
        uow: EmbeddingUnitOfWork = self.container.embedding_unit_of_work()
        return uow

    def benchmark_config(self) -> BenchmarkConfig:
        config: BenchmarkConfig = self.container.benchmark_config()
        return config


def api_uow_factory(container: Any) -> ApiUnitOfWorkFactory:
    """The container's `api_unit_of_work` provider once it has one, else SQL storage on the
    container's session factory."""
    provider = getattr(container, "api_unit_of_work", None)
    if provider is not None:
        factory: ApiUnitOfWorkFactory = provider
        return factory
    session_factory = container.session_factory()
    return lambda: SqlApiUnitOfWork(session_factory)


def build_deps(container: CoreContainer, api: ApiSettings | None = None) -> ApiDeps:
    settings = container.settings()
    api = api or api_settings_of(settings)
    return ApiDeps(
        settings=settings,
        api=api,
        clock=container.clock(),
        uow=container.unit_of_work,
        api_uow=api_uow_factory(container),
        registry=container.registry(),
        metrics=container.metrics(),
        tracer=container.tracer(),
        container=container,
        salts=DailySalt(),
        proxies=TrustedProxies.of(api.trusted_proxies),
    )
