"""`load_ontology_snapshot`: an OBO release (path or URL) into an ontology snapshot."""

from __future__ import annotations

from typing import Any

from protea_domain.messaging.queues import JOBS
from protea_domain.operations.biodata.fields import require_text
from protea_domain.operations.payload import reject_unknown
from protea_domain.ports.biodata_unit_of_work import BioDataUnitOfWorkFactory
from protea_domain.ports.clock import Clock
from protea_domain.ports.operation import OperationContext
from protea_domain.ports.remote_files import RemoteFiles
from protea_domain.use_cases.biodata.inputs import local_file
from protea_domain.use_cases.biodata.load_ontology import load_ontology_snapshot


class LoadOntologySnapshotOperation:
    name = "load_ontology_snapshot"
    queue = JOBS

    def __init__(
        self, uow_factory: BioDataUnitOfWorkFactory, clock: Clock, remote: RemoteFiles | None
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._remote = remote

    def validate(self, payload: dict[str, Any]) -> dict[str, Any]:
        reject_unknown(payload, {"source"})
        return {"source": require_text(payload, "source")}

    def execute(self, payload: dict[str, Any], context: OperationContext) -> dict[str, Any]:
        with local_file(payload["source"], self._remote, "payload.source") as path:
            load = load_ontology_snapshot(
                self._uow_factory,
                self._clock,
                path,
                source=payload["source"],
                progress=context.progress,
            )
        snapshot = load.snapshot
        return {
            "snapshot_id": str(snapshot.id),
            "data_version": snapshot.data_version,
            "created": load.created,
            "terms": snapshot.term_count,
            "relationships": snapshot.relationship_count,
        }
