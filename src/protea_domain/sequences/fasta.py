"""A streaming FASTA parser yielding `ProteinRecord`s (or `SkippedLine`s when lenient).

Rules: blank lines are ignored anywhere; a sequence line before the first header is an error;
sequence lines are stripped of surrounding whitespace, uppercased, and one terminal `*` is
dropped; residues must be in `alphabet.PROTEIN_ALPHABET` (see there for `J` and `*`); a record
without residues is an error; an accession seen earlier in the same input is an error (the
first record wins). Errors name the header line (`header`, `accession`, ... and `sequence` for
an empty sequence) or the line holding the first invalid residue (`sequence`, with its 1-based
position in the whole sequence). When lenient, a bad record is skipped whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from protea_domain.parsing.errors import ParseError
from protea_domain.parsing.fields import FieldError
from protea_domain.parsing.skipped import SkippedLine
from protea_domain.sequences.alphabet import first_invalid_residue, normalise_residues
from protea_domain.sequences.fasta_header import parse_fasta_header
from protea_domain.sequences.protein import Protein, ProteinRecord
from protea_domain.sequences.sequence import Sequence


class _Draft:
    __slots__ = ("chunks", "header", "line", "line_numbers", "protein")

    def __init__(self, header: str, line: int, protein: Protein) -> None:
        self.header = header
        self.line = line
        self.protein = protein
        self.chunks: list[str] = []
        self.line_numbers: list[int] = []


def parse_fasta(
    lines: Iterable[str], source: str, *, strict: bool = True
) -> Iterator[ProteinRecord | SkippedLine]:
    """Yield one `ProteinRecord` per FASTA record of `lines`.

    Raises `ParseError` (a subclass of `InvalidInputError`) at the first bad record when
    `strict`; otherwise yields a `SkippedLine` in its place and goes on.
    """
    seen: dict[str, int] = {}
    draft: _Draft | None = None
    skipping = False
    for number, raw in enumerate(lines, start=1):
        if raw[:1] == ">":
            if draft is not None:
                yield from _finish(draft, source, seen, strict)
            header = raw[1:].strip()
            try:
                draft = _Draft(header, number, parse_fasta_header(header))
                skipping = False
            except FieldError as error:
                draft = None
                skipping = True
                yield from _fail(error.at(source, number), strict)
            continue
        text = raw.strip()
        if not text:
            continue
        if draft is not None:
            draft.chunks.append(text)
            draft.line_numbers.append(number)
        elif not skipping:
            skipping = True
            yield from _fail(
                ParseError(
                    "sequence data before the first '>' header",
                    source=source,
                    line=number,
                    field="header",
                    reason="missing_header",
                ),
                strict,
            )
    if draft is not None:
        yield from _finish(draft, source, seen, strict)


def _fail(error: ParseError, strict: bool) -> Iterator[SkippedLine]:
    if strict:
        raise error
    yield SkippedLine.from_error(error)


def _finish(
    draft: _Draft, source: str, seen: dict[str, int], strict: bool
) -> Iterator[ProteinRecord | SkippedLine]:
    try:
        record = _build(draft, source, seen)
    except ParseError as error:
        yield from _fail(error, strict)
        return
    seen[record.accession] = draft.line
    yield record


def _build(draft: _Draft, source: str, seen: dict[str, int]) -> ProteinRecord:
    protein = draft.protein
    first = seen.get(protein.accession)
    if first is not None:
        raise ParseError(
            f"duplicate accession {protein.accession!r} (first at line {first})",
            source=source,
            line=draft.line,
            field="accession",
            reason="duplicate",
        )
    residues = normalise_residues("".join(draft.chunks))
    if not residues:
        raise ParseError(
            f"empty sequence for {protein.accession!r}",
            source=source,
            line=draft.line,
            field="sequence",
            reason="empty_sequence",
        )
    bad = first_invalid_residue(residues)
    if bad is not None:
        raise ParseError(
            f"invalid residue {residues[bad]!r} at position {bad + 1}",
            source=source,
            line=_line_of(draft, bad),
            field="sequence",
            reason="invalid_residue",
        )
    return ProteinRecord(protein, Sequence(residues), draft.header, draft.line)


def _line_of(draft: _Draft, index: int) -> int:
    offset = 0
    for chunk, number in zip(draft.chunks, draft.line_numbers, strict=True):
        offset += len(chunk)
        if index < offset:
            return number
    return draft.line_numbers[-1] if draft.line_numbers else draft.line
