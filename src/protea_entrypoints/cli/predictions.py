"""`protea predictions list` and `protea predictions export ID [--scoring-config NAME]
--output F`: stored prediction sets, and one of them as a CAFA file (rescored from its stored
signals with a stored scoring config when one is named)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any
from uuid import UUID

from protea_adapters.containers import CliContainer
from protea_adapters.embedding_wiring import sql_embedding_uow_factory
from protea_domain.errors import InvalidInputError
from protea_domain.use_cases.prediction_export import export_cafa
from protea_entrypoints.cli.exit_codes import OK


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("predictions", help="stored prediction sets")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    export = actions.add_parser("export", help="write a prediction set in CAFA format")
    export.add_argument("set_id", metavar="ID", help="the prediction set (its job's id)")
    export.add_argument("--output", "-o", type=Path, help="the file to write (default: stdout)")
    export.add_argument("--scoring-config", metavar="NAME", default=None,
                        help="rescore with this stored scoring config")  # fmt: skip
    export.set_defaults(handler=_export)
    listing = actions.add_parser("list", help="every stored prediction set, oldest first")
    listing.set_defaults(handler=_list)


def _list(args: argparse.Namespace, container: CliContainer) -> int:
    with container.embedding_unit_of_work() as uow:
        sets = uow.predictions.sets()
    for record in sets:
        print(
            f"{record.id}  {record.status:<8}  {record.created_at:%Y-%m-%d %H:%M:%S}  "
            f"k={record.k}  {record.queries} queries x {record.references} references  "
            f"scoring {record.scoring.get('name')}  recipe {record.recipe_hash[:12]}"
        )
    return OK


def _export(args: argparse.Namespace, container: CliContainer) -> int:
    try:
        set_id = UUID(args.set_id)
    except ValueError:
        raise InvalidInputError(
            f"not a prediction set id: {args.set_id!r}", location="ID"
        ) from None
    with sql_embedding_uow_factory(container.session_factory())() as uow:
        scoring = None
        if args.scoring_config is not None:
            found = uow.scoring.find(args.scoring_config)
            if found is None:
                raise InvalidInputError(
                    f"no scoring config named {args.scoring_config!r}", location="--scoring-config"
                )
            scoring = found.config
        lines = export_cafa(uow, set_id, scoring)
        if args.output is None:
            sys.stdout.writelines(lines)
            return OK
        count = 0
        with args.output.open("w", encoding="utf-8") as handle:
            for line in lines:
                handle.write(line)
                count += 1
    print(f"wrote {count} predictions to {args.output}", file=sys.stderr)
    return OK
