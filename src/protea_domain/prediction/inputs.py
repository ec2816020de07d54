"""Reading reference annotations for transfer from GAF 2.x or the plain annotation TSV.

The format is told by the first non-blank line: a `!` line means GAF (which must then carry
`!gaf-version`), anything else a TSV header. GAF NOT qualifiers become `negated` rows (then
dropped by `build_reference_annotations`); the plain TSV has no qualifier column.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator

from protea_domain.annotations.annotation_tsv import AnnotationRow, parse_annotation_tsv
from protea_domain.annotations.gaf import parse_gaf
from protea_domain.annotations.gaf_record import GafAnnotation
from protea_domain.prediction.references import AnnotationInput


def read_annotation_inputs(lines: Iterable[str], source: str) -> Iterator[AnnotationInput]:
    """Yield every annotation of a GAF or plain TSV; raises the parsers' `ParseError`."""
    iterator = iter(lines)
    head: list[str] = []
    for line in iterator:
        head.append(line)
        if line.strip():
            break
    rest = itertools.chain(head, iterator)
    if head and head[-1].startswith("!"):
        for item in parse_gaf(rest, source):
            if isinstance(item, GafAnnotation):
                yield AnnotationInput(
                    item.db_object_id, item.go_id, item.evidence_code, item.negated
                )
        return
    for row in parse_annotation_tsv(rest, source):
        if isinstance(row, AnnotationRow):
            yield AnnotationInput(row.accession, row.go_id, row.evidence_code)
