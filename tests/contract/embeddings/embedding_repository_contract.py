"""The embedding and prediction repository contract, subclassed once per adapter."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import uuid4

import numpy as np
import pytest

from protea_domain.annotations.annotation_set import AnnotationSet
from protea_domain.annotations.aspect import Aspect
from protea_domain.embeddings.config import EmbeddingConfig
from protea_domain.embeddings.stored import EmbeddingRecipe
from protea_domain.errors import ConflictError, InvalidInputError, NotFoundError
from protea_domain.ontology.terms import GoTerm, OntologySnapshot
from protea_domain.prediction.stored import PredictionSetRecord, StoredPrediction
from protea_domain.scoring.config import VOTE, ScoringConfig
from protea_domain.scoring.stored import StoredScoringConfig
from protea_domain.sequences.protein import Protein
from protea_domain.sequences.sequence import Sequence
from tests.contract.embeddings.conftest import Factories

T0 = datetime(2026, 11, 28, 7, 0, tzinfo=UTC)
SEQ_A = Sequence("MKTAYIAKQRQISFVKSHFSRQ")
SEQ_B = Sequence("MSTNPKPQRKTKRNTNRRPQDVKFPGG")
SEQ_C = Sequence("MADEEKLPPGWEKRMSRSSGRVYYFNHITNASQWERPSG")
RECIPE = EmbeddingRecipe(EmbeddingConfig("kmer-2", "kmer", options=(("k", "2"),)), 4)
HALF = EmbeddingRecipe(EmbeddingConfig("kmer-2", "kmer", pooling="max"), 4, "float16")


def seed(factories: Factories) -> None:
    """Proteins P1, P2 (same sequence A), P3 (B), P4 (C)."""
    biodata, _ = factories
    with biodata() as uow:
        uow.proteins.add_sequences([SEQ_A, SEQ_B, SEQ_C])
        uow.proteins.add_proteins(
            [(Protein("P1", "P1"), SEQ_A.md5), (Protein("P2", "P2"), SEQ_A.md5),
             (Protein("P3", "P3"), SEQ_B.md5), (Protein("P4", "P4"), SEQ_C.md5)]
        )  # fmt: skip
        uow.commit()


def vector(*values: float) -> np.ndarray:
    return np.array(values, dtype=np.float32)


class EmbeddingRepositoryContract:
    @pytest.fixture
    def factories(self) -> Factories:
        raise NotImplementedError

    def test_recipes_are_unique_by_content_hash(self, factories: Factories) -> None:
        _, embeddings = factories
        with embeddings() as uow:
            assert uow.embeddings.add_recipe(RECIPE) is True
            assert uow.embeddings.add_recipe(RECIPE) is False
            uow.commit()
        with embeddings() as uow:
            assert uow.embeddings.get_recipe(RECIPE.recipe_hash) == RECIPE
            with pytest.raises(ConflictError):
                uow.embeddings.add_recipe(EmbeddingRecipe(RECIPE.config, 5))
            with pytest.raises(NotFoundError):
                uow.embeddings.get_recipe("0" * 64)

    def test_each_sequence_is_missing_once_until_embedded(self, factories: Factories) -> None:
        seed(factories)
        _, embeddings = factories
        with embeddings() as uow:
            uow.embeddings.add_recipe(RECIPE)
            uow.embeddings.add_recipe(HALF)
            assert uow.embeddings.missing_sequences(RECIPE.recipe_hash) == sorted(
                [SEQ_A.md5, SEQ_B.md5, SEQ_C.md5]
            )
            assert uow.embeddings.missing_sequences(RECIPE.recipe_hash, ["P1", "P2", "X"]) == [
                SEQ_A.md5
            ]
            rows = [(SEQ_A.md5, 0, vector(1, 0, 0, 0)), (SEQ_B.md5, 0, vector(0, 1, 0, 0))]
            assert uow.embeddings.add_vectors(RECIPE.recipe_hash, rows) == 2
            assert uow.embeddings.add_vectors(RECIPE.recipe_hash, rows) == 0
            uow.commit()
        with embeddings() as uow:
            assert uow.embeddings.missing_sequences(RECIPE.recipe_hash) == [SEQ_C.md5]
            assert uow.embeddings.missing_sequences(HALF.recipe_hash, ["P3"]) == [SEQ_B.md5]
            assert uow.embeddings.count_vectors(RECIPE.recipe_hash) == 2
            assert uow.embeddings.count_vectors(HALF.recipe_hash) == 0
            assert uow.embeddings.residues([SEQ_B.md5, "f" * 32]) == {SEQ_B.md5: SEQ_B.residues}

    def test_vectors_round_trip_per_protein_and_chunks_average(self, factories: Factories) -> None:
        seed(factories)
        _, embeddings = factories
        exact = vector(0.1, -2.5, 3.25e-3, 1e6)
        with embeddings() as uow:
            uow.embeddings.add_recipe(RECIPE)
            uow.embeddings.add_recipe(HALF)
            uow.embeddings.add_vectors(
                RECIPE.recipe_hash,
                [(SEQ_A.md5, 0, exact), (SEQ_B.md5, 0, vector(1, 1, 1, 1)),
                 (SEQ_B.md5, 1, vector(3, 3, 3, 5))],
            )  # fmt: skip
            uow.embeddings.add_vectors(HALF.recipe_hash, [(SEQ_A.md5, 0, vector(0.1, 0.5, 2, 3))])
            uow.commit()
        with embeddings() as uow:
            found, matrix = uow.embeddings.vectors_of(RECIPE.recipe_hash, ["P3", "P4", "P2", "P1"])
            assert found == ["P3", "P2", "P1"]
            assert matrix.dtype == np.float32
            np.testing.assert_array_equal(matrix[0], vector(2, 2, 2, 3))
            np.testing.assert_array_equal(matrix[1], exact)
            np.testing.assert_array_equal(matrix[2], exact)
            found, half = uow.embeddings.vectors_of(HALF.recipe_hash, ["P1"])
            assert found == ["P1"]
            np.testing.assert_array_equal(
                half[0], vector(0.1, 0.5, 2, 3).astype(np.float16).astype(np.float32)
            )
            assert uow.embeddings.vectors_of(HALF.recipe_hash, ["P4"])[1].shape == (0, 4)

    def test_bad_vectors_are_refused_and_nothing_is_kept_uncommitted(
        self, factories: Factories
    ) -> None:
        seed(factories)
        _, embeddings = factories
        with embeddings() as uow:
            uow.embeddings.add_recipe(RECIPE)
            uow.commit()
        with embeddings() as uow, pytest.raises(NotFoundError):
            uow.embeddings.add_vectors(RECIPE.recipe_hash, [("0" * 32, 0, vector(1, 2, 3, 4))])
        with embeddings() as uow, pytest.raises(InvalidInputError):
            uow.embeddings.add_vectors(RECIPE.recipe_hash, [(SEQ_A.md5, 0, vector(1, 2))])
        with embeddings() as uow:
            with pytest.raises(NotFoundError):
                uow.embeddings.add_vectors("0" * 64, [(SEQ_A.md5, 0, vector(1, 2, 3, 4))])
            with pytest.raises(NotFoundError):
                uow.embeddings.missing_sequences("0" * 64)
        with embeddings() as uow:
            uow.embeddings.add_vectors(RECIPE.recipe_hash, [(SEQ_A.md5, 0, vector(1, 2, 3, 4))])
        with embeddings() as uow:
            assert uow.embeddings.count_vectors(RECIPE.recipe_hash) == 0

    def test_prediction_sets_record_inputs_and_rows_are_idempotent(
        self, factories: Factories
    ) -> None:
        seed(factories)
        biodata, embeddings = factories
        snapshot = OntologySnapshot(uuid4(), "releases/2022-07-01", T0)
        annotation_set = AnnotationSet(uuid4(), "test", "1", snapshot.id, T0)
        with biodata() as uow:
            uow.ontology.add_snapshot(snapshot, [GoTerm("GO:0005737", "cytoplasm", Aspect.C)], [])
            uow.annotations.begin_set(annotation_set)
            uow.annotations.complete_set(annotation_set.id, 0, {})
            uow.commit()
        record = PredictionSetRecord(
            uuid4(), RECIPE.recipe_hash, annotation_set.id, snapshot.id, 5, "experimental",
            {"k": 5, "metric": "cosine", "mode": "aspect"}, {"name": "transfer"}, 2, 3, T0,
        )  # fmt: skip
        rows = [
            StoredPrediction("P1", "GO:0005737", "C", 0.75, "P3",
                             {"vote_count": 2.0, "distance": 0.5}, ("EXP", "IDA")),
            StoredPrediction("P1", "GO:0005622", "C", 0.5, "P4", {"vote_count": 1.0}),
        ]  # fmt: skip
        with embeddings() as uow, pytest.raises(NotFoundError):
            uow.predictions.add_set(record)
        with embeddings() as uow:
            uow.embeddings.add_recipe(RECIPE)
            uow.predictions.add_set(record)
            assert uow.predictions.add_predictions(record.id, rows) == 2
            uow.commit()
        with embeddings() as uow, pytest.raises(ConflictError):
            uow.predictions.add_set(record)
        with embeddings() as uow:
            assert uow.predictions.add_predictions(record.id, rows[:1]) == 0
            with pytest.raises(NotFoundError):
                uow.predictions.add_predictions(
                    record.id, [StoredPrediction("X9", "GO:1", "C", 1, "P1")]
                )
        with embeddings() as uow:
            with pytest.raises(NotFoundError):
                uow.predictions.add_predictions(uuid4(), rows)
            assert uow.predictions.get_set(record.id) == record
            done = uow.predictions.complete_set(record.id, T0 + timedelta(minutes=1))
            again = uow.predictions.complete_set(record.id, T0 + timedelta(minutes=2))
            assert (done.status, again.finished_at) == ("complete", T0 + timedelta(minutes=1))
            assert uow.predictions.predictions(record.id) == sorted(
                rows, key=lambda r: (r.accession, r.go_id)
            )
            with pytest.raises(NotFoundError):
                uow.predictions.get_set(uuid4())

    def test_a_set_completes_once_every_batch_is_finished(self, factories: Factories) -> None:
        seed(factories)
        biodata, embeddings = factories
        snapshot = OntologySnapshot(uuid4(), "releases/2022-07-01", T0)
        annotation_set = AnnotationSet(uuid4(), "test", "1", snapshot.id, T0)
        with biodata() as uow:
            uow.ontology.add_snapshot(snapshot, [], [])
            uow.annotations.begin_set(annotation_set)
            uow.annotations.complete_set(annotation_set.id, 0, {})
            uow.commit()
        record = PredictionSetRecord(
            uuid4(), RECIPE.recipe_hash, annotation_set.id, snapshot.id, 3, "all", {}, {}, 4, 4,
            T0, batches=2,
        )  # fmt: skip
        with embeddings() as uow:
            uow.embeddings.add_recipe(RECIPE)
            uow.predictions.add_set(record)
            uow.commit()
        with embeddings() as uow:
            first = uow.predictions.finish_batch(record.id, 1, T0 + timedelta(seconds=1))
            again = uow.predictions.finish_batch(record.id, 1, T0 + timedelta(seconds=2))
            uow.commit()
        assert (first.batches_done, first.status) == (1, "running")
        assert (again.batches_done, again.status) == (1, "running")
        with embeddings() as uow:
            last = uow.predictions.finish_batch(record.id, 0, T0 + timedelta(seconds=3))
            late = uow.predictions.finish_batch(record.id, 0, T0 + timedelta(seconds=4))
            uow.commit()
        assert (last.batches_done, last.status) == (2, "complete")
        assert late.finished_at == T0 + timedelta(seconds=3)
        with embeddings() as uow:
            assert uow.embeddings.embedded(RECIPE.recipe_hash, [SEQ_A.md5]) == set()
            uow.embeddings.add_vectors(RECIPE.recipe_hash, [(SEQ_A.md5, 0, vector(1, 2, 3, 4))])
            assert uow.embeddings.embedded(RECIPE.recipe_hash, [SEQ_A.md5, SEQ_B.md5]) == {
                SEQ_A.md5
            }

    def test_recipes_and_sets_are_listed_and_rows_stream_in_code_point_order(
        self, factories: Factories
    ) -> None:
        biodata, embeddings = factories
        names = ["P10", "P1", "P1-2", "P1_2", "p1", "P2"]
        with biodata() as uow:
            uow.proteins.add_sequences([SEQ_A])
            uow.proteins.add_proteins([(Protein(n, n), SEQ_A.md5) for n in names])
            snapshot = OntologySnapshot(uuid4(), "releases/2022-07-01", T0)
            uow.ontology.add_snapshot(snapshot, [], [])
            annotation_set = AnnotationSet(uuid4(), "test", "1", snapshot.id, T0)
            uow.annotations.begin_set(annotation_set)
            uow.annotations.complete_set(annotation_set.id, 0, {})
            uow.commit()
        later, earlier = (
            PredictionSetRecord(uuid4(), recipe.recipe_hash, annotation_set.id, snapshot.id, 3,
                                "all", {}, {}, 6, 6, at)
            for recipe, at in ((HALF, T0 + timedelta(hours=1)), (RECIPE, T0))
        )  # fmt: skip
        rows = [
            StoredPrediction(name, go, "C", 0.5, "P2", {"vote_score": 0.25})
            for name in names
            for go in ("GO:0000010", "GO:0000002")
        ]
        with embeddings() as uow:
            assert uow.embeddings.recipes() == []
            assert uow.predictions.sets() == []
            uow.embeddings.add_recipe(RECIPE)
            uow.embeddings.add_recipe(HALF)
            uow.predictions.add_set(later)
            uow.predictions.add_set(earlier)
            uow.predictions.add_predictions(later.id, rows)
            uow.commit()
        expected = sorted(rows, key=lambda r: (r.accession, r.go_id))
        with embeddings() as uow:
            assert uow.embeddings.recipes() == sorted([RECIPE, HALF], key=lambda r: r.recipe_hash)
            assert [s.id for s in uow.predictions.sets()] == [earlier.id, later.id]
            assert list(uow.predictions.stream(later.id)) == expected
            assert list(uow.predictions.stream(earlier.id)) == []
            assert uow.predictions.predictions(later.id) == expected
            assert uow.predictions.predictions(later.id, ["P2", "P1", "X"]) == [
                r for r in expected if r.accession in ("P1", "P2")
            ]
            assert uow.predictions.predictions(later.id, []) == []
            with pytest.raises(NotFoundError):
                uow.predictions.stream(uuid4())

    def test_scoring_configs_are_unique_by_name_and_round_trip(self, factories: Factories) -> None:
        _, embeddings = factories
        custom = ScoringConfig(
            "blend", (("vote_score", 0.75), ("go_term_frequency", 0.25)),
            (("IEA", 0.5), ("EXP", 1.0)), 0.8,
        )  # fmt: skip
        first = StoredScoringConfig(uuid4(), custom, T0 + timedelta(seconds=1), "a blend")
        second = StoredScoringConfig(uuid4(), VOTE, T0)
        with embeddings() as uow:
            assert uow.scoring.configs() == []
            uow.scoring.add(first)
            uow.scoring.add(second)
            uow.commit()
        with embeddings() as uow:
            with pytest.raises(ConflictError):
                uow.scoring.add(StoredScoringConfig(uuid4(), custom, T0))
            with pytest.raises(ConflictError):
                uow.scoring.add(StoredScoringConfig(first.id, VOTE, T0))
        with embeddings() as uow:
            assert uow.scoring.get(first.id) == first
            assert uow.scoring.find("vote") == second
            assert uow.scoring.find("nothing") is None
            assert uow.scoring.configs() == [second, first]
            with pytest.raises(NotFoundError):
                uow.scoring.get(uuid4())
        with embeddings() as uow:
            uow.scoring.add(StoredScoringConfig(uuid4(), ScoringConfig("gone"), T0))
        with embeddings() as uow:
            assert uow.scoring.find("gone") is None
