"""Reference annotations for transfer: which terms each reference protein carries, per aspect.

Rows are normalised against a `GoGraph` (alt ids to primary, obsolete or unknown terms
dropped, aspect taken from the ontology), NOT annotations are dropped (never transferred),
and the evidence filter keeps `all` rows, `experimental` ones (the CAFA codes) or everything
but IEA (`no_iea`). A row without an evidence code passes `all` and `no_iea` but not
`experimental`.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from protea_domain.annotations.aspect import Aspect
from protea_domain.annotations.evidence import EXPERIMENTAL_EVIDENCE_CODES
from protea_domain.prediction.go_graph import GoGraph

EvidenceFilter = Literal["all", "experimental", "no_iea"]
EVIDENCE_FILTERS: tuple[EvidenceFilter, ...] = ("all", "experimental", "no_iea")


@dataclass(frozen=True, slots=True)
class AnnotationInput:
    """One annotation as read from any format; `negated` for a NOT qualifier."""

    accession: str
    go_id: str
    evidence_code: str | None = None
    negated: bool = False


def passes(evidence_code: str | None, evidence_filter: EvidenceFilter) -> bool:
    if evidence_filter == "all":
        return True
    if evidence_filter == "experimental":
        return evidence_code in EXPERIMENTAL_EVIDENCE_CODES
    return evidence_code != "IEA"


@dataclass(frozen=True, slots=True)
class ReferenceAnnotations:
    """`terms[aspect][accession]` maps each carried GO id to its evidence codes."""

    terms: Mapping[Aspect, Mapping[str, Mapping[str, frozenset[str]]]]
    fingerprint: str
    evidence_filter: EvidenceFilter = "all"

    def accessions(self, aspect: Aspect | None = None) -> list[str]:
        """Sorted accessions annotated in `aspect` (in any aspect when None)."""
        if aspect is not None:
            return sorted(self.terms.get(aspect, {}))
        return sorted({acc for by_acc in self.terms.values() for acc in by_acc})

    def term_frequency(self, aspect: Aspect) -> dict[str, float]:
        """Fraction of the proteins annotated in `aspect` that carry each term."""
        by_accession = self.terms.get(aspect, {})
        counts = Counter(term for terms in by_accession.values() for term in terms)
        total = max(len(by_accession), 1)
        return {term: count / total for term, count in counts.items()}


def build_reference_annotations(
    rows: Iterable[AnnotationInput],
    graph: GoGraph,
    evidence_filter: EvidenceFilter = "all",
) -> ReferenceAnnotations:
    if evidence_filter not in EVIDENCE_FILTERS:
        raise ValueError(f"evidence filter must be one of {EVIDENCE_FILTERS}")
    collected: dict[Aspect, dict[str, dict[str, set[str]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(set))
    )
    digest = hashlib.sha256(evidence_filter.encode())
    kept: list[tuple[str, str, str]] = []
    for row in rows:
        if row.negated or not passes(row.evidence_code, evidence_filter):
            continue
        go_id = graph.primary(row.go_id)
        aspect = graph.aspect(go_id) if go_id is not None else None
        if go_id is None or aspect is None:
            continue
        evidence = collected[aspect][row.accession][go_id]
        if row.evidence_code:
            evidence.add(row.evidence_code)
        kept.append((row.accession, go_id, row.evidence_code or ""))
    for item in sorted(set(kept)):
        digest.update("\t".join(item).encode() + b"\n")
    terms = {
        aspect: {
            acc: {t: frozenset(e) for t, e in by_term.items()} for acc, by_term in by_acc.items()
        }
        for aspect, by_acc in collected.items()
    }
    return ReferenceAnnotations(terms, digest.hexdigest(), evidence_filter)


def with_ancestors(annotations: ReferenceAnnotations, graph: GoGraph) -> ReferenceAnnotations:
    """Every reference term together with all its ancestors (is_a + part_of), each ancestor
    carrying the union of the evidence codes of the terms implying it, so a neighbour votes
    for every term its annotations imply (as CAFA's propagated ground truth and the naive
    baseline count terms). The fingerprint gains `:propagated`."""
    terms: dict[Aspect, dict[str, dict[str, frozenset[str]]]] = {}
    for aspect, by_accession in annotations.terms.items():
        out = terms[aspect] = {}
        for accession, carried in by_accession.items():
            implied: dict[str, frozenset[str]] = {}
            for term, codes in carried.items():
                for ancestor in graph.ancestors(term):
                    implied[ancestor] = implied.get(ancestor, frozenset()) | codes
            out[accession] = implied
    return ReferenceAnnotations(
        terms, f"{annotations.fingerprint}:propagated", annotations.evidence_filter
    )
