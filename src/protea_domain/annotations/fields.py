"""Validators for the GO annotation fields the parsers share: GO and ECO ids, dates, taxa."""

from __future__ import annotations

import datetime as dt
import re

from protea_domain.annotations.evidence import KNOWN_EVIDENCE_CODES
from protea_domain.parsing.fields import FieldError

_GO_ID = re.compile(r"GO:[0-9]{7}")
_ECO_ID = re.compile(r"ECO:[0-9]{7}")


def parse_go_id(text: str, field: str = "go_id") -> str:
    """Return `text` when it is `GO:` + 7 digits. Raises `FieldError` (`invalid_value`)."""
    if _GO_ID.fullmatch(text) is None:
        raise FieldError(field, "invalid_value", f"not a GO id (GO:NNNNNNN): {text!r}")
    return text


def parse_eco_id(text: str, field: str = "eco_id") -> str:
    """Return `text` when it is `ECO:` + 7 digits. Raises `FieldError` (`invalid_value`)."""
    if _ECO_ID.fullmatch(text) is None:
        raise FieldError(field, "invalid_value", f"not an ECO id (ECO:NNNNNNN): {text!r}")
    return text


def parse_evidence_code(text: str, field: str = "evidence_code") -> str:
    """Return `text` when it is a known GO evidence code. Raises `FieldError` otherwise."""
    if text not in KNOWN_EVIDENCE_CODES:
        raise FieldError(field, "invalid_value", f"unknown GO evidence code: {text!r}")
    return text


def parse_date(text: str, field: str = "date") -> dt.date:
    """Parse `YYYYMMDD` into a real calendar date. Raises `FieldError` (`invalid_value`)."""
    if len(text) != 8 or not text.isascii() or not text.isdigit():
        raise FieldError(field, "invalid_value", f"not a YYYYMMDD date: {text!r}")
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        raise FieldError(field, "invalid_value", f"no such date: {text!r}") from None


def parse_taxon_number(text: str, field: str = "taxon") -> int:
    """Parse an NCBI taxon number (positive integer). Raises `FieldError` (`invalid_value`)."""
    if not text.isascii() or not text.isdigit() or int(text) == 0:
        raise FieldError(field, "invalid_value", f"not an NCBI taxon number: {text!r}")
    return int(text)


def parse_gaf_taxon(text: str, field: str = "taxon") -> tuple[int, int | None]:
    """Parse `taxon:N` or `taxon:N|taxon:M` into (taxon, interacting taxon or None).

    Raises `FieldError` (`missing_value` when empty, `invalid_value` otherwise).
    """
    if not text:
        raise FieldError(field, "missing_value", "required value is empty")
    parts = text.split("|")
    if len(parts) > 2:
        raise FieldError(field, "invalid_value", f"at most two taxa allowed: {text!r}")
    numbers: list[int] = []
    for part in parts:
        if not part.startswith("taxon:"):
            raise FieldError(field, "invalid_value", f"expected 'taxon:N', got {text!r}")
        numbers.append(parse_taxon_number(part[6:], field))
    return numbers[0], numbers[1] if len(numbers) == 2 else None
