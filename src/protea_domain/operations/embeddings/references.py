"""Reference structures for prediction read from storage, cached by recipe and annotation set.

`load_references` reads a complete annotation set in one streamed pass (normalised against
its ontology snapshot, filtered by evidence) and the recipe's vectors of its annotated
proteins. The cache key is the recipe hash and `annotation_set_id:evidence_filter:vector
count`: a stored annotation set is immutable once complete, so a new release (another set id),
another recipe or newly embedded references build anew.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from uuid import UUID

from protea_domain.annotations.fact import Fact
from protea_domain.ontology.obo_parser import OboRelationship, OboTerm
from protea_domain.ontology.terms import IS_A
from protea_domain.ports.biodata_unit_of_work import BioDataUnitOfWorkFactory
from protea_domain.ports.embedding_repository import EmbeddingUnitOfWorkFactory
from protea_domain.ports.vector_index import VectorIndex
from protea_domain.prediction.go_graph import GoGraph
from protea_domain.prediction.reference_cache import CacheKey, ReferenceCache
from protea_domain.prediction.references import (
    AnnotationInput,
    EvidenceFilter,
    ReferenceAnnotations,
    build_reference_annotations,
    with_ancestors,
)
from protea_domain.prediction.transfer import ReferenceVectors


@dataclass(frozen=True, slots=True)
class StoredReferences:
    graph: GoGraph
    annotations: ReferenceAnnotations
    vectors: ReferenceVectors


def load_graph(uow_factory: BioDataUnitOfWorkFactory, snapshot_id: UUID) -> GoGraph:
    """The prediction graph of a stored snapshot. Raises `NotFoundError`."""
    with uow_factory() as uow:
        snapshot = uow.ontology.get_snapshot(snapshot_id)
        terms = uow.ontology.terms(snapshot_id)
        edges = uow.ontology.relationships(snapshot_id)
    is_a: dict[str, list[str]] = {}
    other: dict[str, list[OboRelationship]] = {}
    for edge in edges:
        if edge.relation == IS_A:
            is_a.setdefault(edge.child, []).append(edge.parent)
        else:
            other.setdefault(edge.child, []).append(OboRelationship(edge.relation, edge.parent))
    obo = [
        OboTerm(
            term.go_id, term.name, term.aspect.namespace if term.aspect else None,
            alt_ids=term.alt_ids, is_obsolete=term.is_obsolete,
            is_a=tuple(is_a.get(term.go_id, ())), relationships=tuple(other.get(term.go_id, ())),
        )
        for term in terms
    ]  # fmt: skip
    return GoGraph(obo, snapshot.data_version)


def by_protein(facts: Iterable[Fact]) -> list[AnnotationInput]:
    """The set's rows grouped by protein (accessions in sorted order, each protein's rows in
    load order), read in one pass: the order a protein-by-protein read gives, so the reference
    structures built from them are the same to the last dict ordering. NOT rows are kept here
    and dropped by `build_reference_annotations`, the one place that rule lives."""
    grouped: dict[str, list[AnnotationInput]] = {}
    for fact in facts:
        grouped.setdefault(fact.protein, []).append(
            AnnotationInput(fact.protein, fact.go_id, fact.evidence_code, fact.negated)
        )
    return [row for accession in sorted(grouped) for row in grouped[accession]]


def load_references(
    biodata: BioDataUnitOfWorkFactory,
    embeddings: EmbeddingUnitOfWorkFactory,
    recipe_hash: str,
    annotation_set_id: UUID,
    evidence_filter: EvidenceFilter,
) -> StoredReferences:
    """Raises `NotFoundError` for an unknown set, snapshot or recipe."""
    with biodata() as uow:
        annotation_set = uow.annotations.get_set(annotation_set_id)
        rows = by_protein(uow.annotations.annotation_facts(annotation_set_id))
    graph = load_graph(biodata, annotation_set.snapshot_id)
    annotations = build_reference_annotations(rows, graph, evidence_filter)
    with embeddings() as uow:
        found, matrix = uow.embeddings.vectors_of(recipe_hash, annotations.accessions())
    return StoredReferences(graph, annotations, ReferenceVectors(found, matrix, recipe_hash))


class PredictionCaches:
    """What the coordinator and the batches of one process share: the stored references and
    the built indices, both invalidated when the recipe or the annotation set changes."""

    def __init__(self) -> None:
        self.references: ReferenceCache[StoredReferences] = ReferenceCache()
        self.indices: ReferenceCache[tuple[list[str], VectorIndex]] = ReferenceCache()

    def references_for(
        self,
        biodata: BioDataUnitOfWorkFactory,
        embeddings: EmbeddingUnitOfWorkFactory,
        recipe_hash: str,
        annotation_set_id: UUID,
        evidence_filter: EvidenceFilter,
        propagate: bool = False,
    ) -> StoredReferences:
        """The key also holds the recipe's vector count: references embedded since the last
        build make a new entry (and drop the indices built from the old one). With
        `propagate`, the annotations carry every ancestor (`with_ancestors`)."""
        with embeddings() as uow:
            count = uow.embeddings.count_vectors(recipe_hash)
        key = CacheKey(recipe_hash, f"{annotation_set_id}:{evidence_filter}:{propagate}:{count}")

        def build() -> StoredReferences:
            self.indices.invalidate()
            loaded = load_references(
                biodata, embeddings, recipe_hash, annotation_set_id, evidence_filter
            )
            if not propagate:
                return loaded
            return replace(loaded, annotations=with_ancestors(loaded.annotations, loaded.graph))

        return self.references.get("references", key, build)
