"""`insert_proteins`: proteins from a FASTA file or URL, or from a UniProt REST query."""

from __future__ import annotations

from typing import Any

from protea_domain.errors import InvalidInputError
from protea_domain.messaging.queues import JOBS
from protea_domain.operations.biodata.fields import exactly_one, require_text
from protea_domain.operations.payload import read_int, reject_unknown
from protea_domain.parsing.opener import read_lines, source_name
from protea_domain.ports.biodata_unit_of_work import BioDataUnitOfWorkFactory
from protea_domain.ports.operation import OperationContext
from protea_domain.ports.remote_files import RemoteFiles
from protea_domain.ports.uniprot_search import UniProtSearch
from protea_domain.sequences.fasta import parse_fasta
from protea_domain.use_cases.biodata.inputs import count_fasta_records, local_file
from protea_domain.use_cases.biodata.insert_proteins import insert_proteins
from protea_domain.use_cases.biodata.uniprot import insert_proteins_from_uniprot


class InsertProteinsOperation:
    name = "insert_proteins"
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
        reject_unknown(payload, {"fasta", "query", "page_size"})
        key = exactly_one(payload, ("fasta", "query"))
        if key == "query" and self._search is None:
            raise InvalidInputError("no UniProt search configured", location="payload.query")
        return {
            key: require_text(payload, key),
            "page_size": read_int(payload, "page_size", 500, minimum=1, maximum=500),
        }

    def execute(self, payload: dict[str, Any], context: OperationContext) -> dict[str, Any]:
        if "query" in payload:
            assert self._search is not None
            load = insert_proteins_from_uniprot(
                self._uow_factory,
                self._search,
                payload["query"],
                page_size=payload["page_size"],
                progress=context.progress,
            )
            return load.as_dict()
        with local_file(payload["fasta"], self._remote, "payload.fasta") as path:
            records = parse_fasta(read_lines(path), source_name(path), strict=False)
            load = insert_proteins(
                self._uow_factory,
                records,
                total=count_fasta_records(path),
                progress=context.progress,
            )
        return load.as_dict()
