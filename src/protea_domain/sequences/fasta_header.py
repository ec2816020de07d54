"""FASTA header lines: UniProt (`>sp|P12345|NAME_HUMAN Desc OS=.. OX=.. GN=.. PE=.. SV=..`)
and plain (`>ID` or `>ID free text`)."""

from __future__ import annotations

import re

from protea_domain.parsing.fields import FieldError, parse_int
from protea_domain.sequences.accession import is_uniprot_accession, split_isoform
from protea_domain.sequences.protein import Protein

_UNIPROT_DBS = {"sp": True, "tr": False}
_KEYS = re.compile(r" (OS|OX|GN|PE|SV)=")
_ENTRY_NAME = re.compile(r"[A-Za-z0-9]+_[A-Za-z0-9]+")


def parse_fasta_header(header: str) -> Protein:
    """Parse a header (without `>`) into a `Protein`.

    UniProt headers: db `sp`/`tr`, a UniProtKB accession (optionally `-n` for an isoform), an
    entry name `X_Y`, a description and the optional OS/OX/GN/PE/SV fields (each at most once;
    OX a taxon number, PE 1-5, SV >= 1). Any other header: its first word is the accession (an
    isoform is recognised when it is a UniProt accession with `-n`) and the rest the description.
    Raises `FieldError` naming the field (`header`, `accession`, `entry_name`, `taxon_id`,
    `protein_existence`, `sequence_version`).
    """
    parts = header.split(None, 1)
    if not parts:
        raise FieldError("header", "missing_value", "header has no identifier")
    identifier = parts[0]
    rest = parts[1].strip() if len(parts) > 1 else ""
    pieces = identifier.split("|")
    if len(pieces) == 3 and pieces[0] in _UNIPROT_DBS:
        return _uniprot(pieces[0], pieces[1], pieces[2], rest)
    canonical, isoform = split_isoform(identifier)
    return Protein(identifier, canonical, isoform, description=rest or None)


def _uniprot(db: str, accession: str, entry_name: str, rest: str) -> Protein:
    if not is_uniprot_accession(accession):
        raise FieldError("accession", "invalid_value", f"not a UniProtKB accession: {accession!r}")
    if not _ENTRY_NAME.fullmatch(entry_name):
        raise FieldError(
            "entry_name", "invalid_value", f"not a UniProtKB entry name: {entry_name!r}"
        )
    description, values = _split_keys(rest)
    canonical, isoform = split_isoform(accession)
    return Protein(
        accession,
        canonical,
        isoform,
        entry_name=entry_name,
        description=description or None,
        organism=values.get("OS"),
        taxon_id=_optional_int(values, "OX", "taxon_id", 1, None),
        gene_name=values.get("GN"),
        protein_existence=_optional_int(values, "PE", "protein_existence", 1, 5),
        sequence_version=_optional_int(values, "SV", "sequence_version", 1, None),
        reviewed=_UNIPROT_DBS[db],
    )


def _split_keys(text: str) -> tuple[str, dict[str, str]]:
    matches = list(_KEYS.finditer(" " + text))
    if not matches:
        return text.strip(), {}
    description = text[: matches[0].start()].strip()
    values: dict[str, str] = {}
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text) + 1
        key = match.group(1)
        if key in values:
            raise FieldError("header", "invalid_value", f"{key}= given twice")
        values[key] = (" " + text)[match.end() : end].strip()
    return description, values


def _optional_int(
    values: dict[str, str], key: str, field: str, minimum: int, maximum: int | None
) -> int | None:
    if key not in values:
        return None
    number = parse_int(values[key], field, minimum=minimum)
    if maximum is not None and number > maximum:
        raise FieldError(field, "invalid_value", f"{key}={number} is above {maximum}")
    return number
