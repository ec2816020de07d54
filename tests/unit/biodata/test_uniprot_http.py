"""The UniProt REST adapter against a local stub: cursor pagination from `Link`, totals from
`X-Total-Results`, retries on 429 (honouring Retry-After), 503 and a dropped connection."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from protea_adapters.http.retry import HttpRetryPolicy, parse_retry_after
from protea_adapters.http.uniprot_search import UniProtRestSearch, next_link
from protea_domain.errors import InvalidInputError, RetryableError
from protea_domain.use_cases.biodata.uniprot import (
    fetch_uniprot_metadata,
    insert_proteins_from_uniprot,
    metadata_entries,
)
from tests.support.biodata import BioUowFactory
from tests.unit.biodata.uniprot_stub import FlatEntry, UniProtStub, read_flat_entries


@pytest.fixture
def entries(shared_data: Path) -> list[FlatEntry]:
    folder = shared_data / "formats" / "uniprot"
    return read_flat_entries(folder / "P62258.txt", folder / "O95832.txt", folder / "multi_ex.txt")


def _search(stub: UniProtStub, sleeps: list[float], attempts: int = 5) -> UniProtRestSearch:
    policy = HttpRetryPolicy(attempts=attempts, base=0.25, sleep=sleeps.append)
    return UniProtRestSearch(stub.url, policy=policy, timeout=5)


def test_pages_follow_the_cursor_and_survive_faults(
    entries: list[FlatEntry], biodata_memory_factory: BioUowFactory
) -> None:
    sleeps: list[float] = []
    progress: list[tuple[int, int | None]] = []
    with UniProtStub(entries, ["429", "drop", "503"]) as stub:
        load = insert_proteins_from_uniprot(
            biodata_memory_factory,
            _search(stub, sleeps),
            "reviewed:true",
            page_size=3,
            progress=lambda c, t: progress.append((c, t)),
        )
    assert len(entries) == 10
    assert (load.read, load.new_proteins, load.skipped) == (10, 10, 0)
    assert sleeps[0] == 2.0
    assert 0.5 <= sleeps[1] <= 0.55
    assert 1.0 <= sleeps[2] <= 1.1
    pages = [r for r in stub.requests if "format=fasta" in r]
    assert len(pages) == 4 + 3
    assert progress[-1] == (10, 10)
    with biodata_memory_factory() as uow:
        protein = uow.proteins.get("P62258")
        assert (protein.entry_name, protein.taxon_id, protein.gene_name) == (
            "1433E_HUMAN",
            9606,
            "YWHAE",
        )
        assert uow.proteins.sequence_of("P62258").residues == entries[0].residues


def test_metadata_from_tsv_pages(
    entries: list[FlatEntry], biodata_memory_factory: BioUowFactory
) -> None:
    sleeps: list[float] = []
    with UniProtStub(entries, []) as stub:
        search = _search(stub, sleeps)
        insert_proteins_from_uniprot(biodata_memory_factory, search, "q", page_size=4)
        counts = fetch_uniprot_metadata(
            biodata_memory_factory, metadata_entries(search, "q", page_size=4)
        )
    assert counts == {"read": 10, "updated": 10, "unknown": 0, "skipped": 0}
    with biodata_memory_factory() as uow:
        protein = uow.proteins.get("P56540")
    assert (protein.organism, protein.taxon_id, protein.protein_existence) == (
        "Chromatium vinosum (Allochromatium vinosum)",
        1049,
        3,
    )


def test_retries_run_out_and_client_errors_fail_at_once(entries: list[FlatEntry]) -> None:
    sleeps: list[float] = []
    with UniProtStub(entries, ["503", "503", "503"]) as stub:
        pages = _search(stub, sleeps, attempts=3).pages("q", format="fasta", page_size=5)
        next(pages)
        with pytest.raises(RetryableError, match="gave up after 3 attempts"):
            next(pages)
    assert len(sleeps) == 2
    with UniProtStub(entries, ["400"]) as stub:
        pages = _search(stub, sleeps).pages("q", format="fasta", page_size=5)
        next(pages)
        with pytest.raises(InvalidInputError, match="HTTP 400"):
            next(pages)


def test_link_and_retry_after_headers() -> None:
    link = '<https://rest.uniprot.org/uniprotkb/search?cursor=1mkv&size=500>; rel="next"'
    assert next_link(link) == "https://rest.uniprot.org/uniprotkb/search?cursor=1mkv&size=500"
    assert next_link(None) is None
    assert next_link('<https://x>; rel="prev"') is None
    now = datetime(2026, 11, 28, 6, 0, tzinfo=UTC)
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after(format_datetime(now + timedelta(seconds=30), usegmt=True), now) == 30
    assert parse_retry_after("soon") is None
    policy = HttpRetryPolicy(base=1.0, max_delay=4.0, max_retry_after=60)
    assert policy.delay(1, "600") == 60
    assert 4.0 <= policy.delay(10) <= 4.4
