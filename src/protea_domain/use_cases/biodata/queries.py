"""Read-side queries: ontology navigation, a protein's annotations, proteins by key."""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from protea_domain.annotations.annotation_set import ProteinAnnotation
from protea_domain.errors import NotFoundError
from protea_domain.ontology.graph import OntologyGraph, Subgraph
from protea_domain.ontology.terms import PROPAGATION_RELATIONS, OntologySnapshot
from protea_domain.ports.biodata_unit_of_work import BioDataUnitOfWork
from protea_domain.sequences.protein import Protein


def snapshot_by_version(uow: BioDataUnitOfWork, data_version: str) -> OntologySnapshot:
    """Raises `NotFoundError` when no snapshot has that data-version."""
    snapshot = uow.ontology.find_snapshot(data_version)
    if snapshot is None:
        raise NotFoundError(f"no ontology snapshot {data_version!r}")
    return snapshot


def ontology_graph(
    uow: BioDataUnitOfWork, snapshot_id: UUID, relations: Iterable[str] | None = None
) -> OntologyGraph:
    """The snapshot's edges of the given types (all when None) as a graph."""
    return OntologyGraph(uow.ontology.relationships(snapshot_id, relations))


def ancestors(
    uow: BioDataUnitOfWork, snapshot_id: UUID, go_id: str, relations: Iterable[str] | None
) -> set[str]:
    return ontology_graph(uow, snapshot_id, relations).ancestors(go_id)


def descendants(
    uow: BioDataUnitOfWork, snapshot_id: UUID, go_id: str, relations: Iterable[str] | None
) -> set[str]:
    return ontology_graph(uow, snapshot_id, relations).descendants(go_id)


def ancestor_subgraph(
    uow: BioDataUnitOfWork,
    snapshot_id: UUID,
    go_ids: Iterable[str],
    relations: Iterable[str] | None = None,
) -> Subgraph:
    return ontology_graph(uow, snapshot_id, relations).ancestor_subgraph(go_ids)


def protein_annotations(
    uow: BioDataUnitOfWork, set_id: UUID, accession: str
) -> list[ProteinAnnotation]:
    """The annotations as loaded. Raises `NotFoundError` for an unknown set."""
    return uow.annotations.annotations_of(set_id, accession)


def propagated_terms(uow: BioDataUnitOfWork, set_id: UUID, accession: str) -> set[str]:
    """The protein's GO terms in the set with all their ancestors over is_a + part_of.
    NOT-qualified annotations are left out (a negation does not propagate upwards)."""
    annotation_set = uow.annotations.get_set(set_id)
    rows = uow.annotations.annotations_of(set_id, accession)
    direct = {row.go_id for row in rows if not row.is_negated}
    if not direct:
        return set()
    graph = ontology_graph(uow, annotation_set.snapshot_id, PROPAGATION_RELATIONS)
    return graph.propagate(direct)


def proteins_by_accession(uow: BioDataUnitOfWork, accession: str) -> Protein:
    return uow.proteins.get(accession)


def proteins_by_canonical(uow: BioDataUnitOfWork, canonical: str) -> list[Protein]:
    return uow.proteins.by_canonical(canonical)


def proteins_by_organism(
    uow: BioDataUnitOfWork, taxon_id: int, *, limit: int = 1000, after: str | None = None
) -> list[Protein]:
    return uow.proteins.by_organism(taxon_id, limit=limit, after=after)
