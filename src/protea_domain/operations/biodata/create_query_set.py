"""`create_query_set`: a named query set from a FASTA file or URL."""

from __future__ import annotations

from typing import Any

from protea_domain.messaging.queues import JOBS
from protea_domain.operations.biodata.fields import require_text
from protea_domain.operations.payload import reject_unknown
from protea_domain.parsing.opener import read_lines, source_name
from protea_domain.ports.biodata_unit_of_work import BioDataUnitOfWorkFactory
from protea_domain.ports.clock import Clock
from protea_domain.ports.operation import OperationContext
from protea_domain.ports.remote_files import RemoteFiles
from protea_domain.sequences.fasta import parse_fasta
from protea_domain.use_cases.biodata.inputs import local_file
from protea_domain.use_cases.biodata.query_sets import create_query_set


class CreateQuerySetOperation:
    name = "create_query_set"
    queue = JOBS

    def __init__(
        self, uow_factory: BioDataUnitOfWorkFactory, clock: Clock, remote: RemoteFiles | None
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._remote = remote

    def validate(self, payload: dict[str, Any]) -> dict[str, Any]:
        reject_unknown(payload, {"fasta", "name"})
        return {"fasta": require_text(payload, "fasta"), "name": require_text(payload, "name")}

    def execute(self, payload: dict[str, Any], context: OperationContext) -> dict[str, Any]:
        context.progress(0, 1)
        with local_file(payload["fasta"], self._remote, "payload.fasta") as path:
            records = parse_fasta(read_lines(path), source_name(path), strict=True)
            query_set = create_query_set(
                self._uow_factory, self._clock, payload["name"], records, source=payload["fasta"]
            )
        context.progress(1, 1)
        return {"query_set_id": str(query_set.id), "entries": query_set.entry_count}
