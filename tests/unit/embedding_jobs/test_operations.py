"""The embedding and prediction operations on memory storage, with a recording context."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

import numpy as np
import pytest

from protea_adapters.embedders.factory import BuiltinEmbedderFactory
from protea_adapters.embedders.kmer import KmerEmbedder
from protea_adapters.memory.biodata.store import MemoryBioDataStore
from protea_adapters.memory.biodata.unit_of_work import MemoryBioDataUnitOfWork
from protea_adapters.memory.embeddings.store import MemoryEmbeddingStore
from protea_adapters.memory.embeddings.unit_of_work import MemoryEmbeddingUnitOfWork
from protea_domain.annotations.annotation_set import AnnotationSet, ProteinAnnotation
from protea_domain.annotations.aspect import Aspect
from protea_domain.errors import InvalidInputError
from protea_domain.messaging.queues import EMBEDDINGS_BATCH, PREDICTIONS_BATCH
from protea_domain.ontology.obo_parser import OboRelationship, OboTerm
from protea_domain.ontology.terms import GoTerm, OntologySnapshot, TermRelationship
from protea_domain.operations.embeddings.registry import embedding_operations
from protea_domain.ports.operation import Operation
from protea_domain.prediction.features import TermTransfer
from protea_domain.prediction.go_graph import GoGraph
from protea_domain.prediction.references import (
    AnnotationInput,
    EvidenceFilter,
    build_reference_annotations,
)
from protea_domain.prediction.transfer import (
    ReferenceVectors,
    TransferSettings,
    predict_go_terms,
)
from protea_domain.scoring.config import VOTE
from protea_domain.sequences.protein import Protein
from protea_domain.sequences.sequence import Sequence

T0 = datetime(2026, 11, 28, 7, 0, tzinfo=UTC)
SEQUENCES = {
    "R1": "MKTAYIAKQRQISFVKSHFSRQLEERLGLIEVQ", "R2": "MKTAYIAKQRQISFVKSHFSRQLEERLGLIEVA",
    "R3": "MSTNPKPQRKTKRNTNRRPQDVKFPGGGQIVGG", "R4": "MADEEKLPPGWEKRMSRSSGRVYYFNHITNASQ",
    "R5": "MKTAYIAKQRQISFVKSHFSRQLEERLGLIEVQ", "Q1": "MKTAYIAKQRQISFVKSHFSRQLEERLGLIEVK",
    "Q2": "MSTNPKPQRKTKRNTNRRPQDVKFPGGGQIVGA",
}  # fmt: skip
TERMS = [GoTerm("GO:0008150", "bp", Aspect.P), GoTerm("GO:0009987", "cp", Aspect.P),
         GoTerm("GO:0005575", "cc", Aspect.C), GoTerm("GO:0005737", "cyt", Aspect.C),
         GoTerm("GO:0003674", "mf", Aspect.F)]  # fmt: skip
EDGES = [TermRelationship("GO:0009987", "GO:0008150", "is_a"),
         TermRelationship("GO:0005737", "GO:0005575", "part_of")]  # fmt: skip
ANNOTATIONS = [("R1", "GO:0009987", "EXP"), ("R2", "GO:0009987", "IEA"),
               ("R2", "GO:0005737", "IDA"), ("R3", "GO:0005737", "IEA"),
               ("R4", "GO:0003674", "EXP"), ("R5", "GO:0008150", "IDA")]  # fmt: skip


@dataclass
class Recorder:
    """The parent side of `OperationContext`: children and events are kept, not sent."""

    job_id: UUID = field(default_factory=uuid4)
    children: list[tuple[str, str, list[dict[str, Any]]]] = field(default_factory=list)
    events: list[str] = field(default_factory=list)

    def progress(self, current: int, total: int | None = None, message: str | None = None) -> None:
        pass

    def event(self, message: str, **fields: Any) -> None:
        self.events.append(message)

    def is_cancelled(self) -> bool:
        return False

    def publish_children(self, queue: str, operation: str, payloads: list[dict[str, Any]]) -> None:
        self.children.append((queue, operation, payloads))


@dataclass
class Metrics:
    embeddings: list[float] = field(default_factory=list)
    predictions: list[float] = field(default_factory=list)

    def job_finished(self, operation: str, status: str, seconds: float) -> None:
        pass

    def embeddings_batch_finished(self, seconds: float) -> None:
        self.embeddings.append(seconds)

    def predictions_batch_finished(self, seconds: float) -> None:
        self.predictions.append(seconds)


class FixedClock:
    def now(self) -> datetime:
        return T0


@dataclass
class World:
    biodata: MemoryBioDataStore
    store: MemoryEmbeddingStore
    operations: dict[str, Operation]
    metrics: Metrics
    annotation_set: UUID

    def run(self, name: str, payload: dict[str, Any], context: Recorder | None = None) -> Any:
        operation = self.operations[name]
        checked = operation.validate(dict(payload))
        assert operation.validate(dict(checked)) == checked  # stored payloads re-validate
        return operation.execute(checked, context or Recorder())

    def run_children(self, context: Recorder) -> list[Any]:
        ((_, name, payloads),) = context.children
        return [self.run(name, payload) for payload in payloads]


@pytest.fixture
def world() -> World:
    biodata = MemoryBioDataStore()
    store = MemoryEmbeddingStore(biodata)
    metrics = Metrics()
    snapshot = OntologySnapshot(uuid4(), "releases/test", T0)
    annotation_set = AnnotationSet(uuid4(), "test", "1", snapshot.id, T0)
    with MemoryBioDataUnitOfWork(biodata) as uow:
        uow.proteins.add_sequences(Sequence(r) for r in SEQUENCES.values())
        uow.proteins.add_proteins([(Protein(a, a), Sequence(r).md5) for a, r in SEQUENCES.items()])
        uow.ontology.add_snapshot(snapshot, TERMS, EDGES)
        uow.annotations.begin_set(annotation_set)
        uow.annotations.add_annotations(annotation_set.id, [
            ProteinAnnotation(a, g, evidence_code=e) for a, g, e in ANNOTATIONS
        ])  # fmt: skip
        uow.annotations.complete_set(annotation_set.id, len(ANNOTATIONS), {})
        uow.commit()
    operations = embedding_operations(
        lambda: MemoryBioDataUnitOfWork(biodata), lambda: MemoryEmbeddingUnitOfWork(store),
        BuiltinEmbedderFactory(), FixedClock(), metrics,
    )  # fmt: skip
    return World(biodata, store, {o.name: o for o in operations}, metrics, annotation_set.id)


def embed_all(world: World, batch_size: int = 2) -> Recorder:
    context = Recorder()
    world.run("compute_embeddings", {"batch_size": batch_size}, context)
    world.run_children(context)
    return context


def test_each_distinct_sequence_is_embedded_once_in_batches(world: World) -> None:
    context = Recorder()
    result = world.run("compute_embeddings", {"batch_size": 2}, context)
    recipe = KmerEmbedder().config.content_hash
    assert result == {"recipe_hash": recipe, "sequences": 6}  # R1 and R5 share a sequence
    ((queue, name, payloads),) = context.children
    assert (queue, name, [len(p["md5s"]) for p in payloads]) == (EMBEDDINGS_BATCH, "embed_batch",
                                                                 [2, 2, 2])  # fmt: skip
    assert [world.run(name, p) for p in payloads] == [{"embedded": 2, "skipped": 0}] * 3
    assert world.run(name, payloads[0]) == {"embedded": 0, "skipped": 2}  # redelivered
    assert len(world.metrics.embeddings) == 4
    vectors = {md5: v for (_, md5, _), v in world.store.vectors.items()}
    md5 = Sequence(SEQUENCES["Q1"]).md5
    np.testing.assert_array_equal(vectors[md5], KmerEmbedder().embed([SEQUENCES["Q1"]])[0])
    again = Recorder()
    assert world.run("compute_embeddings", {}, again)["sequences"] == 0
    assert again.children == []


def test_only_the_chosen_proteins_are_embedded(world: World) -> None:
    context = Recorder()
    world.run("compute_embeddings", {"accessions": ["Q1", "Q2", "Q1", "X"]}, context)
    ((_, _, payloads),) = context.children
    assert sorted(payloads[0]["md5s"]) == sorted(Sequence(SEQUENCES[q]).md5 for q in ("Q1", "Q2"))


@pytest.mark.parametrize(
    ("name", "payload"),
    [
        ("compute_embeddings", {"dtype": "float64"}),
        ("compute_embeddings", {"batch_size": 0}),
        ("compute_embeddings", {"embedder": "kmer"}),
        ("compute_embeddings", {"accessions": "Q1"}),
        ("predict_go_terms", {"annotation_set_id": "x", "queries": ["Q1"]}),
        ("predict_go_terms", {"annotation_set_id": str(uuid4()), "queries": []}),
        ("predict_go_terms", {"annotation_set_id": str(uuid4()), "queries": ["Q1"], "k": 0}),
        (
            "predict_go_terms",
            {"annotation_set_id": str(uuid4()), "queries": ["Q1"], "evidence_filter": "some"},
        ),
        (
            "predict_go_terms",
            {
                "annotation_set_id": str(uuid4()),
                "queries": ["Q1"],
                "scoring": {"weights": {"nonsense": 1}},
            },
        ),
        ("embed_batch", {"recipe_hash": "abc", "md5s": []}),
        ("predict_batch", {"set_id": str(uuid4()), "batch": -1, "queries": ["Q1"]}),
    ],
)
def test_bad_payloads_name_the_field(world: World, name: str, payload: dict[str, Any]) -> None:
    with pytest.raises(InvalidInputError):
        world.operations[name].validate(payload)


def test_an_unknown_embedder_fails_permanently(world: World) -> None:
    with pytest.raises(InvalidInputError):
        world.run("compute_embeddings", {"embedder": {"name": "word2vec"}})


def test_prediction_needs_query_vectors_first(world: World) -> None:
    payload = {"annotation_set_id": str(world.annotation_set), "queries": ["Q1"]}
    with pytest.raises(InvalidInputError, match="compute_embeddings"):
        world.run("predict_go_terms", payload)  # no recipe stored yet
    world.run("compute_embeddings", {"accessions": ["R1"]}, context := Recorder())
    world.run_children(context)
    with pytest.raises(InvalidInputError, match="no vector"):
        world.run("predict_go_terms", payload)


def expected_transfers(evidence_filter: EvidenceFilter = "all") -> list[TermTransfer]:
    graph = GoGraph([
        OboTerm("GO:0008150", namespace="biological_process"),
        OboTerm("GO:0009987", namespace="biological_process", is_a=("GO:0008150",)),
        OboTerm("GO:0005575", namespace="cellular_component"),
        OboTerm("GO:0005737", namespace="cellular_component",
                relationships=(OboRelationship("part_of", "GO:0005575"),)),
        OboTerm("GO:0003674", namespace="molecular_function"),
    ])  # fmt: skip
    annotations = build_reference_annotations(
        [AnnotationInput(a, g, e) for a, g, e in ANNOTATIONS], graph, evidence_filter
    )
    embedder = KmerEmbedder()
    refs = annotations.accessions()
    vectors = ReferenceVectors(refs, embedder.embed([SEQUENCES[r] for r in refs]), "h")
    queries = ["Q1", "Q2"]
    return predict_go_terms(queries, embedder.embed([SEQUENCES[q] for q in queries]), vectors,
                            annotations, TransferSettings(k=2))  # fmt: skip


@pytest.mark.parametrize("evidence_filter", ["all", "experimental"])
def test_predictions_are_stored_with_features_and_the_set_completes(
    world: World, evidence_filter: EvidenceFilter
) -> None:
    embed_all(world)
    context = Recorder()
    result = world.run("predict_go_terms", {
        "annotation_set_id": str(world.annotation_set), "queries": ["Q1", "Q2"], "k": 2,
        "batch_size": 1, "scoring": "vote", "evidence_filter": evidence_filter,
    }, context)  # fmt: skip
    assert result == {"prediction_set_id": str(context.job_id)}
    ((queue, name, payloads),) = context.children
    assert (queue, name, len(payloads)) == (PREDICTIONS_BATCH, "predict_batch", 2)
    record = world.store.prediction_sets[context.job_id]
    assert (record.status, record.batches, record.evidence_filter) == (
        "running", 2, evidence_filter,
    )  # fmt: skip
    assert (record.scoring["name"], record.settings["k"]) == ("vote", 2)
    world.run_children(context)
    world.run(name, payloads[0])  # redelivered: nothing doubles
    record = world.store.prediction_sets[context.job_id]
    assert (record.status, record.batches_done) == ("complete", 2)
    stored = world.store.predictions[context.job_id]
    expected = expected_transfers(evidence_filter)
    assert sorted(stored) == sorted((t.query, t.go_id) for t in expected)
    for item in expected:
        row = stored[(item.query, item.go_id)]
        assert row.score == pytest.approx(VOTE(item))
        assert row.features["k_position"] == item.k_position
        assert row.source == item.source
    assert len(world.metrics.predictions) == 3
    if evidence_filter == "experimental":
        assert "R3" not in {row.source for row in stored.values()}


def test_the_reference_cache_is_rebuilt_when_new_vectors_arrive(world: World) -> None:
    # R5 shares R1's sequence, so it has a vector too
    world.run("compute_embeddings", {"accessions": ["Q1", "Q2", "R1"]}, context := Recorder())
    world.run_children(context)
    payload = {"annotation_set_id": str(world.annotation_set), "queries": ["Q1"], "k": 2}
    world.run("predict_go_terms", payload, first := Recorder())
    world.run_children(first)
    assert {row.source for row in world.store.predictions[first.job_id].values()} == {"R1", "R5"}
    embed_all(world)
    world.run("predict_go_terms", payload, second := Recorder())
    world.run_children(second)
    assert "R2" in {row.source for row in world.store.predictions[second.job_id].values()}
