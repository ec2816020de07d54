"""`build_evaluation_operations`: the three operations on SQL storage, the store built lazily."""

from __future__ import annotations

from pathlib import Path

from protea_adapters.artifacts.local import LocalArtifactStore
from protea_adapters.clock import ManualClock
from protea_adapters.evaluation_wiring import build_evaluation_operations
from protea_adapters.sqlalchemy import migrate
from protea_adapters.sqlalchemy.engine import build_engine, build_session_factory
from protea_domain.messaging.queues import JOBS
from protea_domain.ports.artifact_store import ArtifactStore
from tests.contract.biodata.records import T0


def test_operations_on_the_jobs_queue_with_a_lazy_store(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'wiring.db'}"
    migrate.upgrade(url, "heads")
    engine = build_engine(url)
    built: list[ArtifactStore] = []

    def build() -> ArtifactStore:
        built.append(LocalArtifactStore(tmp_path / "artifacts"))
        return built[-1]

    operations = build_evaluation_operations(build_session_factory(engine), ManualClock(T0), build)
    engine.dispose()
    assert sorted(op.name for op in operations) == [
        "compute_information_accretion",
        "generate_evaluation_set",
        "run_cafa_evaluation",
    ]
    assert {op.queue for op in operations} == {JOBS}
    assert built == []
    store = operations[-1]._artifacts  # type: ignore[attr-defined]
    uri = store.put_bytes("a/b.tsv", b"x")
    assert (len(built), store.key_for(uri), store.get_bytes("a/b.tsv")) == (1, "a/b.tsv", b"x")
    assert store.uri("a/b.tsv") == built[0].uri("a/b.tsv")
