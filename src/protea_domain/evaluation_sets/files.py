"""Reading annotation releases and writing evaluation-set files in cafaeval's layouts."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from protea_domain.annotations.annotation_tsv import AnnotationRow, parse_annotation_tsv
from protea_domain.annotations.fact import Fact
from protea_domain.evaluation_sets.from_obo import TermResolver
from protea_domain.evaluation_sets.temporal import Category, EvaluationSet, Target
from protea_domain.parsing.opener import read_lines, source_name


def read_release(path: Path, resolver: TermResolver) -> tuple[list[Fact], dict[str, int]]:
    """Facts of a plain annotation TSV (`accession go_id [evidence_code] ...`), with ids mapped
    to the ontology's primary ids. Returns the facts and counts of what mapping did
    (`alt_id_remapped`, `unknown_or_obsolete`). Parse errors raise with file, line and field."""
    facts: list[Fact] = []
    report = {"rows": 0, "alt_id_remapped": 0, "unknown_or_obsolete": 0}
    for row in parse_annotation_tsv(read_lines(path), source_name(path)):
        if not isinstance(row, AnnotationRow):
            continue
        report["rows"] += 1
        primary = resolver.resolve(row.go_id)
        if primary is None:
            report["unknown_or_obsolete"] += 1
            continue
        if primary != row.go_id:
            report["alt_id_remapped"] += 1
        facts.append(Fact(row.accession, primary, row.evidence_code))
    return facts, report


def ground_truth_lines(targets: Iterable[Target]) -> Iterator[str]:
    for target in targets:
        for term in sorted(target.ground_truth):
            yield f"{target.protein}\t{term}\n"


def known_lines(targets: Iterable[Target]) -> Iterator[str]:
    for target in targets:
        for term in sorted(target.known):
            yield f"{target.protein}\t{term}\n"


def ia_lines(accretion: Mapping[str, float]) -> Iterator[str]:
    for term in sorted(accretion):
        yield f"{term}\t{accretion[term]!r}\n"


KNOWN_FILE = "known_PK.tsv"


def ground_truth_file(category: Category) -> str:
    """The file name of a category's ground truth (`ground_truth_<NK|LK|PK>.tsv`)."""
    return f"ground_truth_{category.value}.tsv"


def write_evaluation_set(evaluation_set: EvaluationSet, out_dir: Path) -> list[Path]:
    """`ground_truth_<NK|LK|PK>.tsv` per category with targets, and `known_PK.tsv` (the t0
    terms for cafaeval-PK's `-known`)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for category in Category:
        targets = evaluation_set.of(category)
        if not targets:
            continue
        path = out_dir / ground_truth_file(category)
        path.write_text("".join(ground_truth_lines(targets)))
        written.append(path)
        if category is Category.PK:
            known = out_dir / KNOWN_FILE
            known.write_text("".join(known_lines(targets)))
            written.append(known)
    return written
