"""`insert_proteins`: store proteins and their deduplicated sequences from FASTA records,
chunk by chunk (each chunk commits; re-running is idempotent)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from protea_domain.parsing.skipped import SkippedLine
from protea_domain.ports.biodata_unit_of_work import BioDataUnitOfWorkFactory
from protea_domain.sequences.protein import ProteinRecord
from protea_domain.use_cases.biodata.prefetch import prefetched
from protea_domain.use_cases.biodata.progress import Progress, no_progress

CHUNK = 5_000
MAX_SAMPLES = 20


@dataclass
class ProteinLoad:
    read: int = 0
    new_proteins: int = 0
    new_sequences: int = 0
    skipped: int = 0
    skipped_samples: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "read": self.read,
            "new_proteins": self.new_proteins,
            "new_sequences": self.new_sequences,
            "skipped": self.skipped,
            "skipped_samples": list(self.skipped_samples),
        }


def insert_proteins(
    uow_factory: BioDataUnitOfWorkFactory,
    records: Iterable[ProteinRecord | SkippedLine],
    *,
    total: int | None = None,
    progress: Progress = no_progress,
    chunk_size: int = CHUNK,
    into: ProteinLoad | None = None,
) -> ProteinLoad:
    """Store every record (existing accessions are left as they are). Skipped lines are
    counted with a few `file:line: field: message` samples. Progress counts records read."""
    load = into if into is not None else ProteinLoad()
    progress(load.read, total)
    for chunk in prefetched(_chunks(records, load, chunk_size)):
        _store(uow_factory, chunk, load)
        progress(load.read, total)
    progress(load.read, total if total is not None else load.read)
    return load


def _chunks(
    records: Iterable[ProteinRecord | SkippedLine], load: ProteinLoad, chunk_size: int
) -> Iterator[list[ProteinRecord]]:
    """Records in chunks (parsed in the prefetch thread); skipped lines counted in `load`."""
    chunk: list[ProteinRecord] = []
    for record in records:
        if isinstance(record, SkippedLine):
            load.skipped += 1
            if len(load.skipped_samples) < MAX_SAMPLES:
                load.skipped_samples.append(str(record))
            continue
        chunk.append(record)
        if len(chunk) >= chunk_size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _store(
    uow_factory: BioDataUnitOfWorkFactory, chunk: list[ProteinRecord], load: ProteinLoad
) -> None:
    with uow_factory() as uow:
        load.new_sequences += uow.proteins.add_sequences(r.sequence for r in chunk)
        load.new_proteins += uow.proteins.add_proteins([(r.protein, r.sequence.md5) for r in chunk])
        uow.commit()
    load.read += len(chunk)
