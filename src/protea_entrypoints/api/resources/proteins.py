"""/v1/proteins and /v1/sequences: proteins by accession, canonical accession or organism
(keyset pagination by accession), and their deduplicated sequences."""

from __future__ import annotations

from protea_domain.use_cases.biodata import queries
from protea_entrypoints.api.resources.paging import next_link
from protea_entrypoints.api.schemas.biodata import (
    AccessionPath,
    ProteinDetailOut,
    ProteinListQuery,
    ProteinOut,
    ProteinPageOut,
    SequenceOut,
    SequencePath,
)
from protea_entrypoints.api.spec import ApiRoute, Call, Reply


def listing(call: Call) -> Reply:
    query: ProteinListQuery = call.query
    with call.deps.biodata_uow() as uow:
        if query.canonical is not None:
            found = queries.proteins_by_canonical(uow, query.canonical)
            if query.after is not None:
                found = [p for p in found if p.accession > query.after]
            found = found[: query.limit + 1]
        else:
            assert query.taxon_id is not None
            found = queries.proteins_by_organism(
                uow, query.taxon_id, limit=query.limit + 1, after=query.after
            )
    next_url = None
    if len(found) > query.limit:
        found = found[: query.limit]
        next_url = next_link(call, found[-1].accession)
    return Reply(ProteinPageOut(items=[ProteinOut.of(p) for p in found], next=next_url))


def detail(call: Call) -> Reply:
    path: AccessionPath = call.path
    with call.deps.biodata_uow() as uow:
        protein = queries.proteins_by_accession(uow, path.accession)
        sequence = uow.proteins.sequence_of(path.accession)
    return Reply(ProteinDetailOut.with_sequence(protein, sequence))


def protein_sequence(call: Call) -> Reply:
    path: AccessionPath = call.path
    with call.deps.biodata_uow() as uow:
        return Reply(SequenceOut.of(uow.proteins.sequence_of(path.accession)))


def sequence(call: Call) -> Reply:
    path: SequencePath = call.path
    with call.deps.biodata_uow() as uow:
        return Reply(SequenceOut.of(uow.proteins.sequence_by_md5(path.md5)))


TAG = "proteins"
ROUTES = [
    ApiRoute("GET", "/proteins", listing, "listProteins",
             "Proteins of a canonical accession or of a taxon, by accession", TAG,
             {200: ProteinPageOut}, query=ProteinListQuery, problems=(422,),
             description="Give exactly one of `canonical` and `taxon_id`; follow `next` for "
             "the following page."),
    ApiRoute("GET", "/proteins/{accession}", detail, "getProtein", "One protein", TAG,
             {200: ProteinDetailOut}, path_model=AccessionPath, problems=(404, 422)),
    ApiRoute("GET", "/proteins/{accession}/sequence", protein_sequence, "getProteinSequence",
             "A protein's sequence", TAG, {200: SequenceOut}, path_model=AccessionPath,
             problems=(404, 422)),
    ApiRoute("GET", "/sequences/{md5}", sequence, "getSequence", "A sequence by its MD5", TAG,
             {200: SequenceOut}, path_model=SequencePath, problems=(404, 422)),
]  # fmt: skip
