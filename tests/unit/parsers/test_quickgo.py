"""The QuickGO TSV download parser: header mapping, checks and round trips."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from protea_domain.annotations import Aspect, QuickGoAnnotation, parse_quickgo_tsv
from protea_domain.parsing import FatalParseError, ParseError

from .support import lines_of, split

HEADER = (
    "GENE PRODUCT DB\tGENE PRODUCT ID\tSYMBOL\tQUALIFIER\tGO TERM\tGO ASPECT\tECO ID\t"
    "GO EVIDENCE CODE\tREFERENCE\tWITH/FROM\tTAXON ID\tASSIGNED BY\tANNOTATION EXTENSION\tDATE"
)
ROW = (
    "UniProtKB\tP62258\tYWHAE\tenables\tGO:0005515\tmolecular_function\tECO:0000353\tIPI\t"
    "PMID:1\tUniProtKB:Q1\t9606\tIntAct\t\t20230112"
)


def _parse(text: str) -> list[QuickGoAnnotation]:
    return [
        r
        for r in parse_quickgo_tsv(lines_of(text), "QuickGO.tsv")
        if isinstance(r, QuickGoAnnotation)
    ]


def test_standard_download() -> None:
    [record] = _parse(f"{HEADER}\n{ROW}\n")
    assert record == QuickGoAnnotation(
        gene_product_id="P62258",
        go_id="GO:0005515",
        line=2,
        db="UniProtKB",
        symbol="YWHAE",
        qualifier="enables",
        aspect=Aspect.F,
        eco_id="ECO:0000353",
        evidence_code="IPI",
        reference="PMID:1",
        with_from="UniProtKB:Q1",
        taxon_id=9606,
        assigned_by="IntAct",
        annotation_extension="",
        date="20230112",
    )
    assert not record.negated
    assert record.accession == "P62258"


def test_columns_are_found_by_name_in_any_order_and_spelling() -> None:
    text = (
        "go term\tGENE_PRODUCT_ID\tGO NAME\tGO ASPECT\tQUALIFIER\tGENE_PRODUCT_TYPE\tMy Notes\n"
        "GO:0008150\tUniProtKB:Q9BU99-2\tbiological_process\tP\tNOT|involved_in\tprotein\tok\n"
    )
    [record] = _parse(text)
    assert (record.go_id, record.gene_product_id, record.accession) == (
        "GO:0008150",
        "UniProtKB:Q9BU99-2",
        "Q9BU99-2",
    )
    assert (record.aspect, record.go_name, record.gene_product_type) == (
        Aspect.P,
        "biological_process",
        "protein",
    )
    assert record.negated
    assert dict(record.extras) == {"My Notes": "ok"}
    assert record.db is None


@pytest.mark.parametrize(
    ("word", "aspect"),
    [
        ("biological_process", Aspect.P),
        ("cellular_component", Aspect.C),
        ("F", Aspect.F),
        ("Process", Aspect.P),
    ],
)
def test_aspect_words_and_letters(word: str, aspect: Aspect) -> None:
    [record] = _parse(f"GENE PRODUCT ID\tGO TERM\tGO ASPECT\nP1\tGO:0000001\t{word}\n")
    assert record.aspect is aspect


@pytest.mark.parametrize(
    ("column", "value", "field"),
    [
        (1, "", "gene_product_id"),
        (4, "GO:12", "go_id"),
        (5, "metabolism", "aspect"),
        (6, "ECO:1", "eco_id"),
        (7, "XYZ", "evidence_code"),
        (10, "human", "taxon_id"),
        (13, "20231301", "date"),
    ],
)
def test_bad_values_name_line_and_field(column: int, value: str, field: str) -> None:
    columns = ROW.split("\t")
    columns[column] = value
    text = f"{HEADER}\n{ROW}\n\n" + "\t".join(columns) + "\n"
    with pytest.raises(ParseError) as caught:
        _parse(text)
    assert (caught.value.source, caught.value.line, caught.value.field) == ("QuickGO.tsv", 4, field)


def test_short_row_and_lenient_mode() -> None:
    text = f"{HEADER}\nUniProtKB\tP1\n{ROW}\n"
    records, skipped = split(parse_quickgo_tsv(lines_of(text), "q.tsv", strict=False))
    assert [r.line for r in records] == [3]
    assert [(s.line, s.field, s.reason) for s in skipped] == [(2, "columns", "column_count")]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "missing_header"),
        ("GENE PRODUCT ID\tSYMBOL\nP1\tX\n", "missing_column"),
        ("GO TERM\tGENE PRODUCT ID\tGO_TERM\n", "duplicate_column"),
    ],
)
def test_header_problems_are_fatal_even_when_lenient(text: str, reason: str) -> None:
    with pytest.raises(FatalParseError) as caught:
        list(parse_quickgo_tsv(lines_of(text), "q.tsv", strict=False))
    assert (caught.value.field, caught.value.reason) == ("header", reason)


_ids = st.text(st.sampled_from("ABCPQ0123456789_-"), min_size=1, max_size=10)
_free = st.text(st.sampled_from("abc XYZ:|()019"), max_size=10)


@given(
    st.lists(
        st.tuples(
            _ids,
            st.integers(0, 9_999_999),
            st.sampled_from(
                ["P", "F", "C", "biological_process", "molecular_function", "cellular_component"]
            ),
            st.sampled_from(["IDA", "IEA", "IBA", ""]),
            st.none() | st.integers(1, 10**7),
            _free,
        ),
        max_size=5,
    )
)
def test_write_then_parse_round_trips(
    rows: list[tuple[str, int, str, str, int | None, str]],
) -> None:
    header = "GENE PRODUCT ID\tGO TERM\tGO ASPECT\tGO EVIDENCE CODE\tTAXON ID\tGO NAME\n"
    body = [
        f"{gp}\tGO:{go:07d}\t{aspect}\t{code}\t{'' if taxon is None else taxon}\t{name}\n"
        for gp, go, aspect, code, taxon, name in rows
    ]
    records = _parse(header + "".join(body))
    assert [
        (r.gene_product_id, r.go_id, r.aspect, r.evidence_code, r.taxon_id, r.go_name)
        for r in records
    ] == [
        (gp, f"GO:{go:07d}", _ASPECTS[aspect], code, taxon, name)
        for gp, go, aspect, code, taxon, name in rows
    ]


_ASPECTS = {
    "P": Aspect.P,
    "F": Aspect.F,
    "C": Aspect.C,
    "biological_process": Aspect.P,
    "molecular_function": Aspect.F,
    "cellular_component": Aspect.C,
}
