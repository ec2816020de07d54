"""`protea`: parse arguments, build the CLI container, run one command, map errors to exit codes."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from protea_adapters.containers import CliContainer
from protea_adapters.logging.configure import configure_logging
from protea_adapters.settings import SettingsError, load_settings
from protea_domain.errors import DomainError
from protea_entrypoints.cli import (
    annotate,
    apikeys,
    biodata,
    db,
    demo,
    dlq,
    evaluate,
    evaluation_sets,
    jobs,
    outbox,
    predictions,
    scoring_configs,
    serve,
    worker,
)
from protea_entrypoints.cli.exit_codes import INTERRUPTED, OK, exit_code_for

SERVICE_COMMANDS = frozenset({"worker", "reaper", "serve"})
"""Long-running commands log at the configured level; one-shot ones at WARNING unless a level
is set explicitly (settings file or PROTEA_LOG_LEVEL)."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="protea", description="PROTEA: protein function annotation and CAFA benchmarking."
    )
    parser.add_argument("--config", type=Path, help="settings YAML (default: $PROTEA_CONFIG)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    db.add_parser(commands)
    jobs.add_parser(commands)
    demo.add_parser(commands)
    worker.add_parser(commands)
    dlq.add_parser(commands)
    outbox.add_parser(commands)
    evaluation_sets.add_parser(commands)
    evaluate.add_parser(commands)
    serve.add_parser(commands)
    apikeys.add_parser(commands)
    biodata.add_parser(commands)
    annotate.add_parser(commands)
    predictions.add_parser(commands)
    scoring_configs.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings(args.config)
        json_lines = settings.logging.json_lines or getattr(args, "json_logs", False)
        quiet = (
            args.command not in SERVICE_COMMANDS
            and "level" not in settings.logging.model_fields_set
        )
        configure_logging(json_lines, "WARNING" if quiet else settings.logging.level)
        logging.getLogger("alembic").setLevel(logging.WARNING)
        logging.getLogger("pika").setLevel(logging.CRITICAL)
        container = getattr(args, "container", CliContainer)(settings=settings)
        try:
            code: int = args.handler(args, container)
        finally:
            container.shutdown_resources()
    except (DomainError, SettingsError) as error:
        print(f"protea: error: {error}", file=sys.stderr)
        return exit_code_for(error)
    except KeyboardInterrupt:
        print("protea: interrupted", file=sys.stderr)
        return INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`protea predictions export ID | head`): not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return OK
    return code


if __name__ == "__main__":
    sys.exit(main())
