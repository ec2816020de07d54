"""The evaluation repository contract, subclassed once per adapter."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import timedelta
from uuid import UUID, uuid4

import pytest

from protea_domain.errors import ConflictError, NotFoundError
from protea_domain.evaluation_sets.stored import (
    EvaluationResultRow,
    EvaluationRun,
    InformationAccretionSet,
    StoredEvaluationSet,
)
from protea_domain.evaluation_sets.temporal import Category, Target
from protea_domain.sequences.protein import Protein
from protea_domain.sequences.sequence import Sequence
from tests.contract.biodata.records import EDGES, T0, TERMS, annotation, annotation_set, snapshot
from tests.contract.evaluation.conftest import EvalUowFactory

ACCESSIONS = ("P62258", "O95832", "P31946-2")
BP, CC = "biological_process", "cellular_component"
NOT_IN = "NOT|located_in"


@dataclass(frozen=True)
class Stored:
    snapshot_id: UUID
    old_id: UUID
    new_id: UUID


def evaluation_set(stored: Stored, **options: str) -> StoredEvaluationSet:
    return StoredEvaluationSet(
        id=uuid4(),
        snapshot_id=stored.snapshot_id,
        old_set_id=stored.old_id,
        new_set_id=stored.new_id,
        options=options or {"evidence": "experimental"},
        created_at=T0,
        stats={"NK": {CC: {"proteins": 1, "terms": 3}}},
        target_count=3,
    )


NONE: frozenset[str] = frozenset()
CC_TERMS = frozenset({"GO:0005575", "GO:0110165", "GO:0005737"})
BP_KNOWN = frozenset({"GO:0008150", "GO:0009987"})
TARGETS = (
    Target("P31946-2", CC, Category.NK, CC_TERMS, NONE),
    Target("O95832", BP, Category.PK, frozenset({"GO:0044237"}), BP_KNOWN),
    Target("O95832", CC, Category.LK, frozenset({"GO:0005575"}), NONE),
)


def run_of(set_id: UUID, **fields: object) -> EvaluationRun:
    values: dict[str, object] = {
        "id": uuid4(),
        "evaluation_set_id": set_id,
        "predictions": "file:///tmp/artifacts/predictions/a.tsv",
        "scoring": "raw",
        "created_at": T0,
        "options": {"th_step": 0.01},
        "artifacts": {"NK/evaluation_all.tsv": "file:///tmp/artifacts/x/NK/evaluation_all.tsv"},
    }
    values.update(fields)
    return EvaluationRun(**values)  # type: ignore[arg-type]


def row_of(
    run_id: UUID, category: Category, namespace: str, file: str = "a.tsv"
) -> EvaluationResultRow:
    return EvaluationResultRow(
        run_id=run_id,
        category=category,
        namespace=namespace,
        predictions_file=file,
        fmax=1 / 3,
        precision=0.1 + 0.2,
        recall=2 / 7,
        tau=0.47000000000000003,
        coverage=0.9,
        smin=math.pi,
        n_proteins=12,
        weighted_fmax=None if category is Category.LK else math.e / 10,
    )


def store_annotation_pair(uow_factory: EvalUowFactory) -> Stored:
    """A snapshot, three proteins and two complete annotation sets on it (old: one row, new:
    four), committed: what an evaluation set needs to exist."""
    snap = snapshot()
    sequence = Sequence("MDDREDLVYQAKLAEQAERYDEMV")
    old, new = annotation_set(snap.id, version="2021"), annotation_set(snap.id, version="2022")
    with uow_factory() as uow:
        uow.ontology.add_snapshot(snap, TERMS, EDGES)
        uow.proteins.add_sequences([sequence])
        uow.proteins.add_proteins([(Protein(a, a), sequence.md5) for a in ACCESSIONS])
        for item in (old, new):
            uow.annotations.begin_set(item)
        uow.annotations.add_annotations(
            old.id, [annotation("O95832", "GO:0009987", 1, evidence_code="IDA")]
        )
        uow.annotations.add_annotations(
            new.id,
            [
                annotation("O95832", "GO:0044237", 1, evidence_code="EXP"),
                annotation("O95832", "GO:0005737", 2, qualifier=NOT_IN, evidence_code="IDA"),
                annotation(
                    "P31946-2", "GO:0005737", 3, qualifier="located_in", evidence_code="IEA"
                ),
                annotation("P31946-2", "GO:0005622", 4),
            ],
        )
        uow.annotations.complete_set(old.id, 1, {})
        uow.annotations.complete_set(new.id, 4, {})
        uow.commit()
    return Stored(snap.id, old.id, new.id)


class EvaluationRepositoryContract:
    @pytest.fixture
    def uow_factory(self) -> EvalUowFactory:
        raise NotImplementedError

    @pytest.fixture
    def stored(self, uow_factory: EvalUowFactory) -> Stored:
        return store_annotation_pair(uow_factory)

    def test_set_round_trip_with_compact_targets(
        self, uow_factory: EvalUowFactory, stored: Stored
    ) -> None:
        created = evaluation_set(stored)
        with uow_factory() as uow:
            uow.evaluation.add_set(created, TARGETS)
            uow.commit()
        with uow_factory() as uow:
            assert uow.evaluation.get_set(created.id) == created
            assert uow.evaluation.sets() == [created]
            found = uow.evaluation.find_set(stored.old_id, stored.new_id, created.options_key)
            assert found == created
            assert (
                uow.evaluation.find_set(stored.new_id, stored.old_id, created.options_key) is None
            )
            assert uow.evaluation.targets(created.id) == sorted(
                TARGETS, key=lambda t: (t.protein, t.namespace)
            )
            assert uow.evaluation.targets(created.id, Category.PK) == [TARGETS[1]]
            assert uow.evaluation.targets(created.id, Category.LK) == [TARGETS[2]]

    def test_one_set_per_pair_and_options(
        self, uow_factory: EvalUowFactory, stored: Stored
    ) -> None:
        first = evaluation_set(stored)
        with uow_factory() as uow:
            uow.evaluation.add_set(first, TARGETS)
            uow.commit()
        with uow_factory() as uow, pytest.raises(ConflictError):
            uow.evaluation.add_set(evaluation_set(stored), [])
        other = evaluation_set(stored, evidence="any")
        with uow_factory() as uow:
            uow.evaluation.add_set(other, [])
            uow.commit()
        with uow_factory() as uow:
            assert [s.id for s in uow.evaluation.sets()] in (
                [first.id, other.id],
                [other.id, first.id],
            )
            assert uow.evaluation.targets(other.id) == []

    def test_missing_references(self, uow_factory: EvalUowFactory, stored: Stored) -> None:
        with uow_factory() as uow:
            with pytest.raises(NotFoundError):
                uow.evaluation.add_set(replace(evaluation_set(stored), old_set_id=uuid4()), [])
            with pytest.raises(NotFoundError):
                uow.evaluation.get_set(uuid4())
            with pytest.raises(NotFoundError):
                uow.evaluation.targets(uuid4())
            with pytest.raises(NotFoundError):
                uow.evaluation.add_run(run_of(uuid4()), [])
            with pytest.raises(NotFoundError):
                uow.evaluation.results(uuid4())
            with pytest.raises(NotFoundError):
                uow.evaluation.information_accretion(uuid4())
            with pytest.raises(NotFoundError):
                uow.evaluation.get_information_accretion(uuid4())
            record = InformationAccretionSet(uuid4(), stored.snapshot_id, uuid4(), T0)
            with pytest.raises(NotFoundError):
                uow.evaluation.put_information_accretion(record, {})

    def test_uncommitted_work_is_rolled_back(
        self, uow_factory: EvalUowFactory, stored: Stored
    ) -> None:
        created = evaluation_set(stored)
        with uow_factory() as uow:
            uow.evaluation.add_set(created, TARGETS)
        with uow_factory() as uow:
            assert uow.evaluation.sets() == []
            assert (
                uow.evaluation.find_set(stored.old_id, stored.new_id, created.options_key) is None
            )

    def test_information_accretion_floats_round_trip_exactly(
        self, uow_factory: EvalUowFactory, stored: Stored
    ) -> None:
        values = {"GO:0008150": 0.0, "GO:0009987": -math.log2(2 / 3), "GO:0044237": 1 / 3}
        first = InformationAccretionSet(
            uuid4(), stored.snapshot_id, stored.old_id, T0, {"evidence": "experimental"}, 3
        )
        later = replace(
            first, id=uuid4(), annotation_set_id=stored.new_id, created_at=T0 + timedelta(1)
        )
        with uow_factory() as uow:
            assert uow.evaluation.find_information_accretion(stored.snapshot_id) is None
            uow.evaluation.put_information_accretion(first, values)
            uow.evaluation.put_information_accretion(later, {"GO:0008150": 2.5})
            uow.commit()
        with uow_factory() as uow:
            assert uow.evaluation.information_accretion(first.id) == values
            assert uow.evaluation.get_information_accretion(later.id) == later
            assert uow.evaluation.find_information_accretion(stored.snapshot_id) == later
            assert (
                uow.evaluation.find_information_accretion(stored.snapshot_id, stored.old_id)
                == first
            )
            assert uow.evaluation.find_information_accretion(uuid4()) is None
            with pytest.raises(ConflictError):
                uow.evaluation.put_information_accretion(replace(first, id=uuid4()), values)

    def test_runs_and_result_rows(self, uow_factory: EvalUowFactory, stored: Stored) -> None:
        created = evaluation_set(stored)
        with uow_factory() as uow:
            uow.evaluation.add_set(created, TARGETS)
            uow.commit()
        run = run_of(created.id)
        rows = [
            row_of(run.id, Category.PK, BP),
            row_of(run.id, Category.NK, CC, "b.tsv"),
            row_of(run.id, Category.LK, CC),
            row_of(run.id, Category.NK, CC, "a.tsv"),
        ]
        second = run_of(created.id, created_at=T0 + timedelta(1), scoring="knn")
        with uow_factory() as uow:
            uow.evaluation.add_run(run, rows)
            uow.evaluation.add_run(second, [])
            uow.commit()
        with uow_factory() as uow:
            assert uow.evaluation.runs(created.id) == [run, second]
            assert uow.evaluation.results(run.id) == [rows[3], rows[1], rows[2], rows[0]]
            assert uow.evaluation.results(second.id) == []
            assert uow.evaluation.runs(uuid4()) == []
            assert uow.evaluation.get_run(run.id) == run
            assert uow.evaluation.get_run(second.id) == second
            with pytest.raises(NotFoundError):
                uow.evaluation.get_run(uuid4())
        third = run_of(created.id)
        with uow_factory() as uow, pytest.raises(ConflictError):
            uow.evaluation.add_run(third, [row_of(third.id, Category.NK, CC)] * 2)
        with uow_factory() as uow, pytest.raises(ConflictError):
            uow.evaluation.add_run(run, [])
