"""`load_annotations`: annotation rows into a NEW annotation set tied to an ontology snapshot.

The set is created invisible (`loading`), filled chunk by chunk (each chunk commits, so progress
can be written meanwhile), then flipped to complete. Any failure discards the set and its rows;
a process that dies mid-load leaves a `loading` set readers never see. Re-loading the same
source release on the same snapshot returns the existing set (idempotent)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from uuid import uuid4

from protea_domain.annotations.annotation_set import AnnotationSet, ProteinAnnotation
from protea_domain.annotations.load_report import (
    ALT_ID_REMAPPED,
    MALFORMED_LINE,
    UNKNOWN_PROTEIN,
    LoadReport,
)
from protea_domain.errors import InvalidInputError
from protea_domain.ontology.term_resolver import TermResolver
from protea_domain.parsing.skipped import SkippedLine
from protea_domain.ports.biodata_unit_of_work import BioDataUnitOfWorkFactory
from protea_domain.ports.clock import Clock
from protea_domain.use_cases.biodata.prefetch import prefetched
from protea_domain.use_cases.biodata.progress import Progress, no_progress

CHUNK = 20_000


@dataclass(frozen=True, slots=True)
class AnnotationLoad:
    annotation_set: AnnotationSet
    created: bool
    report: LoadReport


def load_annotations(
    uow_factory: BioDataUnitOfWorkFactory,
    clock: Clock,
    rows: Iterable[ProteinAnnotation | SkippedLine],
    *,
    source: str,
    version: str,
    data_version: str,
    total: int | None = None,
    progress: Progress = no_progress,
    chunk_size: int = CHUNK,
    file_name: str = "<input>",
) -> AnnotationLoad:
    """Load `rows` (parsed leniently) into a new set. A row is skipped when its line was
    malformed, its protein is not stored, or its GO id is unknown or obsolete in the snapshot;
    an alt id is stored under its primary id and counted as remapped. Raises
    `InvalidInputError` (`snapshot`) when no snapshot has `data_version`."""
    with uow_factory() as uow:
        snapshot = uow.ontology.find_snapshot(data_version)
        if snapshot is None:
            raise InvalidInputError(f"no ontology snapshot {data_version!r}", location="snapshot")
        existing = uow.annotations.find_set(source, version, snapshot.id)
        if existing is not None:
            return AnnotationLoad(existing, False, LoadReport(loaded=existing.annotation_count))
        resolver = TermResolver(uow.ontology.terms(snapshot.id))
        known = uow.proteins.known_accessions()
        annotation_set = AnnotationSet(uuid4(), source, version, snapshot.id, clock.now())
        uow.annotations.begin_set(annotation_set)
        uow.commit()
    report = LoadReport()
    try:
        chunks = _checked_chunks(rows, resolver, known, report, chunk_size, file_name)
        _fill(uow_factory, annotation_set, chunks, report, total, progress)
        with uow_factory() as uow:
            counts = {**report.skipped, **{f"remapped:{k}": v for k, v in report.remapped.items()}}
            done = uow.annotations.complete_set(annotation_set.id, report.loaded, counts)
            uow.commit()
    except BaseException:
        with uow_factory() as uow:
            uow.annotations.discard_set(annotation_set.id)
            uow.commit()
        raise
    return AnnotationLoad(done, True, report)


def _fill(
    uow_factory: BioDataUnitOfWorkFactory,
    annotation_set: AnnotationSet,
    chunks: Iterator[tuple[list[ProteinAnnotation], int]],
    report: LoadReport,
    total: int | None,
    progress: Progress,
) -> None:
    """Write chunks while the next ones are parsed and checked in a producer thread; progress
    is reported from this thread only."""
    progress(0, total)
    seen = 0
    for chunk, seen in prefetched(chunks):
        _write(uow_factory, annotation_set, chunk, report)
        progress(seen, total)
    end = max(seen, total or 0)
    progress(end, end)


def _checked_chunks(
    rows: Iterable[ProteinAnnotation | SkippedLine],
    resolver: TermResolver,
    known: set[str],
    report: LoadReport,
    chunk_size: int,
    file_name: str,
) -> Iterator[tuple[list[ProteinAnnotation], int]]:
    """Chunks of rows to store, each with the number of input rows seen so far; skipped and
    remapped rows are counted in `report` on the way."""
    chunk: list[ProteinAnnotation] = []
    seen = 0
    for row in rows:
        seen += 1
        if isinstance(row, SkippedLine):
            report.skip(MALFORMED_LINE, str(row))
            continue
        if row.accession not in known:
            report.skip(UNKNOWN_PROTEIN, f"{file_name}:{row.line}: accession: {row.accession}")
            continue
        resolution = resolver.resolve(row.go_id)
        if resolution.go_id is None:
            report.skip(resolution.reason or "", f"{file_name}:{row.line}: go_id: {row.go_id}")
            continue
        if resolution.reason == ALT_ID_REMAPPED:
            report.remap(ALT_ID_REMAPPED, f"{file_name}:{row.line}: go_id: {row.go_id}")
            chunk.append(replace(row, go_id=resolution.go_id, given_go_id=row.go_id))
        else:
            chunk.append(row)
        if len(chunk) >= chunk_size:
            yield chunk, seen
            chunk = []
    if chunk:
        yield chunk, seen


def _write(
    uow_factory: BioDataUnitOfWorkFactory,
    annotation_set: AnnotationSet,
    chunk: list[ProteinAnnotation],
    report: LoadReport,
) -> None:
    with uow_factory() as uow:
        uow.annotations.add_annotations(annotation_set.id, chunk)
        uow.commit()
    report.loaded += len(chunk)
