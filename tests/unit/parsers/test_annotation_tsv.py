"""The plain annotation TSV parser: the shared 2014 and 2022 files, errors and round trips."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from protea_domain.annotations import AnnotationRow, Aspect, is_experimental, parse_annotation_tsv
from protea_domain.parsing import FatalParseError, ParseError, read_lines

from .support import lines_of, split


def _rows(path: Path) -> list[AnnotationRow]:
    rows, skipped = split(parse_annotation_tsv(read_lines(path), path.name, strict=False))
    assert skipped == []
    return rows


def test_human_2022_dev_annotations(shared_data: Path) -> None:
    rows = _rows(shared_data / "human2022" / "dev_annotations.tsv.gz")
    assert len(rows) == 162_904
    assert len({r.accession for r in rows}) == 8_573
    assert len({r.gene_symbol for r in rows}) == 8_574
    assert len({r.go_id for r in rows}) == 15_105
    assert Counter(r.aspect for r in rows) == {Aspect.P: 73_111, Aspect.F: 40_018, Aspect.C: 49_775}
    codes = Counter(r.evidence_code for r in rows)
    assert len(codes) == 20
    assert (codes["IEA"], codes["IDA"], codes["IBA"], codes["ISM"]) == (35_661, 34_592, 32_556, 2)
    experimental = [r for r in rows if r.evidence_code and is_experimental(r.evidence_code)]
    assert len(experimental) == 76_954
    assert len({r.accession for r in experimental}) == 7_704
    assert rows[0].line == 2
    assert rows[0].extras == ()


@pytest.mark.parametrize(
    ("name", "count", "aspects", "terms", "proteins"),
    [
        (
            "reference_annotations.tsv.gz",
            342_361,
            {Aspect.P: 130_174, Aspect.F: 137_307, Aspect.C: 74_880},
            11_567,
            {Aspect.P: 37_781, Aspect.F: 35_649, Aspect.C: 30_182},
        ),
        (
            "human_dev_annotations_2014.tsv.gz",
            130_925,
            {Aspect.P: 64_823, Aspect.F: 31_639, Aspect.C: 34_463},
            11_441,
            {Aspect.P: 7_637, Aspect.F: 7_408, Aspect.C: 8_160},
        ),
    ],
)
def test_swissprot_2014_annotations(
    shared_data: Path,
    name: str,
    count: int,
    aspects: dict[Aspect, int],
    terms: int,
    proteins: dict[Aspect, int],
) -> None:
    rows = _rows(shared_data / "swissprot2014" / name)
    assert len(rows) == count
    assert Counter(r.aspect for r in rows) == aspects
    assert len({r.go_id for r in rows}) == terms
    per_aspect: dict[Aspect | None, set[str]] = defaultdict(set)
    for row in rows:
        per_aspect[row.aspect].add(row.accession)
    assert {aspect: len(accessions) for aspect, accessions in per_aspect.items()} == proteins
    assert all(r.evidence_code is None and r.gene_symbol is None for r in rows)


def test_minimal_two_columns_and_extras() -> None:
    text = "Accession\tGO_ID\tnote\nP1\tGO:0000001\tx\n\nP2\tGO:0000002\t\n"
    rows = [
        r for r in parse_annotation_tsv(lines_of(text), "a.tsv") if isinstance(r, AnnotationRow)
    ]
    assert rows == [
        AnnotationRow("P1", "GO:0000001", 2, extras=(("note", "x"),)),
        AnnotationRow("P2", "GO:0000002", 4, extras=(("note", ""),)),
    ]


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ("\tGO:0000001\tIDA\tP", "accession"),
        ("P1\tGO:000001\tIDA\tP", "go_id"),
        ("P1\tGO:0000001\tida\tP", "evidence_code"),
        ("P1\tGO:0000001\tIDA\tX", "aspect"),
        ("P1\tGO:0000001\tIDA", "columns"),
    ],
)
def test_bad_rows_name_line_and_field(row: str, field: str) -> None:
    text = f"accession\tgo_id\tevidence_code\taspect\nP0\tGO:0000001\tIEA\tF\n{row}\n"
    with pytest.raises(ParseError) as caught:
        list(parse_annotation_tsv(lines_of(text), "dev.tsv"))
    assert (caught.value.source, caught.value.line, caught.value.field) == ("dev.tsv", 3, field)


def test_missing_go_column_is_fatal() -> None:
    with pytest.raises(FatalParseError) as caught:
        list(
            parse_annotation_tsv(
                lines_of("accession\tterm\nP1\tGO:0000001\n"), "a.tsv", strict=False
            )
        )
    assert (caught.value.line, caught.value.reason) == (1, "missing_column")


_accessions = st.text(st.sampled_from("ABCOPQ0123456789-_."), min_size=1, max_size=10)


@given(
    st.lists(
        st.tuples(
            _accessions,
            st.integers(0, 9_999_999),
            st.sampled_from(["EXP", "IDA", "IEA", "TAS", "IC", None]),
            st.sampled_from([Aspect.P, Aspect.F, Aspect.C, None]),
        ),
        max_size=8,
    ),
    st.permutations(["accession", "go_id", "evidence_code", "aspect"]),
)
def test_write_then_parse_round_trips(
    rows: list[tuple[str, int, str | None, Aspect | None]], order: list[str]
) -> None:
    expected = [
        AnnotationRow(acc, f"GO:{go:07d}", line, code, aspect)
        for line, (acc, go, code, aspect) in enumerate(rows, start=2)
    ]
    lines = ["\t".join(order) + "\n"] + [
        "\t".join(str(getattr(row, name) or "") for name in order) + "\n" for row in expected
    ]
    assert list(parse_annotation_tsv(lines, "generated.tsv")) == expected
