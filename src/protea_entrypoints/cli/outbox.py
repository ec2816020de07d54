"""`protea outbox status`: how far the relays are behind."""

from __future__ import annotations

import argparse
import json
from typing import Any

from protea_adapters.containers import CliContainer
from protea_domain.use_cases.relay_outbox import relay_lag
from protea_entrypoints.cli.exit_codes import OK


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("outbox", help="the transactional outbox")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    status = actions.add_parser("status", help="messages due and the age of the oldest unsent")
    status.add_argument("--json", action="store_true")
    status.set_defaults(handler=_status)


def _status(args: argparse.Namespace, container: CliContainer) -> int:
    lag = relay_lag(container.unit_of_work, container.clock().now())
    age = lag.oldest_unsent_age.total_seconds() if lag.oldest_unsent_age else None
    if args.json:
        print(json.dumps({"due": lag.due, "oldest_unsent_age_seconds": age}))
    else:
        shown = f"{age:.1f} s" if age is not None else "-"
        print(f"due: {lag.due}  oldest unsent: {shown}")
    return OK
