"""The biodata operations run as jobs (job storage and biodata storage in memory)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from protea_adapters.clock import ManualClock
from protea_adapters.memory.store import MemoryStore
from protea_adapters.memory.unit_of_work import MemoryUnitOfWork
from protea_domain.errors import InvalidInputError
from protea_domain.jobs.job import Job
from protea_domain.jobs.status import JobStatus
from protea_domain.operations.biodata.registry import biodata_operations
from protea_domain.operations.registry import OperationRegistry
from protea_domain.use_cases import job_lifecycle
from protea_domain.use_cases.run_job import run_job
from tests.contract.biodata.records import T0
from tests.support.biodata import BioUowFactory

RunJob = Callable[[str, dict[str, Any]], Job]
INTERPRO2GO = """\
!date: 2024/01/01 12:00:00
!Mapping of InterPro entries to GO
InterPro:IPR000003 Retinoid X receptor/HNF4 > GO:DNA binding ; GO:0003677
InterPro:IPR000003 Retinoid X receptor/HNF4 > GO:nuclear receptor activity ; GO:0004879
InterPro:IPR000006 Metallothionein, vertebrate > GO:metal ion binding ; GO:0046872
"""


@pytest.fixture
def registry(biodata_memory_factory: BioUowFactory) -> OperationRegistry:
    return OperationRegistry(biodata_operations(biodata_memory_factory, ManualClock(T0)))


@pytest.fixture
def run(registry: OperationRegistry) -> RunJob:
    store = MemoryStore()
    clock = ManualClock(T0)

    def submit_and_run(operation: str, payload: dict[str, Any]) -> Job:
        request = job_lifecycle.SubmitJob(operation, payload)
        job = job_lifecycle.submit_job(MemoryUnitOfWork(store), clock, registry, request)
        finished = run_job(lambda: MemoryUnitOfWork(store), clock, registry, job.id, "test")
        assert finished is not None
        return finished

    return submit_and_run


def test_the_2014_pipeline_as_jobs(
    run: RunJob, shared_data: Path, tmp_path: Path, biodata_memory_factory: BioUowFactory
) -> None:
    folder = shared_data / "swissprot2014"
    ontology = run(
        "load_ontology_snapshot", {"source": str(shared_data / "go" / "go-2014-01.obo.gz")}
    )
    assert ontology.status is JobStatus.SUCCEEDED, ontology.error_message
    assert ontology.result is not None
    assert (ontology.result["data_version"], ontology.result["terms"]) == (
        "releases/2014-01",
        40_413,
    )
    assert ontology.progress_current == ontology.progress_total == 3

    proteins = run("insert_proteins", {"fasta": str(folder / "human_dev.fasta.gz")})
    assert proteins.result is not None
    assert (proteins.result["new_proteins"], proteins.progress_current) == (8_589, 8_589)
    assert proteins.progress_total == 8_589

    payload = {
        "path": str(folder / "human_dev_annotations_2014.tsv.gz"),
        "snapshot": "releases/2014-01",
        "source": "metastudent",
        "source_version": "2014",
    }
    annotations = run("load_annotations", payload)
    assert annotations.status is JobStatus.SUCCEEDED, annotations.error_message
    assert annotations.result is not None
    assert annotations.result["annotations"] == 130_925
    assert annotations.result["report"]["skipped"] == {}
    assert annotations.progress_current == annotations.progress_total
    again = run("load_annotations", payload)
    assert again.result is not None
    assert (again.result["created"], again.result["annotation_set_id"]) == (
        False,
        annotations.result["annotation_set_id"],
    )

    query = run("create_query_set", {"fasta": str(folder / "human_dev.fasta.gz"), "name": "dev"})
    assert query.result is not None
    assert query.result["entries"] == 8_589
    with biodata_memory_factory() as uow:  # the query set reuses the stored sequences
        assert uow.proteins.count() == (8_589, proteins.result["new_sequences"])
    assert proteins.result["new_sequences"] == 8_588  # two DEV proteins share a sequence

    mapping = tmp_path / "interpro2go"
    mapping.write_text(INTERPRO2GO)
    interpro = run("load_interpro_go_mapping", {"path": str(mapping), "version": "2024-01"})
    assert interpro.result is not None
    assert (interpro.result["entries"], interpro.result["links"]) == (2, 3)
    with biodata_memory_factory() as uow:
        assert uow.interpro.go_terms_of("IPR000003", "2024-01") == ["GO:0003677", "GO:0004879"]


def test_unknown_snapshot_fails_the_job_permanently(run: RunJob, shared_data: Path) -> None:
    job = run(
        "load_annotations",
        {
            "path": str(shared_data / "human2022" / "dev_annotations.tsv.gz"),
            "snapshot": "releases/1999-01",
            "source": "x",
            "source_version": "y",
        },
    )
    assert (job.status, job.error_code) == (JobStatus.FAILED, "invalid_input")
    assert job.error_message is not None
    assert job.error_message.startswith("snapshot:")


def test_a_parse_error_names_file_line_and_field(run: RunJob, tmp_path: Path) -> None:
    bad = tmp_path / "bad.obo"
    bad.write_text(
        "format-version: 1.2\ndata-version: releases/x\n\n[Term]\nid: GO:0000001\n"
        "namespace: no_such_namespace\n"
    )
    job = run("load_ontology_snapshot", {"source": str(bad)})
    assert job.status is JobStatus.FAILED
    assert job.error_message is not None
    assert "bad.obo:4: namespace:" in job.error_message


@pytest.mark.parametrize(
    ("operation", "payload", "field"),
    [
        ("load_ontology_snapshot", {}, "payload.source"),
        ("load_ontology_snapshot", {"source": 3}, "payload.source"),
        ("insert_proteins", {"fasta": "a", "query": "b"}, "payload.fasta"),
        ("insert_proteins", {"fasta": "a", "page_size": 0}, "payload.page_size"),
        (
            "load_goa_annotations",
            {"path": "x", "snapshot": "s", "source": "s"},
            "payload.source_version",
        ),
        (
            "load_quickgo_annotations",
            {"path": "x", "snapshot": "s", "source": "s", "source_version": "v", "extra": 1},
            "payload",
        ),
        ("create_query_set", {"fasta": "x"}, "payload.name"),
        ("fetch_uniprot_metadata", {}, "payload.query"),
    ],
)
def test_validation_names_the_field(
    registry: OperationRegistry, operation: str, payload: dict[str, Any], field: str
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        registry.get(operation).validate(payload)
    assert caught.value.location == field


def test_a_missing_file_fails_with_the_field(run: RunJob) -> None:
    job = run("insert_proteins", {"fasta": "/nonexistent/x.fasta"})
    assert (job.status, job.error_code) == (JobStatus.FAILED, "invalid_input")
    assert job.error_message is not None
    assert job.error_message.startswith("payload.fasta:")
