"""`protea evaluate`: CAFA evaluation with cafaeval 1.3.0's arguments and output files."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from protea_domain.evaluation import (
    EvaluationInputError,
    EvaluationOptions,
    OntologyCycleError,
    evaluate_files,
    write_results,
)
from protea_domain.ontology import OboParseError

EXIT_OK = 0
EXIT_INPUT = 2
EXIT_NOTHING = 1


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("obo_file", help="Ontology file, OBO format")
    parser.add_argument("pred_dir", help="Predictions directory; sub-folders are walked")
    parser.add_argument("gt_file", help="Ground truth file (target term)")
    parser.add_argument("-out_dir", default="results", help="Output directory (results/)")
    parser.add_argument("-ia", default=None, help="Information accretion file (term ia)")
    parser.add_argument("-known", default=None, help="Known (t0) annotations to exclude (PK)")
    parser.add_argument("-toi", default=None, help="Terms of interest, one per line (PK)")
    parser.add_argument(
        "-no_orphans",
        action="store_true",
        default=False,
        help="Exclude terms without parents (the roots)",
    )
    parser.add_argument("-norm", choices=["cafa", "pred", "gt"], default="cafa")
    parser.add_argument("-prop", choices=["max", "fill"], default="max")
    parser.add_argument("-th_step", type=float, default=0.01, help="Threshold step in (0, 1)")
    parser.add_argument(
        "-max_terms", type=int, default=None, help="Terms per target and namespace to consider"
    )
    parser.add_argument(
        "-threads",
        type=int,
        default=4,
        help="Accepted for compatibility; the evaluation is single-threaded",
    )
    parser.add_argument(
        "-log_level", default="info", choices=["debug", "info", "warning", "error", "critical"]
    )
    parser.add_argument(
        "-denominator",
        choices=["all", "annotated"],
        default=None,
        help="Targets normalising unweighted metrics: all ground-truth targets (cafaeval "
        "default) or those with ground truth left in the terms of interest (PK default)",
    )
    parser.add_argument(
        "-weighted_denominator",
        choices=["all", "annotated"],
        default=None,
        help="Same for IA-weighted metrics: all (cafaeval and CAFA-evaluator-PK default) or "
        "annotated with a positive-IA term (cafaeval-protea)",
    )
    parser.add_argument(
        "-empty_targets",
        choices=["keep", "drop"],
        default="keep",
        help="Targets with no ground truth left: keep them in n, precision and "
        "misinformation (reference; PK coverage can exceed 1) or drop them",
    )


def add_parser(subparsers: Any) -> None:
    """Register the `evaluate` subcommand on an argparse subparsers object."""
    parser = subparsers.add_parser(
        "evaluate",
        help="CAFA evaluation (Fmax, weighted Fmax, Smin), identical to cafaeval 1.3.0",
        description="CAFA evaluation: precision-recall curves, F-max, S-min, coverage.",
    )
    _configure(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, container: object | None = None) -> int:
    """Run the evaluation described by parsed arguments; returns the exit code.

    `container` is accepted so that `protea`'s `args.handler(args, container)` can call it; the
    evaluation needs no database, queue or store.
    """
    del container
    if not 0 < args.th_step < 1:
        print("error: -th_step must lie in (0, 1)", file=sys.stderr)
        return EXIT_INPUT
    options = EvaluationOptions(
        norm=args.norm,
        prop=args.prop,
        th_step=args.th_step,
        no_orphans=args.no_orphans,
        max_terms=args.max_terms,
        denominator=args.denominator,
        weighted_denominator=args.weighted_denominator,
        empty_targets=args.empty_targets,
    )
    try:
        result = evaluate_files(
            args.obo_file,
            args.pred_dir,
            args.gt_file,
            ia_path=args.ia,
            known_path=args.known,
            toi_path=args.toi,
            options=options,
            out_dir=None,
        )
    except (OboParseError, EvaluationInputError, OntologyCycleError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    if result.table is None:
        print("error: no prediction overlaps the ground truth; nothing written", file=sys.stderr)
        return EXIT_NOTHING
    write_results(result, args.out_dir)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Stand-alone entry (`python -m protea_entrypoints.cli.evaluate ...`)."""
    parser = argparse.ArgumentParser(prog="protea evaluate", description=__doc__)
    _configure(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
