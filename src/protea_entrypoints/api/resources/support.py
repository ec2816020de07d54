"""/v1/support: a thumbs-up with an optional comment."""

from __future__ import annotations

from protea_domain.api_access.use_cases.support import add_support, support_summary
from protea_entrypoints.api.schemas.support import (
    SupportBody,
    SupportOut,
    SupportQuery,
    SupportSummaryOut,
)
from protea_entrypoints.api.spec import ApiRoute, Call, Reply


def add(call: Call) -> Reply:
    body: SupportBody = call.body
    entry = add_support(call.deps.api_uow(), call.deps.clock, body.comment)
    return Reply(SupportOut.of(entry), 201)


def summary(call: Call) -> Reply:
    query: SupportQuery = call.query
    count, latest = support_summary(call.deps.api_uow(), query.limit)
    return Reply(SupportSummaryOut(count=count, latest=[SupportOut.of(e) for e in latest]))


TAG = "support"
ROUTES = [
    ApiRoute("POST", "/support", add, "addSupport", "Give a thumbs-up", TAG, {201: SupportOut},
             body=SupportBody, problems=(401, 413, 422), write=True),
    ApiRoute("GET", "/support", summary, "getSupport", "Thumbs-up count and latest comments",
             TAG, {200: SupportSummaryOut}, query=SupportQuery, problems=(422,)),
]  # fmt: skip
