"""`protea worker` and `protea reaper`: long-running processes."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import time
from types import FrameType
from typing import Any

from protea_adapters.containers import WorkerContainer
from protea_adapters.metrics.http_server import serve_metrics
from protea_domain.messaging.queues import WORK_QUEUES
from protea_domain.use_cases.reap_leases import reap_expired_leases
from protea_entrypoints.cli.exit_codes import OK
from protea_entrypoints.worker.build import build_runtime

logger = logging.getLogger(__name__)


def add_parser(commands: Any) -> None:
    worker = commands.add_parser("worker", help="consume queues, relay the outbox, reap leases")
    worker.add_argument(
        "--queue", action="append", choices=WORK_QUEUES, help="repeatable; default: every queue"
    )
    worker.add_argument("--concurrency", type=int, default=1, help="jobs at once per queue")
    worker.add_argument("--grace", type=float, default=30.0, help="seconds to finish on SIGTERM")
    worker.add_argument(
        "--plain-logs", dest="json_logs", action="store_false", help="text logs, not JSON lines"
    )
    worker.add_argument("--metrics-port", type=int, help="serve Prometheus metrics on this port")
    worker.set_defaults(handler=_worker, container=WorkerContainer)

    reaper = commands.add_parser("reaper", help="requeue or fail jobs whose lease expired")
    reaper.add_argument("--once", action="store_true", help="one pass, then exit")
    reaper.add_argument("--interval", type=float, default=15.0)
    reaper.set_defaults(handler=_reaper, container=WorkerContainer)


def _install_signals(on_first: Any) -> None:
    received = {"count": 0}

    def handle(signum: int, _frame: FrameType | None) -> None:
        received["count"] += 1
        if received["count"] > 1:
            logger.error("second signal: exiting at once")
            os._exit(128 + signum)
        logger.warning("signal %s: finishing current work", signal.Signals(signum).name)
        on_first()

    signal.signal(signal.SIGTERM, handle)
    signal.signal(signal.SIGINT, handle)


def _worker(args: argparse.Namespace, container: WorkerContainer) -> int:
    if args.concurrency < 1:
        print("protea: error: --concurrency must be at least 1", file=sys.stderr)
        return 2
    runtime = build_runtime(
        container,
        args.queue or WORK_QUEUES,
        concurrency=args.concurrency,
        grace_seconds=args.grace,
    )
    if args.metrics_port is not None:
        serve_metrics(container.metrics(), "0.0.0.0", args.metrics_port)
    _install_signals(runtime.stop_event.set)
    runtime.start()
    runtime.wait()
    released = runtime.stop()
    if released:
        logger.warning("exiting with %d handler(s) still running; their jobs were released",
                       len(released))  # fmt: skip
        logging.shutdown()
        os._exit(OK)
    return OK


def _reaper(args: argparse.Namespace, container: WorkerContainer) -> int:
    stop = {"now": False}
    _install_signals(lambda: stop.update(now=True))
    while True:
        report = reap_expired_leases(container.unit_of_work, container.clock())
        print(f"requeued {len(report.requeued)}, failed {len(report.failed)}", flush=True)
        if args.once or stop["now"]:
            return OK
        deadline = time.monotonic() + args.interval
        while time.monotonic() < deadline and not stop["now"]:
            time.sleep(0.2)
