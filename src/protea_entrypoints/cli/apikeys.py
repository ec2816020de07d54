"""`protea apikeys`: create (prints the raw key once), list and revoke API keys."""

from __future__ import annotations

import argparse
import json
from typing import Any

from protea_adapters.containers import CoreContainer
from protea_domain.api_access.api_keys import ApiKey
from protea_domain.api_access.use_cases import api_keys
from protea_entrypoints.api.deps import api_uow_factory
from protea_entrypoints.cli.exit_codes import OK


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("apikeys", help="create, list and revoke API keys")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    create = actions.add_parser("create", help="create a key and print it (shown only once)")
    create.add_argument("name")
    create.set_defaults(handler=_create)
    listing = actions.add_parser("list", help="every key, revoked ones included")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_list)
    revoke = actions.add_parser("revoke", help="revoke a key by its prefix (kept, never deleted)")
    revoke.add_argument("prefix")
    revoke.set_defaults(handler=_revoke)


def _json(key: ApiKey) -> dict[str, Any]:
    def at(value: Any) -> str | None:
        return value.isoformat() if value else None

    return {
        "prefix": key.prefix,
        "name": key.name,
        "created_at": at(key.created_at),
        "last_used_at": at(key.last_used_at),
        "revoked_at": at(key.revoked_at),
    }


def _create(args: argparse.Namespace, container: CoreContainer) -> int:
    issued = api_keys.create_api_key(api_uow_factory(container)(), container.clock(), args.name)
    print(issued.raw)
    return OK


def _list(args: argparse.Namespace, container: CoreContainer) -> int:
    keys = api_keys.list_api_keys(api_uow_factory(container)())
    if args.json:
        print(json.dumps([_json(key) for key in keys]))
        return OK
    print(f"{'PREFIX':12}  {'NAME':24}  {'CREATED':19}  {'LAST USED':19}  REVOKED")
    for key in keys:

        def stamp(value: Any) -> str:
            return f"{value:%Y-%m-%d %H:%M:%S}" if value else "-"

        print(
            f"{key.prefix:12}  {key.name[:24]:24}  {stamp(key.created_at):19}  "
            f"{stamp(key.last_used_at):19}  {stamp(key.revoked_at)}"
        )
    return OK


def _revoke(args: argparse.Namespace, container: CoreContainer) -> int:
    key = api_keys.revoke_api_key(api_uow_factory(container)(), container.clock(), args.prefix)
    print(f"key {key.prefix} revoked at {key.revoked_at:%Y-%m-%d %H:%M:%S}")
    return OK
