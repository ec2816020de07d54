"""The Sequence value object, the alphabet and UniProt accessions."""

from __future__ import annotations

import hashlib

import pytest

from protea_domain.errors import InvalidInputError
from protea_domain.sequences import Sequence, is_uniprot_accession, split_isoform
from protea_domain.sequences.alphabet import PROTEIN_ALPHABET


def test_md5_is_the_hex_digest_of_the_residues() -> None:
    sequence = Sequence("MKTAYIAKQR")
    assert sequence.md5 == hashlib.md5(b"MKTAYIAKQR").hexdigest()
    assert len(sequence) == 10


def test_equal_residues_deduplicate() -> None:
    assert {Sequence("MKV"), Sequence("MKV"), Sequence("MKW")} == {Sequence("MKV"), Sequence("MKW")}
    assert Sequence("MKV").md5 == Sequence.from_text("mkv*").md5


def test_alphabet_is_uniprots() -> None:
    assert set("ACDEFGHIKLMNPQRSTVWYBXZUO") == PROTEIN_ALPHABET
    Sequence("ACDEFGHIKLMNPQRSTVWYBXZUO")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty sequence"),
        ("MKJ", "invalid residue 'J' at position 3"),
        ("MK*V", "invalid residue '*' at position 3"),
        ("MK-V", "invalid residue '-' at position 3"),
        ("mkv", "invalid residue 'm' at position 1"),
        ("MKÄ", "invalid residue 'Ä' at position 3"),
    ],
)
def test_invalid_sequences_are_rejected(text: str, message: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        Sequence(text)
    assert str(caught.value) == message


def test_from_text_uppercases_and_drops_one_terminal_stop() -> None:
    assert Sequence.from_text("mkv*").residues == "MKV"
    with pytest.raises(InvalidInputError):
        Sequence.from_text("MKV**")


@pytest.mark.parametrize(
    ("identifier", "expected"),
    [
        ("P12345", ("P12345", None)),
        ("P12345-2", ("P12345", 2)),
        ("A0A024R161-12", ("A0A024R161", 12)),
        ("query-1", ("query-1", None)),
        ("P12345-0", ("P12345-0", None)),
    ],
)
def test_split_isoform(identifier: str, expected: tuple[str, int | None]) -> None:
    assert split_isoform(identifier) == expected


def test_uniprot_accession_shapes() -> None:
    assert is_uniprot_accession("Q9BU99")
    assert is_uniprot_accession("A0A075B6I4")
    assert is_uniprot_accession("P12345-3")
    assert not is_uniprot_accession("P12345-3", allow_isoform=False)
    assert not is_uniprot_accession("12345")
    assert not is_uniprot_accession("p12345")
