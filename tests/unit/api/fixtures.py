"""Fixtures of the API tests, shared by the SQLite (unit) and PostgreSQL (integration) runs:
a module that defines its own `container` fixture reruns every API test on its storage."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from protea_adapters.containers import ApiContainer, CoreContainer
from protea_adapters.settings import Settings
from protea_domain.api_access.use_cases.api_keys import create_api_key
from protea_entrypoints.api.app import create_app
from protea_entrypoints.api.deps import api_uow_factory
from protea_entrypoints.api.settings import ApiSettings

BENCHMARK_YAML = """\
stages:
  preferred_default: [composite, knn]
  labels: {composite: "Composite score"}
categories: [NK, LK]
"""


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    config = tmp_path / "benchmark.yaml"
    config.write_text(BENCHMARK_YAML)
    return Settings(home=tmp_path / "home", benchmark_config=config)


@pytest.fixture
def container(settings: Settings) -> Iterator[CoreContainer]:
    """The embedded default: SQLite under a fresh home, the in-process broker."""
    made = ApiContainer(settings=settings)
    yield made
    made.shutdown_resources()


@pytest.fixture
def api_settings() -> ApiSettings:
    return ApiSettings(max_body_bytes=4096, embedded_workers=0)


@pytest.fixture
def app(container: CoreContainer, api_settings: ApiSettings) -> Starlette:
    return create_app(container, api_settings)


@pytest.fixture
def client(app: Starlette) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as made:
        yield made


@pytest.fixture
def raw_key(container: CoreContainer) -> str:
    return create_api_key(api_uow_factory(container)(), container.clock(), "tests").raw


@pytest.fixture
def auth(raw_key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {raw_key}"}
