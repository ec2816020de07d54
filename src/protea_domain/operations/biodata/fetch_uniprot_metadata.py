"""`fetch_uniprot_metadata`: UniProt metadata for stored proteins, from a REST query or a
UniProt TSV file."""

from __future__ import annotations

from typing import Any

from protea_domain.errors import InvalidInputError
from protea_domain.messaging.queues import JOBS
from protea_domain.operations.biodata.fields import exactly_one, require_text
from protea_domain.operations.payload import reject_unknown
from protea_domain.parsing.opener import read_lines, source_name
from protea_domain.ports.biodata_unit_of_work import BioDataUnitOfWorkFactory
from protea_domain.ports.operation import OperationContext
from protea_domain.ports.remote_files import RemoteFiles
from protea_domain.ports.uniprot_search import UniProtSearch
from protea_domain.sequences.uniprot_tsv import parse_uniprot_tsv
from protea_domain.use_cases.biodata.inputs import local_file
from protea_domain.use_cases.biodata.uniprot import fetch_uniprot_metadata, metadata_entries


class FetchUniProtMetadataOperation:
    name = "fetch_uniprot_metadata"
    queue = JOBS

    def __init__(
        self,
        uow_factory: BioDataUnitOfWorkFactory,
        search: UniProtSearch | None,
        remote: RemoteFiles | None,
    ) -> None:
        self._uow_factory = uow_factory
        self._search = search
        self._remote = remote

    def validate(self, payload: dict[str, Any]) -> dict[str, Any]:
        reject_unknown(payload, {"query", "tsv"})
        key = exactly_one(payload, ("query", "tsv"))
        if key == "query" and self._search is None:
            raise InvalidInputError("no UniProt search configured", location="payload.query")
        return {key: require_text(payload, key)}

    def execute(self, payload: dict[str, Any], context: OperationContext) -> dict[str, Any]:
        if "query" in payload:
            assert self._search is not None
            entries = metadata_entries(self._search, payload["query"])
            return dict(
                fetch_uniprot_metadata(self._uow_factory, entries, progress=context.progress)
            )
        with local_file(payload["tsv"], self._remote, "payload.tsv") as path:
            rows = parse_uniprot_tsv(read_lines(path), source_name(path), strict=False)
            return dict(fetch_uniprot_metadata(self._uow_factory, rows, progress=context.progress))
