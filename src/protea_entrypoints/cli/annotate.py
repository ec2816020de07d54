"""`protea annotate`: GO terms for query proteins by nearest-neighbour transfer.

Reads the ontology, a reference FASTA with its annotations (GAF 2.x or the plain TSV), embeds
both sides with the chosen recipe, transfers terms from the k nearest neighbours and writes a
CAFA prediction file (`protein<TAB>go_id<TAB>score`) that `protea evaluate` and `cafaeval`
read as is. By default it runs as jobs on storage (the embedded SQLite default unless a
database is configured: see `annotate_stored`), so the loaded data, embeddings and the
prediction set stay for later runs, the API and evaluation; `--in-memory` runs the same
pipeline without storage (the same output, byte for byte). `--provenance FILE` writes a JSON
naming every input (recipe and its hash, annotation fingerprint and evidence filter, ontology
version, settings, scoring); keep it out of the predictions folder, where evaluators would read
it as predictions.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from protea_adapters.containers import CliContainer
from protea_adapters.embedders.registry import EMBEDDERS, make_embedder
from protea_domain.errors import InvalidInputError
from protea_domain.prediction import TransferSettings, annotate, cafa_lines
from protea_domain.prediction.files import load_fasta, load_go_graph, load_reference_annotations
from protea_domain.prediction.prediction_set import PredictionSetInfo
from protea_domain.prediction.references import EVIDENCE_FILTERS, with_ancestors
from protea_domain.scoring import TRANSFER, VOTE
from protea_entrypoints.cli.annotate_stored import annotate_stored
from protea_entrypoints.cli.exit_codes import INVALID_INPUT, JOB_FAILED, OK
from protea_entrypoints.cli.pipeline_jobs import JobFailedError

SCORINGS = {"transfer": TRANSFER, "vote": VOTE}


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("annotate", help="predict GO terms by nearest-neighbour transfer")
    parser.add_argument("--obo", required=True, type=Path, help="GO in OBO format (.gz ok)")
    parser.add_argument("--reference-fasta", required=True, type=Path)
    parser.add_argument(
        "--reference-annotations",
        required=True,
        type=Path,
        help="GAF 2.x or TSV with accession and go_id columns",
    )
    parser.add_argument("--queries", required=True, type=Path, help="query FASTA")
    parser.add_argument("--output", required=True, type=Path, help="CAFA predictions TSV")
    parser.add_argument(
        "--provenance", type=Path, default=None, help="write the inputs of this run as JSON"
    )
    parser.add_argument("--embedder", choices=EMBEDDERS, default="kmer")
    parser.add_argument("--unirep-units", type=int, choices=(64, 256, 1900), default=64)
    parser.add_argument(
        "--max-length", type=int, default=None, help="truncate longer sequences (unirep)"
    )
    parser.add_argument(
        "--model", default=None, help="model directory for --embedder esm|t5 (transformers)"
    )
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--metric", choices=("cosine", "l2"), default="cosine")
    parser.add_argument("--mode", choices=("aspect", "unified"), default="aspect")
    parser.add_argument("--max-distance", type=float, default=None)
    parser.add_argument(
        "--evidence",
        choices=EVIDENCE_FILTERS,
        default="all",
        help="which reference annotations may be transferred",
    )
    parser.add_argument(
        "--score",
        choices=sorted(SCORINGS),
        default="transfer",
        help="transfer: 1 - d/2 of the nearest carrier; vote: similarity-weighted votes",
    )
    parser.add_argument(
        "--propagate", action="store_true", help="also write every ancestor (max over descendants)"
    )
    parser.add_argument(
        "--propagate-references",
        action="store_true",
        help="neighbours vote for every ancestor of their terms (best with --score vote, --k 20)",
    )
    parser.add_argument(
        "--keep-self",
        action="store_true",
        help="let a query that is also a reference be its own neighbour",
    )
    parser.add_argument(
        "--in-memory",
        action="store_true",
        help="run without storage (nothing is kept; --provenance is available only here)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, container: CliContainer | None = None) -> int:
    if args.in_memory or container is None:
        return run_in_memory(args)
    if args.provenance is not None:
        print("protea annotate: --provenance needs --in-memory (a stored prediction set records "
              "its inputs itself)", file=sys.stderr)  # fmt: skip
        return INVALID_INPUT
    started = time.perf_counter()
    try:
        lines = annotate_stored(args, container, args.score)
    except JobFailedError as error:
        print(f"protea annotate: {error}", file=sys.stderr)
        return JOB_FAILED
    except (InvalidInputError, ValueError, OSError) as error:
        print(f"protea annotate: {error}", file=sys.stderr)
        return INVALID_INPUT
    print(f"{lines} predictions -> {args.output} in {time.perf_counter() - started:.1f}s",
          file=sys.stderr)  # fmt: skip
    return OK


def run_in_memory(args: argparse.Namespace) -> int:
    try:
        started = time.perf_counter()
        settings = TransferSettings(
            k=args.k,
            metric=args.metric,
            mode=args.mode,
            max_distance=args.max_distance,
            exclude_self=not args.keep_self,
            propagate_references=args.propagate_references,
        )
        embedder = make_embedder(
            args.embedder,
            unirep_units=args.unirep_units,
            max_length=args.max_length,
            model=args.model,
        )
        graph = load_go_graph(args.obo)
        annotations = load_reference_annotations(args.reference_annotations, graph, args.evidence)
        if settings.propagate_references:
            annotations = with_ancestors(annotations, graph)
        references = load_fasta(args.reference_fasta)
        queries = load_fasta(args.queries)
        result = annotate(
            queries,
            references,
            annotations,
            embedder,
            settings,
            SCORINGS[args.score],
            graph=graph if args.propagate else None,
        )
        args.output.parent.mkdir(parents=True, exist_ok=True)
        with args.output.open("w", encoding="utf-8") as handle:
            lines = 0
            for line in cafa_lines(result.scores):
                handle.write(line)
                lines += 1
        info = PredictionSetInfo(
            embedder.config,
            annotations.fingerprint,
            annotations.evidence_filter,
            graph.version,
            settings,
            SCORINGS[args.score],
            len(queries),
            len(references),
        )
        if args.provenance is not None:
            args.provenance.write_text(info.to_json())
    except (InvalidInputError, ValueError, OSError) as error:
        print(f"protea annotate: {error}", file=sys.stderr)
        return INVALID_INPUT
    print(
        f"{len(queries)} queries, {len(references)} references "
        f"({embedder.config.model}, k={settings.k}): {lines} predictions -> {args.output} "
        f"in {time.perf_counter() - started:.1f}s",
        file=sys.stderr,
    )
    return OK
