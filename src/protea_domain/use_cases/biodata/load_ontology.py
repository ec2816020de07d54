"""`load_ontology_snapshot`: store a GO release once per data-version (re-import is a no-op)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from uuid import uuid4

from protea_domain.errors import ConflictError
from protea_domain.ontology.go_reader import read_go_release
from protea_domain.ontology.terms import OntologySnapshot
from protea_domain.parsing.opener import read_lines, source_name
from protea_domain.ports.biodata_unit_of_work import BioDataUnitOfWorkFactory
from protea_domain.ports.clock import Clock
from protea_domain.use_cases.biodata.progress import Progress, no_progress

STEPS = 3


@dataclass(frozen=True, slots=True)
class OntologyLoad:
    snapshot: OntologySnapshot
    created: bool


def load_ontology_snapshot(
    uow_factory: BioDataUnitOfWorkFactory,
    clock: Clock,
    path: Path,
    *,
    source: str | None = None,
    progress: Progress = no_progress,
) -> OntologyLoad:
    """Parse the OBO file, then store the snapshot, its terms and edges in one transaction,
    unless a snapshot of the same data-version exists (then nothing is written). Raises
    `ParseError` naming file, line and field."""
    name = source or source_name(path)
    progress(0, STEPS)
    release = read_go_release(read_lines(path), source_name(path))
    data_version = release.data_version or ""
    progress(1, STEPS)
    with uow_factory() as uow:
        existing = uow.ontology.find_snapshot(data_version)
    if existing is not None:
        progress(STEPS, STEPS)
        return OntologyLoad(existing, created=False)
    snapshot = OntologySnapshot(
        id=uuid4(),
        data_version=data_version,
        loaded_at=clock.now(),
        format_version=release.header.format_version,
        source=name,
        term_count=len(release.terms),
        relationship_count=len(release.relationships),
    )
    try:
        with uow_factory() as uow:
            uow.ontology.add_snapshot(snapshot, release.terms, release.relationships)
            uow.commit()
    except ConflictError:
        with uow_factory() as uow:
            raced = uow.ontology.find_snapshot(data_version)
        if raced is None:
            raise
        progress(STEPS, STEPS)
        return OntologyLoad(raced, created=False)
    progress(STEPS, STEPS)
    return OntologyLoad(snapshot, created=True)
