"""/v1/query-sets: named sets of sequences to annotate, created from an uploaded FASTA (in a
JSON body or as the raw body)."""

from __future__ import annotations

import io

from protea_domain.errors import InvalidInputError
from protea_domain.sequences.fasta import parse_fasta
from protea_domain.use_cases.biodata.query_sets import create_query_set
from protea_entrypoints.api.problems import RequestValidationError
from protea_entrypoints.api.resources.paging import next_link
from protea_entrypoints.api.schemas.biodata import (
    CreateQuerySetBody,
    CreateQuerySetQuery,
    QuerySetDetailOut,
    QuerySetListQuery,
    QuerySetOut,
    QuerySetPageOut,
    QuerySetPath,
)
from protea_entrypoints.api.schemas.common import FieldError
from protea_entrypoints.api.spec import API_PREFIX, ApiRoute, Call, Reply

UPLOAD_SOURCE = "upload.fasta"
FASTA_MEDIA_TYPES = ("text/x-fasta", "text/plain")
"""Media types of a raw FASTA body (the name then comes from the query)."""


def _name_error(msg: str, kind: str) -> RequestValidationError:
    return RequestValidationError("query", [FieldError(loc=["query", "name"], msg=msg, type=kind)])


def _upload(call: Call) -> tuple[str, str, str]:
    """(name, FASTA text, where the text came from) of a JSON body or a raw FASTA body with
    the name in the query."""
    query: CreateQuerySetQuery = call.query
    if call.text is not None:
        if query.name is None:
            raise _name_error("Field required with a FASTA body", "missing")
        return query.name, call.text, "body"
    if query.name is not None:
        raise _name_error("only with a FASTA body: a JSON body names the set", "extra_forbidden")
    body: CreateQuerySetBody = call.body
    return body.name, body.fasta, "fasta"


def create(call: Call) -> Reply:
    name, fasta, where = _upload(call)
    if "\x00" in fasta:
        raise InvalidInputError("the FASTA text contains a NUL character", location=where)
    records = list(parse_fasta(io.StringIO(fasta), UPLOAD_SOURCE, strict=True))
    if not records:
        raise InvalidInputError("no FASTA record", location=where)
    deps = call.deps
    made = create_query_set(deps.biodata_uow, deps.clock, name, records, source="upload")
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
             query=CreateQuerySetQuery, body=CreateQuerySetBody, text_body=FASTA_MEDIA_TYPES,
             problems=(401, 409, 413, 422), write=True,
             description="Synchronous, all or nothing: a bad record answers 422 naming its "
             "line. The body is either JSON (`name` and `fasta`) or the FASTA file itself "
             "(`Content-Type: text/x-fasta` or `text/plain`, UTF-8) with the `name` query "
             "parameter. The request body limit applies (413); for larger files submit a "
             "`create_query_set` job (POST /v1/jobs) with a path or URL."),
    ApiRoute("GET", "/query-sets", listing, "listQuerySets", "Query sets by name", TAG,
             {200: QuerySetPageOut}, query=QuerySetListQuery, problems=(422,)),
    ApiRoute("GET", "/query-sets/{query_set_id}", detail, "getQuerySet",
             "One query set with its entries in file order", TAG, {200: QuerySetDetailOut},
             path_model=QuerySetPath, problems=(404, 422)),
]  # fmt: skip
