"""`protea db`: schema migrations."""

from __future__ import annotations

import argparse
from typing import Any

from protea_adapters.containers import CliContainer
from protea_adapters.sqlalchemy import migrate


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("db", help="database schema migrations")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    upgrade = actions.add_parser("upgrade", help="apply migrations up to REVISION (default head)")
    upgrade.add_argument("revision", nargs="?", default="head")
    upgrade.set_defaults(handler=_upgrade)
    downgrade = actions.add_parser("downgrade", help="revert migrations down to REVISION")
    downgrade.add_argument("revision")
    downgrade.set_defaults(handler=_downgrade)


def _upgrade(args: argparse.Namespace, container: CliContainer) -> int:
    url = container.settings().database_url
    migrate.upgrade(url, args.revision)
    print(f"database upgraded to {args.revision}")
    return 0


def _downgrade(args: argparse.Namespace, container: CliContainer) -> int:
    migrate.downgrade(container.settings().database_url, args.revision)
    print(f"database downgraded to {args.revision}")
    return 0
