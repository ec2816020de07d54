"""`protea jobs`: submit, list, show and cancel jobs."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any
from uuid import UUID

from protea_adapters.containers import CliContainer
from protea_domain.errors import InvalidInputError
from protea_domain.jobs.query import JobCursor, JobQuery
from protea_domain.jobs.status import JobStatus
from protea_domain.use_cases import job_lifecycle
from protea_entrypoints.cli.exit_codes import JOB_FAILED, OK
from protea_entrypoints.cli.inline_runner import embedded_workers
from protea_entrypoints.cli.progress import wait_for
from protea_entrypoints.presenters import job_detail_json, job_json

RESULT_WIDTH = 160


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("jobs", help="submit, list, show and cancel jobs")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")

    submit = actions.add_parser("submit", help="submit a job and wait for it")
    submit.add_argument("operation")
    submit.add_argument("--payload", default="{}", help="a JSON object")
    submit.add_argument("--description")
    submit.add_argument("--tag", action="append", default=[], dest="tags")
    submit.add_argument("--no-wait", action="store_true", help="print the id and return")
    submit.set_defaults(handler=_submit)

    listing = actions.add_parser("list", help="list jobs, newest first")
    listing.add_argument("--status", action="append", choices=[s.value for s in JobStatus])
    listing.add_argument("--operation")
    listing.add_argument("--tag")
    listing.add_argument("--parent", type=_uuid)
    listing.add_argument("--limit", type=int, default=50)
    listing.add_argument("--cursor", help="the next_cursor of a previous page")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_list)

    show = actions.add_parser("show", help="one job with its event timeline")
    show.add_argument("job_id", type=_uuid)
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=_show)

    cancel = actions.add_parser("cancel", help="cancel a job and its unfinished children")
    cancel.add_argument("job_id", type=_uuid)
    cancel.add_argument("--reason")
    cancel.set_defaults(handler=_cancel)


def _uuid(text: str) -> UUID:
    try:
        return UUID(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a job id: {text!r}") from None


def _payload(text: str) -> dict[str, Any]:
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInputError(f"invalid JSON: {exc}", location="--payload") from None
    if not isinstance(payload, dict):
        raise InvalidInputError("must be a JSON object", location="--payload")
    return payload


def _submit(args: argparse.Namespace, container: CliContainer) -> int:
    request = job_lifecycle.SubmitJob(
        operation=args.operation,
        payload=_payload(args.payload),
        description=args.description,
        tags=tuple(args.tags),
        trace_headers=container.tracer().inject(),
    )
    job = job_lifecycle.submit_job(
        container.unit_of_work(), container.clock(), container.registry(), request
    )
    print(job.id)
    sys.stdout.flush()
    if args.no_wait:
        return OK
    with embedded_workers(container):
        final = wait_for(container.unit_of_work, job.id)
    if final.status is JobStatus.SUCCEEDED:
        return OK
    print(f"job {final.id} {final.status}: {final.error_message or ''}", file=sys.stderr)
    return JOB_FAILED


def _list(args: argparse.Namespace, container: CliContainer) -> int:
    query = JobQuery(
        statuses=frozenset(JobStatus(s) for s in args.status or ()),
        operation=args.operation,
        parent_id=args.parent,
        tag=args.tag,
        limit=args.limit,
        cursor=JobCursor.decode(args.cursor) if args.cursor else None,
    )
    page = job_lifecycle.list_jobs(container.unit_of_work(), query)
    if args.json:
        print(
            json.dumps(
                {"items": [job_json(j) for j in page.items], "next_cursor": page.next_cursor}
            )
        )
        return OK
    print(f"{'ID':36}  {'OPERATION':16}  {'STATUS':9}  {'PROGRESS':>9}  CREATED")
    for job in page.items:
        progress = f"{job.progress_current}/{job.progress_total}" if job.progress_total else "-"
        print(
            f"{job.id!s:36}  {job.operation:16}  {job.status.value:9}  {progress:>9}  "
            f"{job.created_at:%Y-%m-%d %H:%M:%S}"
        )
    if page.next_cursor:
        print(f"more: --cursor {page.next_cursor}")
    return OK


def print_timeline(detail: job_lifecycle.JobDetail) -> None:
    job = detail.job
    print(f"job {job.id}  {job.operation}  {job.status.value}")
    if job.description:
        print(f"  description: {job.description}")
    if job.error_code:
        print(f"  error: {job.error_code}: {job.error_message}")
    if job.result is not None:
        rendered = json.dumps(job.result)
        shown = rendered if len(rendered) <= RESULT_WIDTH else rendered[: RESULT_WIDTH - 3] + "..."
        print(f"  result: {shown}")
    print("  timeline:")
    for event in detail.events:
        print(f"    {event.at:%Y-%m-%d %H:%M:%S.%f}  {event.kind.value:8}  {event.message}")
    for comment in detail.comments:
        print(f"  comment by {comment.author} at {comment.at:%Y-%m-%d %H:%M:%S}: {comment.body}")


def _show(args: argparse.Namespace, container: CliContainer) -> int:
    detail = job_lifecycle.get_job_detail(container.unit_of_work(), args.job_id)
    if args.json:
        print(json.dumps(job_detail_json(detail)))
    else:
        print_timeline(detail)
    return OK


def _cancel(args: argparse.Namespace, container: CliContainer) -> int:
    job = job_lifecycle.cancel_job(
        container.unit_of_work(), container.clock(), args.job_id, args.reason
    )
    print(f"job {job.id} {job.status.value}")
    return OK
