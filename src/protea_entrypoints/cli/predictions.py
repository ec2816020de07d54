"""`protea predictions export ID --output F`: a stored prediction set as a CAFA file."""

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
    export.set_defaults(handler=_export)


def _export(args: argparse.Namespace, container: CliContainer) -> int:
    try:
        set_id = UUID(args.set_id)
    except ValueError:
        raise InvalidInputError(
            f"not a prediction set id: {args.set_id!r}", location="ID"
        ) from None
    with sql_embedding_uow_factory(container.session_factory())() as uow:
        lines = export_cafa(uow, set_id)
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
