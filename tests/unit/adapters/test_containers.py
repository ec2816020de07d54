"""Containers: one engine per process, plugins, and overrides in the context-manager form."""

from __future__ import annotations

from pathlib import Path

import pytest

from protea_adapters.clock import ManualClock
from protea_adapters.containers import CliContainer, WorkerContainer
from protea_adapters.queue.inprocess import InProcessBroker
from protea_adapters.settings import SettingsError, load_settings
from protea_domain.use_cases import job_lifecycle
from protea_domain.use_cases.job_lifecycle import SubmitJob
from tests.support.jobs import T0


def _settings(tmp_path: Path, **environ: str) -> object:
    return load_settings(environ={"PROTEA_HOME": str(tmp_path), **environ})


def test_one_engine_per_process_and_fresh_units_of_work(tmp_path: Path) -> None:
    container = CliContainer(settings=_settings(tmp_path))
    try:
        assert container.engine() is container.engine()
        assert container.unit_of_work() is not container.unit_of_work()
        assert isinstance(container.broker(), InProcessBroker)
        assert (tmp_path / "protea.db").exists()
    finally:
        container.shutdown_resources()


def test_overrides_apply_inside_the_block_only(tmp_path: Path) -> None:
    container = WorkerContainer(settings=_settings(tmp_path))
    try:
        with container.clock.override(ManualClock(T0)):
            job = job_lifecycle.submit_job(
                container.unit_of_work(), container.clock(), container.registry(), SubmitJob("ping")
            )
        assert job.created_at == T0
        assert container.clock().now() > T0
    finally:
        container.shutdown_resources()
        container.reset_singletons()


def test_plugins_register_operations_and_bad_ones_name_the_entry(tmp_path: Path) -> None:
    plugin = "tests.integration.plugin_operations:CountingSleep"
    container = CliContainer(settings=_settings(tmp_path, PROTEA_PLUGINS=plugin))
    assert "counting_sleep" in container.registry().names()
    broken = CliContainer(settings=_settings(tmp_path, PROTEA_PLUGINS="tests.nowhere:Nothing"))
    with pytest.raises(SettingsError, match=r"plugins: cannot load 'tests.nowhere:Nothing'"):
        broken.registry()
