"""`protea evaluation-set build` and `protea ia`: temporal benchmark files, no database."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from protea_adapters.containers import CliContainer
from protea_domain.annotations.evidence import EXPERIMENTAL_EVIDENCE_CODES
from protea_domain.evaluation_sets.files import ia_lines, read_release, write_evaluation_set
from protea_domain.evaluation_sets.from_obo import TermResolver, term_dag_from_obo
from protea_domain.evaluation_sets.information_accretion import information_accretion
from protea_domain.evaluation_sets.temporal import build_evaluation_set
from protea_domain.evaluation_sets.term_dag import TermDag
from protea_domain.ontology.obo_parser import parse_obo
from protea_domain.parsing.opener import read_lines, source_name
from protea_entrypoints.cli.exit_codes import OK

EVIDENCE = {"experimental": EXPERIMENTAL_EVIDENCE_CODES, "any": None}


def add_parser(commands: Any) -> None:
    evaluation_set = commands.add_parser("evaluation-set", help="temporal NK/LK/PK benchmarks")
    actions = evaluation_set.add_subparsers(dest="action", required=True, metavar="ACTION")
    build = actions.add_parser("build", help="ground truth and known terms from two releases")
    build.add_argument("--obo", type=Path, required=True)
    build.add_argument("--old", type=Path, required=True, help="t0 annotations (plain TSV)")
    build.add_argument("--new", type=Path, required=True, help="t1 annotations (plain TSV)")
    build.add_argument("--out-dir", type=Path, required=True)
    build.add_argument("--old-evidence", choices=sorted(EVIDENCE), default="experimental")
    build.add_argument("--new-evidence", choices=sorted(EVIDENCE), default="experimental")
    build.set_defaults(handler=_build)

    ia = commands.add_parser("ia", help="information accretion from an annotation set")
    ia.add_argument("--obo", type=Path, required=True)
    ia.add_argument("--annotations", type=Path, required=True)
    ia.add_argument("--evidence", choices=sorted(EVIDENCE), default="experimental")
    ia.add_argument("--out", type=Path, required=True, help="term<TAB>ia, usable as -ia")
    ia.set_defaults(handler=_ia)


def _ontology(path: Path) -> tuple[TermDag, TermResolver]:
    return term_dag_from_obo(parse_obo(read_lines(path), source_name(path)))


def _build(args: argparse.Namespace, container: CliContainer) -> int:
    dag, resolver = _ontology(args.obo)
    old, old_report = read_release(args.old, resolver)
    new, new_report = read_release(args.new, resolver)
    result = build_evaluation_set(
        old,
        new,
        dag,
        evidence=EVIDENCE[args.new_evidence],
        old_evidence=EVIDENCE[args.old_evidence],
    )
    written = write_evaluation_set(result, args.out_dir)
    stats = {"old": old_report, "new": new_report, "targets": result.stats()}
    (args.out_dir / "stats.json").write_text(json.dumps(stats, indent=2) + "\n")
    print(json.dumps(stats["targets"]))
    for path in written:
        print(f"wrote {path}")
    return OK


def _ia(args: argparse.Namespace, container: CliContainer) -> int:
    dag, resolver = _ontology(args.obo)
    facts, _ = read_release(args.annotations, resolver)
    allowed = EVIDENCE[args.evidence]
    annotated: dict[str, set[str]] = {}
    for fact in facts:
        if allowed is None or fact.evidence_code in allowed:
            annotated.setdefault(fact.protein, set()).add(fact.go_id)
    accretion = information_accretion(annotated, dag)
    args.out.write_text("".join(ia_lines(accretion)))
    print(f"wrote IA of {len(accretion)} terms from {len(annotated)} proteins to {args.out}")
    return OK
