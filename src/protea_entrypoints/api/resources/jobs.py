"""/v1/jobs: submit (idempotent), list, detail, events, comments, cancel, delete."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlencode

from protea_domain.api_access.use_cases.idempotent_submit import submit_once
from protea_domain.errors import InvalidInputError
from protea_domain.jobs.errors import JobNotFoundError
from protea_domain.jobs.query import JobCursor, JobQuery
from protea_domain.use_cases import job_lifecycle
from protea_entrypoints.api.endpoint import trace_carrier
from protea_entrypoints.api.schemas.jobs import (
    CancelBody,
    CommentBody,
    CommentListOut,
    CommentOut,
    EventListOut,
    EventOut,
    JobListQuery,
    JobOut,
    JobPageOut,
    SubmitJobBody,
)
from protea_entrypoints.api.schemas.paths import JobPath
from protea_entrypoints.api.spec import API_PREFIX, ApiRoute, Call, Header, Reply

IDEMPOTENCY_KEY = Header(
    "Idempotency-Key",
    "Makes the submit safe to retry: the first request answers 201; a later one with the same "
    "key and body answers 200 with the original job (header `Idempotent-Replayed: true`); the "
    "same key with another body answers 422, and 409 while the first is still in progress. "
    "A key expires after the API's idempotency TTL (a day by default): it is then free again.",
)


def submit(call: Call) -> Reply:
    body: SubmitJobBody = call.body
    deps = call.deps
    if body.parent_id is not None:
        try:
            job_lifecycle.get_job(deps.uow(), body.parent_id)
        except JobNotFoundError:
            raise InvalidInputError("no such job", location="parent_id") from None
    request = job_lifecycle.SubmitJob(
        operation=body.operation,
        payload=body.payload,
        description=body.description,
        tags=tuple(body.tags),
        parent_id=body.parent_id,
        max_attempts=body.max_attempts,
        trace_headers=deps.tracer.inject() or trace_carrier(call),
    )
    outcome = submit_once(
        deps.api_uow,
        deps.uow,
        deps.clock,
        deps.registry,
        request,
        principal=call.principal,
        key=call.header(IDEMPOTENCY_KEY.name),
        body=call.raw_body,
        ttl=timedelta(seconds=deps.api.idempotency_ttl_seconds),
    )
    headers = {"Location": f"{API_PREFIX}/jobs/{outcome.job.id}"}
    if outcome.replayed:
        headers["Idempotent-Replayed"] = "true"
    return Reply(JobOut.of(outcome.job), 200 if outcome.replayed else 201, headers)


def listing(call: Call) -> Reply:
    query: JobListQuery = call.query
    page = job_lifecycle.list_jobs(
        call.deps.uow(),
        JobQuery(
            statuses=frozenset(query.status),
            operation=query.operation,
            parent_id=query.parent,
            tag=query.tag,
            limit=query.limit,
            cursor=JobCursor.decode(query.cursor) if query.cursor else None,
        ),
    )
    next_url = None
    if page.next_cursor:
        kept = [(k, v) for k, v in call.request.query_params.multi_items() if k != "cursor"]
        query_string = urlencode([*kept, ("cursor", page.next_cursor)])
        next_url = str(call.request.url.replace(query=query_string))
    items = [JobOut.of(job) for job in page.items]
    return Reply(JobPageOut(items=items, next_cursor=page.next_cursor, next=next_url))


def detail(call: Call) -> Reply:
    path: JobPath = call.path
    return Reply(JobOut.of(job_lifecycle.get_job(call.deps.uow(), path.job_id)))


def events(call: Call) -> Reply:
    path: JobPath = call.path
    found = job_lifecycle.get_job_detail(call.deps.uow(), path.job_id)
    return Reply(EventListOut(items=[EventOut.of(event) for event in found.events]))


def comments(call: Call) -> Reply:
    path: JobPath = call.path
    found = job_lifecycle.get_job_detail(call.deps.uow(), path.job_id)
    return Reply(CommentListOut(items=[CommentOut.of(c) for c in found.comments]))


def comment(call: Call) -> Reply:
    path: JobPath = call.path
    body: CommentBody = call.body
    deps = call.deps
    job_lifecycle.get_job(deps.uow(), path.job_id)
    made = job_lifecycle.comment_on_job(deps.uow(), deps.clock, path.job_id, body.author, body.body)
    return Reply(CommentOut.of(made), 201)


def cancel(call: Call) -> Reply:
    path: JobPath = call.path
    body: CancelBody = call.body
    deps = call.deps
    return Reply(
        JobOut.of(job_lifecycle.cancel_job(deps.uow(), deps.clock, path.job_id, body.reason))
    )


def remove(call: Call) -> Reply:
    path: JobPath = call.path
    job_lifecycle.delete_job(call.deps.uow(), path.job_id)
    return Reply(None, 204)


TAG = "jobs"
ROUTES = [
    ApiRoute("POST", "/jobs", submit, "submitJob", "Submit a job", TAG,
             {201: JobOut, 200: JobOut}, body=SubmitJobBody, headers=(IDEMPOTENCY_KEY,),
             problems=(401, 409, 413, 422), write=True),
    ApiRoute("GET", "/jobs", listing, "listJobs", "List jobs, newest first", TAG,
             {200: JobPageOut}, query=JobListQuery, problems=(422,)),
    ApiRoute("GET", "/jobs/{job_id}", detail, "getJob", "One job", TAG,
             {200: JobOut}, path_model=JobPath, problems=(404, 422)),
    ApiRoute("GET", "/jobs/{job_id}/events", events, "listJobEvents", "A job's timeline", TAG,
             {200: EventListOut}, path_model=JobPath, problems=(404, 422)),
    ApiRoute("GET", "/jobs/{job_id}/comments", comments, "listJobComments", "A job's comments",
             TAG, {200: CommentListOut}, path_model=JobPath, problems=(404, 422)),
    ApiRoute("POST", "/jobs/{job_id}/comments", comment, "commentOnJob", "Comment on a job",
             TAG, {201: CommentOut}, path_model=JobPath, body=CommentBody,
             problems=(401, 404, 413, 422), write=True),
    ApiRoute("POST", "/jobs/{job_id}/cancel", cancel, "cancelJob",
             "Cancel a job and its unfinished children", TAG, {200: JobOut},
             path_model=JobPath, body=CancelBody, problems=(401, 404, 409, 413, 422),
             write=True),
    ApiRoute("DELETE", "/jobs/{job_id}", remove, "deleteJob", "Delete a finished job", TAG,
             {204: None}, path_model=JobPath, problems=(401, 404, 409, 422), write=True,
             description="Only finished jobs; their events, comments and children go with them."),
]  # fmt: skip
