"""GO cross-references of UniProtKB flat files: `DR   GO; GO:0005737; C:cytoplasm; IDA:UniProtKB.`

Only the `ID`, `AC`, `DR   GO;` and `//` lines are read; everything else is ignored. Each GO
line is attributed to the entry's primary accession (the first on its first `AC` line) and
entry name. Checked: a GO line inside an entry with an accession, `GO:` + 7 digits, an aspect
letter `P`/`F`/`C` before the term name, a known evidence code (`IDA` in `IDA:UniProtKB`), the
final `.`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from protea_domain.annotations.aspect import Aspect, parse_aspect
from protea_domain.annotations.fields import parse_evidence_code, parse_go_id
from protea_domain.parsing.fields import FieldError
from protea_domain.parsing.lines import parse_each_line
from protea_domain.parsing.skipped import SkippedLine

_GO_PREFIX = "DR   GO; "


@dataclass(frozen=True, slots=True)
class UniProtGoAnnotation:
    """One `DR   GO;` line of an entry; `assigned_by` is the source after the code, if any."""

    accession: str
    entry_name: str | None
    go_id: str
    aspect: Aspect
    term_name: str
    evidence_code: str
    assigned_by: str | None
    line: int


def parse_uniprot_go(
    lines: Iterable[str], source: str, *, strict: bool = True
) -> Iterator[UniProtGoAnnotation | SkippedLine]:
    """Yield a `UniProtGoAnnotation` per `DR   GO;` line of a flat file.

    Raises `ParseError` (fields `accession`, `go_id`, `aspect`, `term_name`, `evidence_code`) at
    the first bad line when `strict`, else yields a `SkippedLine` for it.
    """
    accession: str | None = None
    entry_name: str | None = None

    def parse(text: str, number: int) -> UniProtGoAnnotation | None:
        nonlocal accession, entry_name
        if text.startswith("ID   "):
            accession = None
            entry_name = text[5:].split(None, 1)[0] if text[5:].strip() else None
        elif text.startswith("AC   ") and accession is None:
            accession = text[5:].split(";", 1)[0].strip() or None
        elif text.startswith("//"):
            accession = entry_name = None
        elif text.startswith(_GO_PREFIX):
            if accession is None:
                raise FieldError("accession", "missing_value", "GO line outside an entry's AC")
            return _go_line(text[len(_GO_PREFIX) :], accession, entry_name, number)
        return None

    yield from parse_each_line(lines, source, parse, strict=strict)


def _go_line(text: str, accession: str, entry_name: str | None, line: int) -> UniProtGoAnnotation:
    body = text.rstrip()
    if not body.endswith("."):
        raise FieldError("evidence_code", "invalid_value", "GO line does not end with '.'")
    go_id, _, rest = body[:-1].partition("; ")
    term, _, evidence = rest.rpartition("; ")
    letter, colon, term_name = term.partition(":")
    if not colon:
        raise FieldError("aspect", "invalid_value", f"expected 'P:name', got {term!r}")
    if not term_name:
        raise FieldError("term_name", "missing_value", "required value is empty")
    code, _, assigned_by = evidence.partition(":")
    return UniProtGoAnnotation(
        accession,
        entry_name,
        parse_go_id(go_id),
        parse_aspect(letter, letters_only=True),
        term_name,
        parse_evidence_code(code),
        assigned_by or None,
        line,
    )
