"""/v1/query-sets: named sets of sequences to annotate, created from an uploaded FASTA."""

from __future__ import annotations

import io

from protea_domain.errors import InvalidInputError
from protea_domain.sequences.fasta import parse_fasta
from protea_domain.use_cases.biodata.query_sets import create_query_set
from protea_entrypoints.api.resources.paging import next_link
from protea_entrypoints.api.schemas.biodata import (
    CreateQuerySetBody,
    QuerySetDetailOut,
    QuerySetListQuery,
    QuerySetOut,
    QuerySetPageOut,
    QuerySetPath,
)
from protea_entrypoints.api.spec import API_PREFIX, ApiRoute, Call, Reply

UPLOAD_SOURCE = "upload.fasta"


def create(call: Call) -> Reply:
    body: CreateQuerySetBody = call.body
    if "\x00" in body.fasta:
        raise InvalidInputError("the FASTA text contains a NUL character", location="fasta")
    records = list(parse_fasta(io.StringIO(body.fasta), UPLOAD_SOURCE, strict=True))
    if not records:
        raise InvalidInputError("no FASTA record", location="fasta")
    deps = call.deps
    made = create_query_set(deps.biodata_uow, deps.clock, body.name, records, source="upload")
    headers = {"Location": f"{API_PREFIX}/query-sets/{made.id}"}
    return Reply(QuerySetOut.of(made), 201, headers)


def listing(call: Call) -> Reply:
    query: QuerySetListQuery = call.query
    with call.deps.biodata_uow() as uow:
        found = uow.query_sets.list_sets(query.limit + 1, query.after)
    next_url = None
    if len(found) > query.limit:
        found = found[: query.limit]
        next_url = next_link(call, found[-1].name)
    return Reply(QuerySetPageOut(items=[QuerySetOut.of(q) for q in found], next=next_url))


def detail(call: Call) -> Reply:
    path: QuerySetPath = call.path
    with call.deps.biodata_uow() as uow:
        query_set = uow.query_sets.get(path.query_set_id)
        entries = uow.query_sets.entries(path.query_set_id)
    return Reply(QuerySetDetailOut.with_entries(query_set, entries))


TAG = "query sets"
ROUTES = [
    ApiRoute("POST", "/query-sets", create, "createQuerySet",
             "Create a query set from FASTA text", TAG, {201: QuerySetOut},
             body=CreateQuerySetBody, problems=(401, 409, 413, 422), write=True,
             description="Synchronous, all or nothing: a bad record answers 422 naming its "
             "line. The request body limit applies (413); for larger files submit a "
             "`create_query_set` job (POST /v1/jobs) with a path or URL."),
    ApiRoute("GET", "/query-sets", listing, "listQuerySets", "Query sets by name", TAG,
             {200: QuerySetPageOut}, query=QuerySetListQuery, problems=(422,)),
    ApiRoute("GET", "/query-sets/{query_set_id}", detail, "getQuerySet",
             "One query set with its entries in file order", TAG, {200: QuerySetDetailOut},
             path_model=QuerySetPath, problems=(404, 422)),
]  # fmt: skip
