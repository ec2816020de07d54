"""UniProtKB accessions and isoform identifiers (`P12345-2`)."""

from __future__ import annotations

import re

UNIPROT_ACCESSION = re.compile(
    r"[OPQ][0-9][A-Z0-9]{3}[0-9]|[A-NR-Z][0-9](?:[A-Z][A-Z0-9]{2}[0-9]){1,2}"
)
_ISOFORM = re.compile(rf"({UNIPROT_ACCESSION.pattern})(?:-([1-9][0-9]*))?")


def is_uniprot_accession(text: str, *, allow_isoform: bool = True) -> bool:
    """True when `text` is a UniProtKB accession, with an `-n` isoform suffix if allowed."""
    match = _ISOFORM.fullmatch(text)
    return match is not None and (allow_isoform or match.group(2) is None)


def split_isoform(identifier: str) -> tuple[str, int | None]:
    """`P12345-2` -> (`P12345`, 2); a canonical accession or any other identifier -> (it, None)."""
    match = _ISOFORM.fullmatch(identifier)
    if match is None or match.group(2) is None:
        return identifier, None
    return match.group(1), int(match.group(2))
