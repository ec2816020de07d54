"""`protea ontology|proteins|annotations load` on the embedded default, with a container whose
registry holds the biodata operations (what containers.py will do once wired)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Generator
from pathlib import Path
from uuid import UUID

import pytest
from dependency_injector import providers

from protea_adapters.biodata_wiring import build_biodata_operations, sql_biodata_uow_factory
from protea_adapters.containers import CliContainer, build_registry
from protea_adapters.settings import load_settings
from protea_adapters.sqlalchemy import migrate
from protea_adapters.sqlalchemy.engine import build_engine, build_session_factory
from protea_domain.use_cases import job_lifecycle
from protea_entrypoints.cli import biodata
from tests.support.biodata import MIGRATION_TARGET, shared_data_path


@pytest.fixture
def container(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Generator[CliContainer]:
    for variable in ("PROTEA_DB_URL", "PROTEA_AMQP_URL", "PROTEA_CONFIG"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("PROTEA_HOME", str(tmp_path))
    settings = load_settings()
    migrate.upgrade(settings.database_url, MIGRATION_TARGET)
    engine = build_engine(settings.database_url)
    container = CliContainer(settings=settings)
    container.engine.override(providers.Object(engine))
    registry = build_registry(settings)
    for operation in build_biodata_operations(build_session_factory(engine), container.clock()):
        registry.register(operation)
    container.registry.override(providers.Object(registry))
    yield container
    container.shutdown_resources()
    engine.dispose()


def _run(
    container: CliContainer, capsys: pytest.CaptureFixture[str], *argv: str
) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="protea")
    biodata.add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    code: int = args.handler(args, container)
    out, err = capsys.readouterr()
    return code, out, err


def test_load_ontology_proteins_and_annotations(
    container: CliContainer, capsys: pytest.CaptureFixture[str]
) -> None:
    data = shared_data_path()
    folder = data / "formats" / "gaf"
    code, out, err = _run(
        container, capsys, "ontology", "load", str(data / "go" / "go-2014-01.obo.gz")
    )
    assert code == 0, err
    assert json.loads(out.splitlines()[1])["terms"] == 40_413
    job = job_lifecycle.get_job(container.unit_of_work(), UUID(out.splitlines()[0]))
    assert (job.progress_current, job.progress_total) == (3, 3)
    code, out, _ = _run(
        container, capsys, "proteins", "load", str(data / "swissprot2014" / "human_dev.fasta.gz")
    )
    assert (code, json.loads(out.splitlines()[1])["new_proteins"]) == (0, 8_589)
    code, out, _ = _run(
        container,
        capsys,
        "annotations",
        "load",
        str(folder / "goa_human_illegal.gaf"),
        "--format",
        "gaf",
        "--snapshot",
        "releases/2014-01",
        "--source",
        "goa",
        "--source-version",
        "2018-04",
    )
    report = json.loads(out.splitlines()[1])["report"]
    assert code == 0
    assert report["skipped"]["malformed_line"] == 2
    assert report["loaded"] + sum(report["skipped"].values()) == 68
    session_factory = container.session_factory()
    with sql_biodata_uow_factory(session_factory)() as uow:
        assert len(uow.annotations.sets()) == 1


def test_no_wait_prints_the_id_and_failures_exit_1(
    container: CliContainer, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(container, capsys, "proteins", "load", "missing.fasta", "--no-wait")
    assert code == 0
    assert len(out.strip()) == 36
    code, _, err = _run(
        container,
        capsys,
        "annotations",
        "load",
        "x.tsv",
        "--format",
        "tsv",
        "--snapshot",
        "releases/none",
        "--source",
        "s",
        "--source-version",
        "v",
    )
    assert code == 1
    assert "payload.path: no such file" in err
