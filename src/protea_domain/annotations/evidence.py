"""GO evidence codes (geneontology.org/docs/guide-go-evidence-codes) and the experimental set.

`EXPERIMENTAL_EVIDENCE_CODES` is the set PROTEA treats as experimental (the CAFA set): the
experimental and high-throughput codes plus TAS and IC. `OBSOLETE_EVIDENCE_CODES` are retired
codes still found in old annotation files; they are known (parsers accept them) but not current.
"""

from __future__ import annotations

EXPERIMENTAL_CODES = frozenset({"EXP", "IDA", "IPI", "IMP", "IGI", "IEP"})
HIGH_THROUGHPUT_CODES = frozenset({"HTP", "HDA", "HMP", "HGI", "HEP"})
PHYLOGENETIC_CODES = frozenset({"IBA", "IBD", "IKR", "IRD"})
COMPUTATIONAL_CODES = frozenset({"ISS", "ISO", "ISA", "ISM", "IGC", "RCA"})
AUTHOR_STATEMENT_CODES = frozenset({"TAS", "NAS"})
CURATOR_STATEMENT_CODES = frozenset({"IC", "ND"})
ELECTRONIC_CODES = frozenset({"IEA"})

CURRENT_EVIDENCE_CODES = (
    EXPERIMENTAL_CODES
    | HIGH_THROUGHPUT_CODES
    | PHYLOGENETIC_CODES
    | COMPUTATIONAL_CODES
    | AUTHOR_STATEMENT_CODES
    | CURATOR_STATEMENT_CODES
    | ELECTRONIC_CODES
)
OBSOLETE_EVIDENCE_CODES = frozenset({"IMR", "NR"})
KNOWN_EVIDENCE_CODES = CURRENT_EVIDENCE_CODES | OBSOLETE_EVIDENCE_CODES

EXPERIMENTAL_EVIDENCE_CODES = EXPERIMENTAL_CODES | HIGH_THROUGHPUT_CODES | frozenset({"TAS", "IC"})


def is_known_evidence_code(code: str) -> bool:
    """True for a current or obsolete GO evidence code (exact, uppercase)."""
    return code in KNOWN_EVIDENCE_CODES


def is_experimental(code: str) -> bool:
    """True when `code` is in `EXPERIMENTAL_EVIDENCE_CODES` (exact, uppercase)."""
    return code in EXPERIMENTAL_EVIDENCE_CODES
