"""The FASTA parser: records, strict and lenient errors, round trips."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from protea_domain.parsing import ParseError, SkippedLine
from protea_domain.sequences import Protein, ProteinRecord, Sequence, format_fasta, parse_fasta

from .support import lines_of, split

TWO_RECORDS = """\
>sp|P12345|ABC_HUMAN Alpha OS=Homo sapiens OX=9606 GN=ABC PE=1 SV=2
MKTAYIAKQR
qisfvkshfs

>P99999-2 isoform two
MKV*
"""


def _records(text: str) -> list[ProteinRecord]:
    return [
        item for item in parse_fasta(lines_of(text), "t.fasta") if isinstance(item, ProteinRecord)
    ]


def test_multi_line_sequences_are_joined_and_uppercased() -> None:
    first, second = _records(TWO_RECORDS)
    assert first.sequence == Sequence("MKTAYIAKQRQISFVKSHFS")
    assert (first.accession, first.protein.gene_name, first.line) == ("P12345", "ABC", 1)
    assert first.header.startswith("sp|P12345|ABC_HUMAN")
    assert second.sequence.residues == "MKV"
    assert (second.protein.canonical_accession, second.protein.isoform, second.line) == (
        "P99999",
        2,
        5,
    )


def test_crlf_and_leading_blank_lines() -> None:
    records = _records("\r\n>A\r\nMK\r\nVL\r\n")
    assert [r.sequence.residues for r in records] == ["MKVL"]


def _error(text: str) -> ParseError:
    with pytest.raises(ParseError) as caught:
        list(parse_fasta(lines_of(text), "reference.fasta.gz"))
    return caught.value


def test_invalid_residue_names_its_line_and_position_in_the_sequence() -> None:
    error = _error(">A\n" + "M" * 10 + "\n" + "KKKKKKJ\n")
    assert str(error) == "reference.fasta.gz:3: sequence: invalid residue 'J' at position 17"
    assert (error.line, error.field, error.reason) == (3, "sequence", "invalid_residue")


def test_empty_sequence_is_reported_at_its_header() -> None:
    error = _error(">A\nMK\n>B\n\n>C\nMK\n")
    assert (error.line, error.field, error.reason) == (3, "sequence", "empty_sequence")


def test_lone_stop_is_an_empty_sequence() -> None:
    assert _error(">A\n*\n").reason == "empty_sequence"


def test_duplicate_accession_is_reported_at_the_second_header() -> None:
    error = _error(">A\nMK\n>B\nMV\n>A\nML\n")
    assert (error.line, error.field, error.reason) == (5, "accession", "duplicate")
    assert "first at line 1" in error.message


def test_sequence_before_any_header() -> None:
    error = _error("MKV\n>A\nMK\n")
    assert (error.line, error.field, error.reason) == (1, "header", "missing_header")


def test_bad_header_names_the_header_field() -> None:
    error = _error(">A\nMK\n>sp|P12345|ABC_HUMAN x OX=abc\nMK\n")
    assert (error.line, error.field) == (3, "taxon_id")


def test_lenient_mode_skips_bad_records_whole_and_goes_on() -> None:
    text = ">A\nMK\n>B\nMJ\nKK\n>sp|bad|X_Y\nMK\n>A\nMV\n>C\n>D\nmv\n"
    records, skipped = split(parse_fasta(lines_of(text), "q.fa", strict=False))
    assert [r.accession for r in records] == ["A", "D"]
    assert [(s.line, s.field, s.reason) for s in skipped] == [
        (4, "sequence", "invalid_residue"),
        (6, "accession", "invalid_value"),
        (8, "accession", "duplicate"),
        (10, "sequence", "empty_sequence"),
    ]
    assert all(isinstance(s, SkippedLine) and s.source == "q.fa" for s in skipped)


def test_a_skipped_first_record_does_not_make_the_next_a_duplicate() -> None:
    records, skipped = split(parse_fasta(lines_of(">A\nMJ\n>A\nMK\n"), "q", strict=False))
    assert [r.line for r in records] == [3]
    assert len(skipped) == 1


_accessions = st.from_regex(
    r"[OPQ][0-9][A-Z0-9]{3}[0-9]|[A-NR-Z][0-9][A-Z][A-Z0-9]{2}[0-9]", fullmatch=True
)
_words = st.text(
    st.sampled_from("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789-/(),"), min_size=1, max_size=12
)
_phrases = st.lists(_words, min_size=1, max_size=4).map(" ".join)


@st.composite
def _proteins(draw: st.DrawFn) -> Protein:
    canonical = draw(_accessions)
    isoform = draw(st.none() | st.integers(1, 40))
    accession = canonical if isoform is None else f"{canonical}-{isoform}"
    if draw(st.booleans()):
        return Protein(accession, canonical, isoform, description=draw(st.none() | _phrases))
    return Protein(
        accession,
        canonical,
        isoform,
        entry_name=draw(st.from_regex(r"[A-Z0-9]{2,8}_[A-Z]{3,5}", fullmatch=True)),
        description=draw(st.none() | _phrases),
        organism=draw(st.none() | _phrases),
        taxon_id=draw(st.none() | st.integers(1, 3_000_000)),
        gene_name=draw(st.none() | _words),
        protein_existence=draw(st.none() | st.integers(1, 5)),
        sequence_version=draw(st.none() | st.integers(1, 20)),
        reviewed=draw(st.booleans()),
    )


_residues = st.text(st.sampled_from("ACDEFGHIKLMNPQRSTVWYBXZUO"), min_size=1, max_size=300)


@given(
    st.lists(
        st.tuples(_proteins(), _residues), max_size=6, unique_by=lambda pair: pair[0].accession
    ),
    st.integers(1, 80),
)
def test_write_then_parse_round_trips(pairs: list[tuple[Protein, str]], width: int) -> None:
    lines = [
        line
        for protein, residues in pairs
        for line in format_fasta(protein, Sequence(residues), width)
    ]
    records = [r for r in parse_fasta(lines, "generated.fasta") if isinstance(r, ProteinRecord)]
    assert [(r.protein, r.sequence.residues) for r in records] == [(p, s) for p, s in pairs]
