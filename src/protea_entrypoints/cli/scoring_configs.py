"""`protea scoring-configs create|list`: named scoring recipes over prediction signals."""

from __future__ import annotations

import argparse
import json
from typing import Any

from protea_adapters.containers import CoreContainer
from protea_domain.errors import InvalidInputError
from protea_domain.prediction.features import SIGNAL_NAMES
from protea_domain.use_cases.scoring_configs import create_scoring_config, scoring_config_of
from protea_entrypoints.cli.exit_codes import OK


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("scoring-configs", help="named scoring recipes")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    create = actions.add_parser(
        "create",
        help="store a recipe: score = weighted mean of signals x best evidence weight",
        description=f"signals: {', '.join(SIGNAL_NAMES)}",
    )
    create.add_argument("name")
    create.add_argument(
        "--weight",
        action="append",
        default=[],
        metavar="SIGNAL=W",
        help="a signal's weight (repeatable; default transfer_score=1)",
    )
    create.add_argument(
        "--evidence-weight",
        action="append",
        default=[],
        metavar="CODE=W",
        help="an evidence code's weight (repeatable)",
    )
    create.add_argument("--default-evidence-weight", type=float, default=1.0)
    create.add_argument("--description", default="")
    create.set_defaults(handler=_create)
    listing = actions.add_parser("list", help="every stored recipe")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_list)  # fmt: skip


def _pairs(items: list[str], option: str) -> dict[str, float]:
    pairs: dict[str, float] = {}
    for item in items:
        name, sep, value = item.partition("=")
        try:
            if not sep or not name:
                raise ValueError
            pairs[name] = float(value)
        except ValueError:
            raise InvalidInputError(
                f"expected NAME=NUMBER, got {item!r}", location=option
            ) from None
    return pairs


def _create(args: argparse.Namespace, container: CoreContainer) -> int:
    data: dict[str, Any] = {
        "name": args.name,
        "evidence_weights": _pairs(args.evidence_weight, "--evidence-weight"),
        "default_evidence_weight": args.default_evidence_weight,
    }
    if args.weight:
        data["weights"] = _pairs(args.weight, "--weight")
    config = scoring_config_of(data, location="arguments")
    stored = create_scoring_config(
        container.embedding_unit_of_work, container.clock(), config, args.description
    )
    print(stored.id)
    return OK


def _list(args: argparse.Namespace, container: CoreContainer) -> int:
    with container.embedding_unit_of_work() as uow:
        configs = uow.scoring.configs()
    if args.json:
        print(json.dumps([
            {"id": str(c.id), **c.config.document(), "description": c.description,
             "created_at": c.created_at.isoformat()}
            for c in configs
        ]))  # fmt: skip
        return OK
    for c in configs:
        weights = ", ".join(f"{name}={weight:g}" for name, weight in c.config.weights)
        evidence = ", ".join(f"{code}={weight:g}" for code, weight in c.config.evidence_weights)
        print(f"{c.id}  {c.name}: {weights}" + (f"; evidence {evidence}" if evidence else "")
              + f"; default evidence {c.config.default_evidence_weight:g}")  # fmt: skip
    return OK
