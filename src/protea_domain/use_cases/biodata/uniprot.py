"""UniProt as a source: proteins from a REST search (FASTA pages) and metadata (TSV pages)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from protea_domain.parsing.skipped import SkippedLine
from protea_domain.ports.biodata_unit_of_work import BioDataUnitOfWorkFactory
from protea_domain.ports.uniprot_search import UniProtSearch
from protea_domain.sequences.fasta import parse_fasta
from protea_domain.sequences.protein import Protein
from protea_domain.sequences.uniprot_tsv import UniProtEntry, parse_uniprot_tsv
from protea_domain.use_cases.biodata.insert_proteins import ProteinLoad, insert_proteins
from protea_domain.use_cases.biodata.progress import Progress, no_progress

METADATA_FIELDS = (
    "accession",
    "id",
    "reviewed",
    "protein_name",
    "gene_primary",
    "gene_names",
    "organism_name",
    "organism_id",
    "protein_existence",
    "length",
)
METADATA_CHUNK = 5_000
PE_LEVELS = {
    "evidence at protein level": 1,
    "evidence at transcript level": 2,
    "inferred from homology": 3,
    "predicted": 4,
    "uncertain": 5,
}


def insert_proteins_from_uniprot(
    uow_factory: BioDataUnitOfWorkFactory,
    search: UniProtSearch,
    query: str,
    *,
    page_size: int = 500,
    progress: Progress = no_progress,
) -> ProteinLoad:
    """Stream every FASTA page of `query` into storage; progress against `X-Total-Results`."""
    load = ProteinLoad()
    for number, page in enumerate(search.pages(query, format="fasta", page_size=page_size)):
        records = parse_fasta(page.lines, f"uniprot:{query}#page{number + 1}", strict=False)
        insert_proteins(uow_factory, records, total=page.total, progress=progress, into=load)
    return load


def metadata_entries(
    search: UniProtSearch, query: str, *, page_size: int = 500
) -> Iterator[UniProtEntry | SkippedLine]:
    """Every TSV row of `query` with the metadata fields (each page has its header)."""
    for number, page in enumerate(
        search.pages(query, format="tsv", fields=METADATA_FIELDS, page_size=page_size)
    ):
        yield from parse_uniprot_tsv(page.lines, f"uniprot:{query}#page{number + 1}", strict=False)


def fetch_uniprot_metadata(
    uow_factory: BioDataUnitOfWorkFactory,
    entries: Iterable[UniProtEntry | SkippedLine],
    *,
    progress: Progress = no_progress,
) -> dict[str, int]:
    """Overwrite stored proteins' metadata from UniProt rows, chunk by chunk (idempotent);
    rows for proteins not stored are counted as `unknown`."""
    counts = {"read": 0, "updated": 0, "unknown": 0, "skipped": 0}
    chunk: list[Protein] = []
    for entry in entries:
        if isinstance(entry, SkippedLine):
            counts["skipped"] += 1
            continue
        counts["read"] += 1
        protein = entry.to_protein()
        level = PE_LEVELS.get((entry.protein_existence or "").strip().lower())
        if level is not None:
            protein = replace(protein, protein_existence=level)
        chunk.append(protein)
        if len(chunk) >= METADATA_CHUNK:
            _update(uow_factory, chunk, counts)
            chunk = []
            progress(counts["read"], None)
    if chunk:
        _update(uow_factory, chunk, counts)
    progress(counts["read"], counts["read"])
    return counts


def _update(
    uow_factory: BioDataUnitOfWorkFactory, chunk: list[Protein], counts: dict[str, int]
) -> None:
    with uow_factory() as uow:
        updated = uow.proteins.update_metadata(chunk)
        uow.commit()
    counts["updated"] += updated
    counts["unknown"] += len(chunk) - updated
