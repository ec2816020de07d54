"""The UniProtKB REST `format=tsv` parser."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from protea_domain.parsing import FatalParseError, ParseError
from protea_domain.sequences import Protein, Sequence, UniProtEntry, parse_uniprot_tsv

from .support import lines_of, split

HEADER = (
    "Entry\tEntry Name\tReviewed\tProtein names\tGene Names\tOrganism\tOrganism (ID)\tLength\t"
    "Sequence\tGene Ontology IDs\tAnnotation"
)
ROW = (
    "P62258\t1433E_HUMAN\treviewed\t14-3-3 protein epsilon (14-3-3E)\tYWHAE\t"
    "Homo sapiens (Human)\t9606\t5\tMDDRE\tGO:0005737; GO:0005829\t5.0"
)


def _entries(text: str) -> list[UniProtEntry]:
    return [
        e for e in parse_uniprot_tsv(lines_of(text), "uniprot.tsv") if isinstance(e, UniProtEntry)
    ]


def test_rest_tsv_row() -> None:
    [entry] = _entries(f"{HEADER}\n{ROW}\n")
    assert (entry.accession, entry.entry_name, entry.reviewed, entry.line) == (
        "P62258",
        "1433E_HUMAN",
        True,
        2,
    )
    assert entry.gene_names == ("YWHAE",)
    assert (entry.organism, entry.taxon_id, entry.length) == ("Homo sapiens (Human)", 9606, 5)
    assert entry.sequence == Sequence("MDDRE")
    assert entry.go_ids == ("GO:0005737", "GO:0005829")
    assert dict(entry.extras) == {"Annotation": "5.0"}
    assert entry.to_protein() == Protein(
        "P62258",
        "P62258",
        entry_name="1433E_HUMAN",
        description="14-3-3 protein epsilon (14-3-3E)",
        organism="Homo sapiens (Human)",
        taxon_id=9606,
        gene_name="YWHAE",
        reviewed=True,
    )


def test_only_entry_is_required_and_empty_cells_read_none() -> None:
    [entry] = _entries(
        "Entry\tGene Names (primary)\tGene Names\tReviewed\nQ9BU99-2\t\tA B\tunreviewed\n"
    )
    assert entry == UniProtEntry("Q9BU99-2", 2, gene_names=("A", "B"), reviewed=False)
    assert entry.to_protein().isoform == 2
    assert entry.to_protein().gene_name == "A"


@pytest.mark.parametrize(
    ("column", "value", "field"),
    [
        (0, "NOTACC", "accession"),
        (2, "yes", "reviewed"),
        (6, "human", "taxon_id"),
        (7, "-1", "length"),
        (8, "MDJRE", "sequence"),
        (8, "MDDR", "sequence"),
        (9, "GO:0005737;GO:123", "go_ids"),
    ],
)
def test_bad_cells_name_line_and_field(column: int, value: str, field: str) -> None:
    columns = ROW.split("\t")
    columns[column] = value
    with pytest.raises(ParseError) as caught:
        _entries(f"{HEADER}\n{ROW}\n" + "\t".join(columns) + "\n")
    assert (caught.value.line, caught.value.field) == (3, field)


def test_lenient_and_missing_entry_column() -> None:
    entries, skipped = split(
        parse_uniprot_tsv(lines_of(f"{HEADER}\n{ROW}\nP1\n"), "u.tsv", strict=False)
    )
    assert len(entries) == 1
    assert [(s.line, s.reason) for s in skipped] == [(3, "column_count")]
    with pytest.raises(FatalParseError):
        list(parse_uniprot_tsv(lines_of("Entry Name\tLength\nX_Y\t3\n"), "u.tsv", strict=False))


@given(
    st.lists(
        st.tuples(
            st.from_regex(r"[OPQ][0-9][A-Z0-9]{3}[0-9]", fullmatch=True),
            st.sampled_from(["reviewed", "unreviewed"]),
            st.integers(1, 10**6),
            st.text(st.sampled_from("ACDEFGHIKLMNPQRSTVWY"), min_size=1, max_size=50),
            st.text(st.sampled_from("abc XYZ-()"), max_size=10),
        ),
        max_size=5,
    )
)
def test_write_then_parse_round_trips(rows: list[tuple[str, str, int, str, str]]) -> None:
    header = "Entry\tReviewed\tOrganism (ID)\tLength\tSequence\tExtra\n"
    body = "".join(f"{a}\t{r}\t{t}\t{len(s)}\t{s}\t{x}\n" for a, r, t, s, x in rows)
    entries = _entries(header + body)
    assert [
        (e.accession, e.reviewed, e.taxon_id, e.length, e.sequence, dict(e.extras)) for e in entries
    ] == [(a, r == "reviewed", t, len(s), Sequence(s), {"Extra": x}) for a, r, t, s, x in rows]
