"""`load_interpro_go_mapping`: an InterPro2GO file (path or URL) as release `version`."""

from __future__ import annotations

from typing import Any

from protea_domain.annotations.interpro2go import parse_interpro2go
from protea_domain.messaging.queues import JOBS
from protea_domain.operations.biodata.fields import require_text
from protea_domain.operations.payload import reject_unknown
from protea_domain.parsing.opener import read_lines, source_name
from protea_domain.ports.biodata_unit_of_work import BioDataUnitOfWorkFactory
from protea_domain.ports.operation import OperationContext
from protea_domain.ports.remote_files import RemoteFiles
from protea_domain.use_cases.biodata.inputs import local_file
from protea_domain.use_cases.biodata.interpro import load_interpro_go_mapping


class LoadInterProGoMappingOperation:
    name = "load_interpro_go_mapping"
    queue = JOBS

    def __init__(self, uow_factory: BioDataUnitOfWorkFactory, remote: RemoteFiles | None) -> None:
        self._uow_factory = uow_factory
        self._remote = remote

    def validate(self, payload: dict[str, Any]) -> dict[str, Any]:
        reject_unknown(payload, {"path", "version"})
        return {"path": require_text(payload, "path"), "version": require_text(payload, "version")}

    def execute(self, payload: dict[str, Any], context: OperationContext) -> dict[str, Any]:
        context.progress(0, 1)
        with local_file(payload["path"], self._remote, "payload.path") as path:
            mappings = parse_interpro2go(read_lines(path), source_name(path), strict=False)
            load = load_interpro_go_mapping(self._uow_factory, mappings, payload["version"])
        context.progress(1, 1)
        return {
            "entries": load.entries,
            "new_entries": load.new_entries,
            "links": load.links,
            "skipped": list(load.skipped[:20]),
            "skipped_total": len(load.skipped),
        }
