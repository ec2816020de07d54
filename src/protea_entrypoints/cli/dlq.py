"""`protea dlq`: inspect, replay and purge the dead-letter queue."""

from __future__ import annotations

import argparse
import json
from typing import Any

from protea_adapters.containers import CliContainer
from protea_entrypoints.cli.exit_codes import OK


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("dlq", help="the dead-letter queue")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = actions.add_parser("list", help="show parked messages without removing them")
    listing.add_argument("--limit", type=int, default=50)
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_list)
    replay = actions.add_parser("replay", help="move parked messages back to their queues")
    replay.add_argument("--limit", type=int, default=1000)
    replay.set_defaults(handler=_replay)
    purge = actions.add_parser("purge", help="drop every parked message")
    purge.add_argument("--yes", action="store_true", required=True, help="confirm")
    purge.set_defaults(handler=_purge)


def _list(args: argparse.Namespace, container: CliContainer) -> int:
    parked = container.broker().list(args.limit)
    if args.json:
        rows = [
            {
                "message_id": item.message.message_id,
                "original_queue": item.original_queue,
                "reason": item.reason,
                "body": item.message.body,
                "headers": item.message.headers,
            }
            for item in parked
        ]
        print(json.dumps(rows))
        return OK
    for item in parked:
        print(f"{item.message.message_id}  {item.original_queue}  {item.reason}")
    print(f"{len(parked)} parked message(s) shown")
    return OK


def _replay(args: argparse.Namespace, container: CliContainer) -> int:
    print(f"replayed {container.broker().replay(args.limit)} message(s)")
    return OK


def _purge(args: argparse.Namespace, container: CliContainer) -> int:
    print(f"purged {container.broker().purge()} message(s)")
    return OK
