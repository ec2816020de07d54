"""A streaming GAF 2.0 / 2.1 / 2.2 parser (geneontology.org/docs/go-annotation-file-gaf-format-2.2).

Accepted: a `!gaf-version: 2.0|2.1|2.2` line before the first annotation (other `!` lines are
comments, blank lines are ignored); 17 tab-separated columns, or 15/16 when the trailing optional
columns (annotation extension, gene product form id) are left out. Required and checked:
DB, DB_Object_ID, DB_Object_Symbol (the spec makes it required, so an empty symbol is an error),
GO ID (`GO:` + 7 digits), DB:Reference (non-empty pipe list), evidence code (a known GO code),
aspect (`P`/`F`/`C`), DB_Object_Type, taxon (`taxon:N` or `taxon:N|taxon:M`), date (a real
`YYYYMMDD` date), assigned by. The qualifier is checked per version (see `qualifiers`). Other
columns are kept verbatim and not interpreted. Error fields are the `GafAnnotation` attribute
names; `columns` for a wrong column count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from protea_domain.annotations.aspect import parse_aspect
from protea_domain.annotations.fields import (
    parse_date,
    parse_evidence_code,
    parse_gaf_taxon,
    parse_go_id,
)
from protea_domain.annotations.gaf_record import GafAnnotation
from protea_domain.annotations.qualifiers import check_qualifier
from protea_domain.parsing.errors import FatalParseError
from protea_domain.parsing.fields import FieldError, required
from protea_domain.parsing.lines import parse_each_line
from protea_domain.parsing.skipped import SkippedLine

GAF_VERSIONS = ("2.0", "2.1", "2.2")
_VERSION_LINE = re.compile(r"!\s*gaf-version\s*:\s*(\S+)\s*")


def parse_gaf(
    lines: Iterable[str], source: str, *, strict: bool = True
) -> Iterator[GafAnnotation | SkippedLine]:
    """Yield a `GafAnnotation` per annotation line.

    Raises `FatalParseError` for a missing or unsupported `!gaf-version` header (in both modes);
    raises `ParseError` at the first bad line when `strict`, else yields a `SkippedLine` for it.
    """
    version: str | None = None

    def parse(text: str, number: int) -> GafAnnotation | None:
        nonlocal version
        if text.startswith("!"):
            match = _VERSION_LINE.fullmatch(text)
            if match is not None:
                version = _check_version(match.group(1), source, number)
            return None
        if not text.strip():
            return None
        if version is None:
            raise FatalParseError(
                "no '!gaf-version: 2.x' header before the first annotation",
                source=source,
                line=number,
                field="gaf_version",
                reason="missing_header",
            )
        return parse_gaf_line(text, version, number)

    yield from parse_each_line(lines, source, parse, strict=strict)


def _check_version(value: str, source: str, line: int) -> str:
    if value not in GAF_VERSIONS:
        raise FatalParseError(
            f"unsupported GAF version {value!r} (accepted: {', '.join(GAF_VERSIONS)})",
            source=source,
            line=line,
            field="gaf_version",
            reason="unsupported_version",
        )
    return value


def parse_gaf_line(text: str, version: str, line: int) -> GafAnnotation:
    """Parse one annotation line of a GAF `version` file. Raises `FieldError`."""
    columns = text.split("\t")
    if not 15 <= len(columns) <= 17:
        raise FieldError(
            "columns", "column_count", f"expected 17 tab-separated columns, got {len(columns)}"
        )
    columns += [""] * (17 - len(columns))
    (db, object_id, symbol, qualifier, go_id, reference, evidence, with_from, aspect, name,
     synonym, object_type, taxon, date, assigned_by, extension, form_id) = columns  # fmt: skip
    required(db, "db")
    required(object_id, "db_object_id")
    required(symbol, "db_object_symbol")
    check_qualifier(qualifier, version)
    parse_go_id(go_id)
    if not reference or not all(reference.split("|")):
        raise FieldError("db_reference", "missing_value", f"empty reference in {reference!r}")
    parse_evidence_code(evidence)
    parsed_aspect = parse_aspect(aspect, letters_only=True)
    required(object_type, "db_object_type")
    taxon_id, interacting = parse_gaf_taxon(taxon)
    parse_date(date)
    required(assigned_by, "assigned_by")
    return GafAnnotation(
        db, object_id, symbol, qualifier, go_id, reference, evidence, with_from, parsed_aspect,
        name, synonym, object_type, taxon, date, assigned_by, extension, form_id,
        taxon_id, interacting, version, line,
    )  # fmt: skip
