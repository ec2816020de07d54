"""`load_annotations` (plain TSV), `load_goa_annotations` (GAF 2.x) and
`load_quickgo_annotations` (QuickGO TSV): a file into a new annotation set on a snapshot."""

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
from protea_domain.use_cases.biodata.annotation_rows import parse_annotations
from protea_domain.use_cases.biodata.inputs import count_data_lines, local_file
from protea_domain.use_cases.biodata.load_annotations import load_annotations

OPERATION_FORMATS = {
    "load_goa_annotations": "gaf",
    "load_quickgo_annotations": "quickgo",
    "load_annotations": "tsv",
}
FORMAT_OPERATIONS = {fmt: name for name, fmt in OPERATION_FORMATS.items()}


class LoadAnnotationsOperation:
    """One class, three registered names: the format follows from the name."""

    queue = JOBS

    def __init__(
        self,
        name: str,
        uow_factory: BioDataUnitOfWorkFactory,
        clock: Clock,
        remote: RemoteFiles | None,
    ) -> None:
        if name not in OPERATION_FORMATS:
            raise ValueError(f"unknown annotation operation {name!r}")
        self.name = name
        self.format = OPERATION_FORMATS[name]
        self._uow_factory = uow_factory
        self._clock = clock
        self._remote = remote

    def validate(self, payload: dict[str, Any]) -> dict[str, Any]:
        keys = ("path", "snapshot", "source", "source_version")
        reject_unknown(payload, set(keys))
        return {key: require_text(payload, key) for key in keys}

    def execute(self, payload: dict[str, Any], context: OperationContext) -> dict[str, Any]:
        with local_file(payload["path"], self._remote, "payload.path") as path:
            rows = parse_annotations(read_lines(path), source_name(path), self.format)
            load = load_annotations(
                self._uow_factory,
                self._clock,
                rows,
                source=payload["source"],
                version=payload["source_version"],
                data_version=payload["snapshot"],
                total=count_data_lines(path),
                progress=context.progress,
                file_name=source_name(path),
            )
        return {
            "annotation_set_id": str(load.annotation_set.id),
            "created": load.created,
            "annotations": load.annotation_set.annotation_count,
            "report": load.report.as_dict(),
        }


def annotation_operations(
    uow_factory: BioDataUnitOfWorkFactory, clock: Clock, remote: RemoteFiles | None
) -> list[LoadAnnotationsOperation]:
    return [
        LoadAnnotationsOperation(name, uow_factory, clock, remote) for name in OPERATION_FORMATS
    ]
